import Handlebars from 'handlebars';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locale } from '../domain';
import { Translations } from '../i18n/i18n';
import type { RenderedMessage } from './template-renderer';
import { defaultTemplatesDir } from './template-renderer';

/** Messages about a person's account (not a case): templates/emails/account/<id>.{subject,txt,html}.hbs. */
export const ACCOUNT_MESSAGES = ['verify-email', 'reset-password', 'sign-up-attempt', 'assessor-invitation'] as const;
export type AccountMessage = (typeof ACCOUNT_MESSAGES)[number];

/**
 * Renders the account messages in the recipient's language, with the words from the message catalogues
 * (`{{t "key"}}`). Strict like the case messages: missing data or a missing key is an error. HTML escaped;
 * subject and text are plain text.
 */
export class AccountMessages {
  private readonly handlebars = Handlebars.create();
  private readonly compiled = new Map<string, HandlebarsTemplateDelegate>();

  constructor(
    private readonly translations: Translations = new Translations(),
    templatesDir: string = defaultTemplatesDir(),
  ) {
    const h = this.handlebars;
    h.registerHelper('t', (key: unknown, options: Handlebars.HelperOptions) =>
      translations.t((options.data as { root: { locale: Locale } }).root.locale, String(key), options.hash as Record<string, unknown>),
    );
    const dir = join(templatesDir, 'emails', 'account');
    h.registerPartial('account-layout', h.compile(readFileSync(join(dir, 'layout.html.hbs'), 'utf8'), { strict: true }));
    for (const id of ACCOUNT_MESSAGES) {
      for (const part of ['subject', 'txt', 'html'] as const) {
        this.compiled.set(`${id}.${part}`, h.compile(readFileSync(join(dir, `${id}.${part}.hbs`), 'utf8'), { strict: true, noEscape: part !== 'html' }));
      }
    }
  }

  /**
   * The message; `hours` (confirmation) or `minutes` (reset) is how long its link works. `sign-up-attempt` tells
   * an account's owner that someone tried to sign up with their address, with the ways in. `assessor-invitation`
   * tells a person their awarding body added them as an assessor, with the link that sets their password (`days`).
   */
  render(id: 'verify-email', locale: Locale, data: { recipientName: string; link: string; hours: number }): RenderedMessage;
  render(id: 'reset-password', locale: Locale, data: { recipientName: string; link: string; minutes: number }): RenderedMessage;
  render(id: 'sign-up-attempt', locale: Locale, data: { recipientName: string; signInLink: string; resetLink: string }): RenderedMessage;
  render(id: 'assessor-invitation', locale: Locale, data: { recipientName: string; bodyName: string; link: string; days: number; forgotLink: string }): RenderedMessage;
  render(
    id: AccountMessage,
    locale: Locale,
    data: { recipientName: string; link?: string; hours?: number; minutes?: number; days?: number; signInLink?: string; resetLink?: string; bodyName?: string; forgotLink?: string },
  ): RenderedMessage {
    const root = { ...data, locale };
    const part = (p: string) => this.compiled.get(`${id}.${p}`)!(root);
    return { subject: part('subject').replace(/[\s\p{Cc}]+/gu, ' ').trim(), text: part('txt'), html: part('html') };
  }
}
