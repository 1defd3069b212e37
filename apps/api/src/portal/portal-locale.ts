import { parse } from 'cookie';
import { DEFAULT_LOCALE, isLocale, LOCALES } from '../../../../libs/domain';
import type { Locale } from '../../../../libs/domain';
import type { HttpRequest } from '../common/http';

/** Remembers the language a person chose in the portal (a year; not a secret, readable by nobody else's page). */
export const LANGUAGE_COOKIE = 'vnfil_lang';
export const LANGUAGE_COOKIE_MAX_AGE_MS = 365 * 24 * 3600_000;

/** The request's cookies, parsed once (csrf-csrf reads them from `req.cookies`). */
export function cookiesOf(req: HttpRequest & { cookies?: Record<string, string | undefined> }): Record<string, string | undefined> {
  return (req.cookies ??= parse(req.headers.cookie ?? ''));
}

/**
 * The language of a page: the one the person chose (the cookie, then their account's), else the browser's
 * preferred one among ours (Accept-Language, by quality), else English.
 */
export function chooseLocale(req: HttpRequest & { acceptsLanguages?: (...langs: string[]) => string | false }, accountLocale?: string | null): Locale {
  const chosen = cookiesOf(req)[LANGUAGE_COOKIE];
  if (isLocale(chosen)) return chosen;
  if (isLocale(accountLocale)) return accountLocale;
  const accepted = req.acceptsLanguages?.(...LOCALES);
  return isLocale(accepted) ? accepted : DEFAULT_LOCALE;
}
