import { Inject, Injectable } from '@nestjs/common';
import Handlebars from 'handlebars';
import { DateTime } from 'luxon';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { APP_CONFIG } from '../../../../libs/config/config.module';
import type { AppConfig } from '../../../../libs/config/config';
import { Translations } from '../../../../libs/i18n/i18n';
import { LOCALES, Role } from '../../../../libs/domain';
import type { Locale } from '../../../../libs/domain';
import type { Actor } from '../common/decorators';
import type { HttpResponse } from '../common/http';

/** templates/portal, from the sources or from the build. */
function portalTemplatesDir(): string {
  const found = [resolve(__dirname, '../../../../templates/portal'), resolve(__dirname, '../../../../../templates/portal')].find((dir) => existsSync(join(dir, 'layouts')));
  if (!found) throw new Error(`no templates/portal folder found near ${__dirname}`);
  return found;
}

/** The portal's stylesheet and scripts (templates/portal/assets), served at /portal/assets/. */
export function portalAssetsDir(): string {
  return join(portalTemplatesDir(), 'assets');
}

/** A message shown above a page's content once (after a redirect it travels in the query: ?notice=<key>). */
export interface Notice {
  kind: 'success' | 'info';
  key: string;
}

/** What every page is rendered with besides its own data. */
export interface PageContext {
  locale: Locale;
  actor: Actor | null;
  /** The IANA zone times are shown in: the person's, else their awarding body's, else UTC. */
  timeZone: string;
  /** The anti-forgery token every form posts back as `_csrf`. */
  csrfToken: string;
  /** The path and query of this page, for the language switch to come back to. */
  path: string;
  notice?: Notice | null;
}

export type PageResponse = HttpResponse & { send(body: string): void; redirect(status: number, url: string): void };

/** Where each role lands after signing in. */
export const HOME_PATHS: Record<Role, string> = {
  [Role.Candidate]: '/portal/candidate',
  [Role.Assessor]: '/portal/assessor',
  [Role.BodyAdmin]: '/portal/admin',
};

/**
 * The portal's pages: templates/portal/pages/<name>.hbs inside layouts/main.hbs, with partials from partials/.
 * Strict handlebars (a value the data lacks is an error) and every value escaped; words come from the message
 * catalogues through `{{t "key" name=value}}`, in the page's language, and a key missing from it is an error.
 */
@Injectable()
export class PortalPages {
  private readonly handlebars = Handlebars.create();
  private readonly pages = new Map<string, HandlebarsTemplateDelegate>();
  private readonly layout: HandlebarsTemplateDelegate;
  private readonly secure: boolean;

  constructor(
    readonly translations: Translations,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.secure = config.http.publicUrl.startsWith('https:');
    const dir = portalTemplatesDir();
    const h = this.handlebars;
    h.registerHelper('t', function (this: unknown, key: unknown, options: Handlebars.HelperOptions) {
      const locale = (options.data as { root: { locale: Locale } }).root.locale;
      if (typeof key !== 'string') throw new Error('t needs a message key: {{t "section.key"}}');
      return translations.t(locale, key, options.hash as Record<string, unknown>);
    });
    h.registerHelper('eq', (a: unknown, b: unknown) => a === b);
    h.registerHelper('or', (a: unknown, b: unknown) => Boolean(a) || Boolean(b));
    h.registerHelper('and', (a: unknown, b: unknown) => Boolean(a) && Boolean(b));
    h.registerHelper('concat', (...parts: unknown[]) => parts.slice(0, -1).map(String).join(''));
    // "12 March 2027, 17:00": an instant in the reader's zone, the zone named once per page (site.timeZoneNote)
    h.registerHelper('dateTime', (at: unknown, options: Handlebars.HelperOptions) => {
      const root = (options.data as { root: { locale: Locale; timeZone: string } }).root;
      if (at === null || at === undefined) return '';
      const instant = at instanceof Date ? DateTime.fromJSDate(at) : DateTime.fromISO(String(at));
      return instant.setZone(root.timeZone).setLocale(root.locale).toLocaleString(DateTime.DATETIME_MED);
    });
    for (const file of readdirSync(join(dir, 'partials'))) {
      // partials take optional hash values (a field's hint, its error): not strict, still escaped
      if (file.endsWith('.hbs')) h.registerPartial(file.replace(/\.hbs$/, ''), h.compile(readFileSync(join(dir, 'partials', file), 'utf8')));
    }
    this.layout = h.compile(readFileSync(join(dir, 'layouts', 'main.hbs'), 'utf8'), { strict: true });
    // pages/<name>.hbs, and pages/<area>/<name>.hbs as "<area>/<name>"
    for (const file of readdirSync(join(dir, 'pages'), { recursive: true }) as string[]) {
      if (file.endsWith('.hbs')) this.pages.set(file.replace(/\.hbs$/, '').split(sep).join('/'), h.compile(readFileSync(join(dir, 'pages', file), 'utf8'), { strict: true }));
    }
  }

  /** The page as HTML; `title` is a message key, `data` the page's own values. */
  html(name: string, ctx: PageContext, title: string, data: Record<string, unknown> = {}): string {
    const page = this.pages.get(name);
    if (!page) throw new Error(`no portal page ${name}`);
    // the page may know better (a case's awarding body); until the person chooses a zone, UTC, named as such
    const timeZone = (typeof data.timeZone === 'string' ? data.timeZone : null) ?? ctx.timeZone;
    const root = {
      ...data,
      locale: ctx.locale,
      timeZone,
      csrfToken: ctx.csrfToken,
      actor: ctx.actor,
      role: ctx.actor?.role ?? null,
      homePath: ctx.actor ? HOME_PATHS[ctx.actor.role] : '/portal',
      notice: ctx.notice ?? null,
      otherLocales: LOCALES.filter((l) => l !== ctx.locale).map((l) => ({ code: l, name: this.translations.t(l, 'site.languageName') })),
      here: ctx.path,
    };
    const content = page(root);
    return this.layout({ ...root, title: this.translations.t(ctx.locale, title, data as Record<string, unknown>), content });
  }

  /** Renders and sends the page: never cached (it carries a form token and personal data). */
  render(res: PageResponse, status: number, name: string, ctx: PageContext, title: string, data: Record<string, unknown> = {}): void {
    const html = this.html(name, ctx, title, data);
    res.status(status).set({ 'Cache-Control': 'no-store', Vary: 'Cookie, Accept-Language', 'Content-Language': ctx.locale, 'Content-Type': 'text/html; charset=utf-8' });
    res.send(html);
  }

  get secureCookies(): boolean {
    return this.secure;
  }
}
