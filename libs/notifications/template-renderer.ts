import Handlebars from 'handlebars';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { formatDeadline } from '../calendar';
import { DEFAULT_LOCALE, isLocale, LOCALES, NotificationTemplate } from '../domain';
import type { Locale } from '../domain';
import { isPhrase, phraseWords, reschedulesWords, WORD_TABLES, wordFor } from './message-words';
import type { WordTable } from './message-words';

export type TemplateData = Record<string, unknown>;

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
}

/** Data a template asked for but was not given, or a template that does not exist. */
export class TemplateRenderError extends Error {
  override name = 'TemplateRenderError';
}

type Part = 'subject' | 'txt' | 'html';
const PARTS: readonly Part[] = ['subject', 'txt', 'html'];
const EMAIL_LAYOUT_PARTIAL = 'layouts/email';

/** The templates/ folder, from the sources (libs/notifications) or from the build (dist/libs/notifications). */
export function defaultTemplatesDir(): string {
  const candidates = [resolve(__dirname, '../../templates'), resolve(__dirname, '../../../templates')];
  const found = candidates.find((dir) => existsSync(join(dir, 'emails')));
  if (!found) throw new TemplateRenderError(`no templates/emails folder found near ${__dirname}`);
  return found;
}

/**
 * `{{deadline dueAt timeZone}}` in the messages of `locale`: an ISO 8601 instant (with Z or an offset) and an IANA
 * zone, written as "11 April 2027, 23:59 (Europe/Paris)" in English, "11 avril 2027, 23:59 (Europe/Paris)" in French.
 * Throws, as strict templates do, when either is missing or invalid.
 */
export function deadlineHelperFor(locale: Locale): (at: unknown, timeZone: unknown, ...rest: unknown[]) => string {
  return (at, timeZone, ...rest) => {
    if (rest.length !== 1) throw new Error('deadline takes two arguments: {{deadline <ISO instant> <IANA time zone>}}');
    if (typeof at !== 'string' && !(at instanceof Date)) throw new Error(`deadline needs an ISO 8601 instant, got ${describe(at)}`);
    if (typeof timeZone !== 'string') throw new Error(`deadline needs an IANA time zone name, got ${describe(timeZone)}`);
    return formatDeadline(at, timeZone, locale);
  };
}

/** The English `deadline` helper (see deadlineHelperFor). */
export const deadlineHelper = deadlineHelperFor('en');

/**
 * The value helpers of a language's messages, for what the process puts into a message as codes
 * (libs/notifications/message-words.ts). Each throws, as strict templates do, when its value is missing.
 * - `{{word "method" method}}`: a code of one of WORD_TABLES in words ("interview" → "entretien");
 * - `{{phrase reason}}`: a phrase the process made up ({ phrase: 'reschedule_requested' }) in words, or a text a
 *   person typed as typed;
 * - `{{reschedules reschedulesLeft}}`: a count of the times left to ask for another time ("encore 2 fois").
 * Values written by an earlier version of the process (English words where codes now are) come out as they are.
 */
export function valueHelpersFor(locale: Locale): Record<'word' | 'phrase' | 'reschedules', (...args: unknown[]) => string> {
  return {
    word: (table, value, ...rest) => {
      if (rest.length !== 1) throw new Error('word takes two arguments: {{word "<table>" <value>}}');
      if (!WORD_TABLES.includes(table as WordTable)) throw new Error(`word knows the tables ${WORD_TABLES.join(', ')}, got ${describe(table)}`);
      if (typeof value !== 'string') throw new Error(`word "${String(table)}" needs a code, got ${describe(value)}`);
      return wordFor(table as WordTable, value, locale);
    },
    phrase: (value, ...rest) => {
      if (rest.length !== 1) throw new Error('phrase takes one argument: {{phrase <value>}}');
      if (typeof value === 'string') return value;
      if (isPhrase(value)) return phraseWords(value, locale);
      throw new Error(`phrase needs a text or a known phrase, got ${value && typeof value === 'object' ? JSON.stringify(value) : describe(value)}`);
    },
    reschedules: (value, ...rest) => {
      if (rest.length !== 1) throw new Error('reschedules takes one argument: {{reschedules <count>}}');
      if (typeof value === 'string') return value;
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw new Error(`reschedules needs a whole number, got ${describe(value)}`);
      return reschedulesWords(value, locale);
    },
  };
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}

/** Where a language's templates are: English at the top of emails/ and layouts/, every other language in a subfolder. */
function languageDir(templatesDir: string, folder: 'emails' | 'layouts', locale: Locale): string {
  return locale === DEFAULT_LOCALE ? join(templatesDir, folder) : join(templatesDir, folder, locale);
}

/**
 * Renders the message templates in each language: templates/emails/<id>.{subject,txt,html}.hbs in English and
 * templates/emails/<locale>/<id>.{subject,txt,html}.hbs in the others (templates/emails/fr/…), each with the same
 * data. Every template of every language is compiled once, strictly (a variable the data lacks is an error, never
 * an empty string), and a language that lacks a part is an error at construction. HTML is escaped; the subject and
 * text parts are plain text and are not. Each language has its own handlebars instance, so its HTML layout
 * (templates/layouts[/<locale>]/email.html.hbs, the partial `layouts/email`), its `deadline` helper (see
 * deadlineHelperFor) and its value helpers (see valueHelpersFor) are the ones of that language: a French message
 * cannot pick up the English layout, nor English words for the codes the process sends.
 */
export class TemplateRenderer {
  private readonly compiled = new Map<string, HandlebarsTemplateDelegate>();

  constructor(readonly templatesDir: string = defaultTemplatesDir()) {
    for (const locale of LOCALES) {
      const handlebars = Handlebars.create();
      handlebars.registerHelper('deadline', deadlineHelperFor(locale));
      handlebars.registerHelper(valueHelpersFor(locale));
      const layoutFile = join(languageDir(templatesDir, 'layouts', locale), 'email.html.hbs');
      if (!existsSync(layoutFile)) throw new TemplateRenderError(`the ${locale} e-mail layout is missing: ${layoutFile}`);
      handlebars.registerPartial(EMAIL_LAYOUT_PARTIAL, handlebars.compile(readFileSync(layoutFile, 'utf8'), { strict: true }));
      for (const id of Object.values(NotificationTemplate)) {
        for (const part of PARTS) {
          const file = join(languageDir(templatesDir, 'emails', locale), `${id}.${part}.hbs`);
          if (!existsSync(file)) throw new TemplateRenderError(`template ${id} has no ${locale} ${part} part: ${file} is missing`);
          const source = readFileSync(file, 'utf8');
          this.compiled.set(`${locale}/${id}.${part}`, handlebars.compile(source, { strict: true, noEscape: part !== 'html' }));
        }
      }
    }
  }

  /** The message in `locale` (the recipient's language; English when they have not chosen one). */
  render(template: NotificationTemplate, data: TemplateData, locale: Locale = DEFAULT_LOCALE): RenderedMessage {
    if (!isLocale(locale)) throw new TemplateRenderError(`there are no messages in ${JSON.stringify(locale)}: the languages are ${LOCALES.join(', ')}`);
    return {
      // A subject is one line: line breaks in user data must not reach a mail header, whatever path the data took
      // (the API refuses them in titles; seeds and older rows may hold them). \s misses U+0085 (next line), so
      // every control character goes too.
      subject: this.renderPart(template, locale, 'subject', data).replace(/[\s\p{Cc}]+/gu, ' ').trim(),
      text: this.renderPart(template, locale, 'txt', data),
      html: this.renderPart(template, locale, 'html', data),
    };
  }

  private renderPart(template: NotificationTemplate, locale: Locale, part: Part, data: TemplateData): string {
    const compiled = this.compiled.get(`${locale}/${template}.${part}`);
    if (!compiled) throw new TemplateRenderError(`there is no template ${template}`);
    const file = locale === DEFAULT_LOCALE ? `${template}.${part}.hbs` : `${locale}/${template}.${part}.hbs`;
    try {
      return compiled(data);
    } catch (err) {
      const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
      throw new TemplateRenderError(`cannot render ${file}: ${reason}`);
    }
  }
}
