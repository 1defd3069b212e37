import i18next from 'i18next';
import type { i18n as I18n, TFunction } from 'i18next';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_LOCALE, LOCALES } from '../domain';
import type { Locale } from '../domain';

/** A key the catalogue of a language lacks: a page or message would show the key instead of words. */
export class MissingTranslationError extends Error {
  override name = 'MissingTranslationError';
}

/** templates/locales, from the sources (libs/i18n) or from the build (dist/libs/i18n). */
export function defaultLocalesDir(): string {
  const found = [resolve(__dirname, '../../templates/locales'), resolve(__dirname, '../../../templates/locales')].find((dir) => existsSync(join(dir, 'en')));
  if (!found) throw new Error(`no templates/locales folder found near ${__dirname}`);
  return found;
}

/**
 * One language's catalogue: templates/locales/<locale>/<area>.json, each file the texts of one area of the
 * product under its name ("account.json" holds the "account.…" keys).
 */
export function readCatalogue(dir: string): Record<string, object> {
  const areas = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  return Object.fromEntries(areas.map((f) => [f.replace(/\.json$/, ''), JSON.parse(readFileSync(join(dir, f), 'utf8')) as object]));
}

/** Every key of a nested catalogue, dotted ("account.signIn.title"). */
export function catalogueKeys(catalogue: object, prefix = ''): string[] {
  return Object.entries(catalogue).flatMap(([key, value]) =>
    value !== null && typeof value === 'object' ? catalogueKeys(value as object, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

/**
 * The message catalogues of the portal and the e-mails (templates/locales/<locale>/<area>.json), loaded once into an
 * i18next instance. Strict: a key missing from a language is an error, never the key shown nor English in a
 * French page (`t`). Interpolated values are not escaped here: the templates escape them (handlebars `{{ }}`).
 */
export class Translations {
  private readonly i18n: I18n;

  constructor(localesDir: string = defaultLocalesDir()) {
    const resources = Object.fromEntries(LOCALES.map((lng) => [lng, { translation: readCatalogue(join(localesDir, lng)) }]));
    this.i18n = i18next.createInstance();
    void this.i18n.init({
      resources,
      lng: DEFAULT_LOCALE,
      supportedLngs: [...LOCALES],
      fallbackLng: false,
      initAsync: false,
      interpolation: { escapeValue: false },
      returnNull: false,
      showSupportNotice: false,
    } as Parameters<I18n['init']>[0]);
  }

  /** The text of `key` in `locale`, with {{values}} filled in; throws MissingTranslationError when the catalogue lacks it. */
  t(locale: Locale, key: string, values: Record<string, unknown> = {}): string {
    // a count picks the plural form (key_one, key_other…) by the language's rules
    const plural = typeof values.count === 'number' && this.has(locale, `${key}_other`);
    if (!plural && !this.has(locale, key)) throw new MissingTranslationError(`the ${locale} catalogue has no text "${key}"`);
    return String(this.fixed(locale)(key, values as never));
  }

  /** Whether the catalogue of `locale` has a text (not a section) at `key`. */
  has(locale: Locale, key: string): boolean {
    return typeof this.i18n.getResource(locale, 'translation', key) === 'string';
  }

  /** Every key of a language's catalogue (tests compare the languages). */
  keys(locale: Locale): string[] {
    return catalogueKeys((this.i18n.getResourceBundle(locale, 'translation') as object | undefined) ?? {});
  }

  private fixed(locale: Locale): TFunction {
    return this.i18n.getFixedT(locale);
  }
}
