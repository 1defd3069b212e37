import type { Browser, Page } from 'playwright-core';
import type { DataSource } from 'typeorm';
import { Role } from '../../libs/domain';
import { AwardingBodyEntity, UserEntity } from '../../libs/persistence/entities';
import { factories, TEST_PASSWORD } from '../factories';
import { dropDatabase, openTestDataSource, otherTestDatabaseUrl, prepareDatabase } from '../support/database';
import { startMailServer } from '../support/mail-server';
import type { MailServer, ReceivedMail } from '../support/mail-server';
import { accessibilityProblems, englishOnlyPhrases, launchBrowser, newVisitor, screenshot } from './support/browser';
import { RunningSystem } from './support/system';

/**
 * The portal's accounts in a real browser (Debian's Chromium) against the built API and worker: sign-up with the
 * link e-mailed through a real SMTP server (maildev), sign-in, a forgotten password, the language, the error
 * pages, CSRF, and an accessibility scan (axe-core, WCAG 2.1 AA) of every page met, in English and French.
 * A database of its own: the worker's mail relay sends every pending message of its database.
 */
const DATABASE_URL = otherTestDatabaseUrl(`vnfil_test_portal_${process.pid}`);

jest.setTimeout(120_000);


/** The link a message carries to the portal path `path`. */
function linkIn(mail: ReceivedMail, path: string): string {
  const found = new RegExp(`https?://\\S+${path}\\?token=[A-Za-z0-9_-]+`).exec(mail.text);
  if (!found) throw new Error(`no ${path} link in: ${mail.text}`);
  return found[0];
}

describe('portal accounts in the browser', () => {
  let system: RunningSystem;
  let mail: MailServer;
  let browser: Browser;
  let ds: DataSource;
  const seen: { name: string; problems: unknown[] }[] = [];

  /** Scans the page as it is and keeps what axe found, under the page's name. */
  async function scan(page: Page, name: string): Promise<void> {
    seen.push({ name, problems: await accessibilityProblems(page) });
  }

  beforeAll(async () => {
    await prepareDatabase(DATABASE_URL);
    mail = await startMailServer();
    system = await RunningSystem.start({ databaseUrl: DATABASE_URL, env: { MAIL_RELAY: 'on', SMTP_URL: mail.smtpUrl, MAIL_RELAY_EVERY_SECONDS: '1' } });
    browser = await launchBrowser();
    ds = await openTestDataSource(DATABASE_URL);
  });

  afterAll(async () => {
    await browser?.close();
    await ds?.destroy();
    await system?.stop();
    await mail?.stop();
    await dropDatabase(DATABASE_URL);
  });

  it('signs a candidate up, confirms the address from the e-mail, signs in to their home page and out', async () => {
    // a browser in Tokyo: the new account takes its zone
    const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Asia/Tokyo', viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${system.baseUrl}/`);
    expect(new URL(page.url()).pathname).toBe('/portal');
    await expect(page.locator('h1').textContent()).resolves.toBe('Get what you learned recognised');
    await scan(page, 'landing (en)');
    await screenshot(page, 'public-landing');

    await page.getByRole('link', { name: 'Create an account to start' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Create an account');
    // the password rule is there to read before failing it
    await expect(page.locator('#hint-password').textContent()).resolves.toContain('At least 12 characters');
    await page.getByLabel('Your name').fill('Amira Haddad');
    await page.getByLabel('E-mail address').fill('not an address');
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Create my account' }).click();
    // back with the mistakes next to their fields, in a summary that links to them, and the values kept
    await expect(page.locator('.error-summary li').allTextContents()).resolves.toEqual([
      'Enter an e-mail address like name@example.org.',
      'The password must be at least 12 characters long.',
    ]);
    await expect(page.locator('#error-email').textContent()).resolves.toBe('Enter an e-mail address like name@example.org.');
    await expect(page.getByLabel('Your name').inputValue()).resolves.toBe('Amira Haddad');
    await expect(page.getByLabel('E-mail address').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.evaluate('document.activeElement.className')).resolves.toContain('error-summary');
    await scan(page, 'sign-up with mistakes (en)');
    await screenshot(page, 'public-sign-up-errors');

    const email = `amira.${process.pid}@example.org`;
    await page.getByLabel('E-mail address').fill(email);
    await page.getByLabel('Password').fill('a long enough passphrase');
    await page.getByRole('button', { name: 'Create my account' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Check your e-mail');
    await expect(page.locator('main').textContent()).resolves.toContain(email);
    await scan(page, 'check your e-mail (en)');
    await expect(ds.getRepository(UserEntity).findOneByOrFail({ email }).then((u) => u.timeZone)).resolves.toBe('Asia/Tokyo');

    // not before the address is confirmed
    await page.goto(`${system.baseUrl}/portal/sign-in`);
    await page.getByLabel('E-mail address').fill(email);
    await page.getByLabel('Password').fill('a long enough passphrase');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.locator('main').textContent()).resolves.toContain(`Confirm your e-mail address first: open the link we sent to ${email}.`);
    expect(new URL(page.url()).pathname).toBe('/portal/sign-in');

    const message = await mail.waitFor((m) => m.to.includes(email), 'the confirmation e-mail', 20_000);
    expect(message.subject).toBe('Confirm your e-mail address for vnfil');
    expect(message.text).toContain('Hello Amira Haddad,');
    expect(message.html).toContain('Confirm my address');
    // the link opens a page whose button confirms (a mail scanner fetching the link confirms nothing)
    await page.goto(linkIn(message, '/portal/verify-email'));
    await expect(page.locator('h1').textContent()).resolves.toBe('Confirm your e-mail address');
    await scan(page, 'confirm the address (en)');
    await page.getByRole('button', { name: 'Confirm my address' }).click();
    expect(new URL(page.url()).pathname).toBe('/portal/sign-in');
    await expect(page.locator('[role=status]').textContent()).resolves.toBe('Your e-mail address is confirmed. You can sign in now.');
    await scan(page, 'sign-in (en)');
    await screenshot(page, 'public-sign-in');
    // the link works once
    const again = await context.newPage();
    await again.goto(linkIn(message, '/portal/verify-email'));
    await expect(again.locator('h1').textContent()).resolves.toBe('This link cannot be used');
    await again.close();

    await page.getByLabel('E-mail address').fill(email);
    await page.getByLabel('Password').fill('a long enough passphrase');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    expect(new URL(page.url()).pathname).toBe('/portal/candidate');
    await expect(page.locator('h1').textContent()).resolves.toBe('Your validation');
    await expect(page.locator('main').textContent()).resolves.toContain('You have not started a case yet.');
    const cookie = (await context.cookies()).find((c) => c.name === 'vnfil_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: false });
    await scan(page, 'candidate home (en)');
    await screenshot(page, 'candidate-home');

    await page.getByRole('button', { name: 'Sign out' }).click();
    expect(new URL(page.url()).pathname).toBe('/portal');
    await expect(page.locator('[role=status]').textContent()).resolves.toBe('You are signed out.');
    // the session is over: its page sends the visitor to sign in, and back after
    await page.goto(`${system.baseUrl}/portal/candidate`);
    expect(page.url()).toBe(`${system.baseUrl}/portal/sign-in?next=%2Fportal%2Fcandidate`);
    await context.close();
  });

  it('speaks French to a French browser, remembers a language chosen, and has no English left in French pages', async () => {
    // catalogue texts that differ between the languages: none may show on a French page
    const englishOnly = englishOnlyPhrases();
    const context = await newVisitor(browser, 'fr-FR');
    const page = await context.newPage();
    const frenchPages: Record<string, string> = {
      '/portal': 'Faites reconnaître ce que vous avez appris',
      '/portal/sign-up': 'Créer un compte',
      '/portal/sign-in': 'Se connecter',
      '/portal/forgot-password': 'Réinitialiser votre mot de passe',
      '/portal/verify-email/resend': 'Consultez vos e-mails',
      '/portal/no-such-page': 'Page introuvable',
    };
    for (const [path, title] of Object.entries(frenchPages)) {
      await page.goto(`${system.baseUrl}${path}`);
      await expect(page.locator('h1').textContent()).resolves.toBe(title);
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe('fr');
      const text = (await page.locator('body').innerText()).replace(/\s+/g, ' ');
      expect(englishOnly.filter((phrase) => text.includes(phrase))).toEqual([]);
      await scan(page, `${path} (fr)`);
    }

    // a French sign-up gets its e-mail in French, the subject's accents intact
    await page.goto(`${system.baseUrl}/portal/sign-up`);
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await expect(page.locator('.error-summary li').allTextContents()).resolves.toEqual([
      'Indiquez votre nom.',
      'Indiquez votre adresse e-mail.',
      'Le mot de passe doit compter au moins 12 caractères.',
    ]);
    await scan(page, 'sign-up with mistakes (fr)');
    const email = `eloise.${process.pid}@example.org`;
    await page.getByLabel('Votre nom').fill('Éloïse Fournier');
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByLabel('Mot de passe').fill('une phrase de passe assez longue');
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    const message = await mail.waitFor((m) => m.to.includes(email), 'the French confirmation e-mail', 20_000);
    expect(message.subject).toBe('Confirmez votre adresse e-mail pour vnfil');
    expect(message.text).toContain('Bonjour Éloïse Fournier,');
    await page.goto(linkIn(message, '/portal/verify-email'));
    await expect(page.locator('h1').textContent()).resolves.toBe('Confirmer votre adresse e-mail');
    const confirmText = (await page.locator('body').innerText()).replace(/\s+/g, ' ');
    expect(englishOnly.filter((phrase) => confirmText.includes(phrase))).toEqual([]);
    await scan(page, 'confirm the address (fr)');
    await page.getByRole('button', { name: 'Confirmer mon adresse' }).click();
    await expect(page.locator('[role=status]').textContent()).resolves.toBe('Votre adresse e-mail est confirmée. Vous pouvez vous connecter.');

    // signing up again with the same address answers the same page; the owner is told, in French, by e-mail
    await page.goto(`${system.baseUrl}/portal/sign-up`);
    await page.getByLabel('Votre nom').fill('Quelqu’un d’autre');
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByLabel('Mot de passe').fill('une autre phrase de passe');
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Consultez vos e-mails');
    await expect(page.locator('main').textContent()).resolves.toContain(`Nous avons envoyé un message à ${email}.`);
    const told = await mail.waitFor((m) => m.to.includes(email) && m.subject.startsWith('Quelqu’un'), 'the French sign-up notice', 20_000);
    expect(told.text).toMatch(/https?:\/\/\S+\/portal\/forgot-password\n/);

    // an English browser that chooses French keeps it on the next visit
    const chooser = await newVisitor(browser, 'en-GB');
    const other = await chooser.newPage();
    await other.goto(`${system.baseUrl}/portal/sign-in`);
    await expect(other.locator('h1').textContent()).resolves.toBe('Sign in');
    await other.getByRole('button', { name: 'Français' }).click();
    expect(new URL(other.url()).pathname).toBe('/portal/sign-in');
    await expect(other.locator('h1').textContent()).resolves.toBe('Se connecter');
    await other.goto(`${system.baseUrl}/portal`);
    await expect(other.locator('html').getAttribute('lang')).resolves.toBe('fr');
    await screenshot(other, 'public-landing-fr');
    await chooser.close();
    await context.close();
  });

  it('resets a forgotten password by e-mail: the link works once, the old password stops working', async () => {
    const body = await factories(ds).body();
    const assessor = await factories(ds).user(Role.Assessor, body.id, 'Tomás Ortega');
    const context = await newVisitor(browser);
    const page = await context.newPage();
    await page.goto(`${system.baseUrl}/portal/sign-in`);
    await page.getByRole('link', { name: 'Forgotten your password?' }).click();
    await scan(page, 'forgot password (en)');
    await page.getByLabel('E-mail address').fill(assessor.email);
    await page.getByRole('button', { name: 'Send the link' }).click();
    await expect(page.locator('main').textContent()).resolves.toContain(`If an account uses ${assessor.email}, we sent it a link.`);
    // an address without an account gets the same page and no message
    await page.goto(`${system.baseUrl}/portal/forgot-password`);
    await page.getByLabel('E-mail address').fill(`nobody.${process.pid}@example.org`);
    await page.getByRole('button', { name: 'Send the link' }).click();
    await expect(page.locator('main').textContent()).resolves.toContain(`If an account uses nobody.${process.pid}@example.org, we sent it a link.`);

    const message = await mail.waitFor((m) => m.to.includes(assessor.email), 'the reset e-mail', 20_000);
    expect(message.subject).toBe('Choose a new vnfil password');
    const link = linkIn(message, '/portal/reset-password');
    await page.goto(link);
    await scan(page, 'reset password (en)');
    await page.getByLabel('New password').fill('a brand new passphrase');
    await page.getByLabel('The same password again').fill('a different passphrase');
    await page.getByRole('button', { name: 'Save the new password' }).click();
    await expect(page.locator('#error-confirm').textContent()).resolves.toBe('The two passwords are not the same.');
    await page.getByLabel('New password').fill('a brand new passphrase');
    await page.getByLabel('The same password again').fill('a brand new passphrase');
    await page.getByRole('button', { name: 'Save the new password' }).click();
    expect(new URL(page.url()).pathname).toBe('/portal/sign-in');
    await expect(page.locator('[role=status]').textContent()).resolves.toContain('Your password is changed');

    await page.getByLabel('E-mail address').fill(assessor.email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.locator('#error-email').textContent()).resolves.toBe('The e-mail address or the password is not right.');
    await page.getByLabel('Password').fill('a brand new passphrase');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    expect(new URL(page.url()).pathname).toBe('/portal/assessor');
    await expect(page.locator('h1').textContent()).resolves.toBe('Your assessments');
    await scan(page, 'assessor home (en)');
    await screenshot(page, 'assessor-home');

    await page.goto(link);
    await expect(page.locator('h1').textContent()).resolves.toBe('This link cannot be used');
    await context.close();
  });

  it('keeps each role to its pages, answers unknown pages with a 404 page, and refuses forged forms', async () => {
    const body = await ds.getRepository(AwardingBodyEntity).findOneByOrFail({ name: 'Test Awarding Body' });
    const assessor = await factories(ds).user(Role.Assessor, body.id);
    const admin = await factories(ds).user(Role.BodyAdmin, body.id, 'Claire Dubois');
    const signIn = async (page: Page, email: string) => {
      await page.goto(`${system.baseUrl}/portal/sign-in`);
      await page.getByLabel('E-mail address').fill(email);
      await page.getByLabel('Password').fill(TEST_PASSWORD);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    };

    const assessorContext = await newVisitor(browser);
    const assessorPage = await assessorContext.newPage();
    await signIn(assessorPage, assessor.email);
    const forbidden = await assessorPage.goto(`${system.baseUrl}/portal/admin`);
    expect(forbidden?.status()).toBe(403);
    await expect(assessorPage.locator('h1').textContent()).resolves.toBe('Not for your account');
    await expect(assessorPage.getByRole('link', { name: 'Go to your home page' }).getAttribute('href')).resolves.toBe('/portal/assessor');
    await scan(assessorPage, '403 (en)');
    const missing = await assessorPage.goto(`${system.baseUrl}/portal/nothing-here`);
    expect(missing?.status()).toBe(404);
    expect(missing?.headers()['content-type']).toContain('text/html');
    await expect(assessorPage.locator('h1').textContent()).resolves.toBe('Page not found');
    await scan(assessorPage, '404 (en)');

    // a form posted without this browser's token, or with another browser's, changes nothing
    const forged = await assessorPage.request.post(`${system.baseUrl}/portal/sign-out`, { form: { _csrf: 'made-up' }, maxRedirects: 0 });
    expect(forged.status()).toBe(403);
    expect(await forged.text()).toContain('The form expired');
    const stranger = await newVisitor(browser);
    const strangerPage = await stranger.newPage();
    await strangerPage.goto(`${system.baseUrl}/portal/sign-in`);
    const strangersToken = await strangerPage.locator('input[name=_csrf]').first().inputValue();
    const borrowed = await assessorPage.request.post(`${system.baseUrl}/portal/sign-out`, { form: { _csrf: strangersToken }, maxRedirects: 0 });
    expect(borrowed.status()).toBe(403);
    await assessorPage.goto(`${system.baseUrl}/portal/assessor`);
    await expect(assessorPage.locator('h1').textContent()).resolves.toBe('Your assessments');
    // a form of the portal is not a way around the JSON API's media types
    const asJson = await assessorPage.request.post(`${system.baseUrl}/auth/logout`, { form: { reason: 'x' }, maxRedirects: 0 });
    expect(asJson.status()).toBe(415);
    await stranger.close();
    await assessorContext.close();

    const adminContext = await newVisitor(browser);
    const adminPage = await adminContext.newPage();
    await signIn(adminPage, admin.email);
    expect(new URL(adminPage.url()).pathname).toBe('/portal/admin');
    await expect(adminPage.locator('main').textContent()).resolves.toContain('Welcome, Claire Dubois.');
    // staff read times in their awarding body's zone until they choose their own
    await expect(adminPage.locator('footer').textContent()).resolves.toContain('Times are shown in Europe/Paris.');
    await scan(adminPage, 'admin home (en)');
    await screenshot(adminPage, 'admin-home');
    const candidatePage = await adminPage.goto(`${system.baseUrl}/portal/candidate`);
    expect(candidatePage?.status()).toBe(403);
    await adminContext.close();
  });

  it('finds no serious or critical accessibility violation on any page met, in either language', () => {
    expect(seen.length).toBeGreaterThanOrEqual(15);
    expect(seen.filter((s) => s.problems.length)).toEqual([]);
  });
});
