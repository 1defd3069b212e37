import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEFAULT_CHROMIUM_PATH } from '../../../libs/certificates/certificate-renderer';
import { catalogueKeys, readCatalogue } from '../../../libs/i18n/i18n';

/** Where the browser tests leave their screenshots (a CI artefact; the README shows some of them). */
export const SCREENSHOTS_DIR = resolve(__dirname, '../../../test-artifacts/screenshots');

/** Debian's Chromium, headless, quiet (no network of its own), one per test file. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? DEFAULT_CHROMIUM_PATH,
    args: ['--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}

/** A fresh browser profile (no cookies) that prefers `locale` (its Accept-Language). */
export function newVisitor(browser: Browser, locale: 'en-GB' | 'fr-FR' = 'en-GB'): Promise<BrowserContext> {
  return browser.newContext({ locale, viewport: { width: 1200, height: 900 } });
}

/** A WCAG 2.1 AA violation axe rates serious or critical, as one line a reader can act on. */
export interface AccessibilityProblem {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/** axe-core's WCAG 2.0/2.1 A and AA rules on the page as it is now; the serious and critical violations. */
export async function accessibilityProblems(page: Page): Promise<AccessibilityProblem[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact ?? '', help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
}

/** Signs a person in through the portal's sign-in form (the session cookie then stays with the page's context). */
export async function signIn(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/portal/sign-in`);
  await page.locator('input[name=email]').fill(email);
  await page.locator('input[name=password]').fill(password);
  await page.locator('form[action="/portal/sign-in"] button[type=submit]').click();
  await page.waitForLoadState();
}

/** Saves a full-page screenshot as test-artifacts/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS_DIR, `${name}.png`), fullPage: true });
}

/** One language's catalogue, flat: dotted key → text. */
export function flatCatalogue(locale: 'en' | 'fr'): Record<string, string> {
  const nested = readCatalogue(resolve(__dirname, '../../../templates/locales', locale));
  const flat: Record<string, string> = {};
  for (const key of catalogueKeys(nested)) flat[key] = key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], nested) as string;
  return flat;
}

/**
 * English texts of the catalogue (those of keys starting with `prefix`) that French says otherwise, cut before
 * their first placeholder and long enough to be telling: none may show on a French page.
 */
export function englishOnlyPhrases(prefix = ''): string[] {
  const english = flatCatalogue('en');
  const french = flatCatalogue('fr');
  return Object.entries(english)
    .filter(([key, text]) => key.startsWith(prefix) && french[key] !== text)
    .map(([, text]) => text.split('{{')[0]!.trim())
    .filter((text) => text.length > 12);
}
