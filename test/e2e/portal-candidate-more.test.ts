import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { DataSource } from 'typeorm';
import { restartCaseWorkflow } from '../../libs/temporal/temporal';
import { CaseOutcome, CaseStatus } from '../../libs/domain';
import { CaseEntity, CredentialEntity, UserEntity } from '../../libs/persistence/entities';
import { caseWorkflowId } from '../../workflows/ids';
import { TEST_PASSWORD } from '../factories';
import { dropDatabase, otherTestDatabaseUrl, prepareDatabase } from '../support/database';
import { accessibilityProblems, englishOnlyPhrases, launchBrowser, newVisitor, signIn } from './support/browser';
import { activitiesInFlight } from './support/faults';
import type { ApiUser, RunningSystem } from './support/system';
import { eventually } from './support/system';
import { caseAwaitingDecision, pdfBytes, reach, startRunningWorld } from './support/world';
import type { RunningWorld, World } from './support/world';

const DATABASE_URL = otherTestDatabaseUrl(`vnfil_test_portal_candidate_more_${process.pid}`);
const DAY = 86_400_000;

jest.setTimeout(240_000);

/**
 * The candidate's pages beyond the first case, through the real processes in Chromium: a draft that lapsed is
 * reopened from its page (once: a second try is refused in the reader's words), the home page says for each
 * case what to do now and the deadline that runs, an expiring credential is renewed from the home page into a
 * new case, and an upload's token never travels in the address the script posts to.
 */
describe('the candidate in the portal: reopening, renewal, the home page, uploads', () => {
  let running: RunningWorld;
  let system: RunningSystem;
  let ds: DataSource;
  let world: World;
  let browser: Browser;
  const seen: { name: string; problems: unknown[] }[] = [];
  const scan = async (p: Page, name: string) => seen.push({ name, problems: await accessibilityProblems(p) });
  const notice = (p: Page) => p.locator('main > [role=status]').textContent();
  const emailOf = async (user: ApiUser) => (await ds.getRepository(UserEntity).findOneByOrFail({ id: user.id })).email;
  const signedIn = async (user: ApiUser): Promise<{ context: BrowserContext; page: Page }> => {
    const context = await newVisitor(browser);
    const page = await context.newPage();
    await signIn(page, system.baseUrl, await emailOf(user), TEST_PASSWORD);
    return { context, page };
  };
  const inFrench = async (context: BrowserContext): Promise<Page> => {
    const french = await browser.newContext({ locale: 'fr-FR', storageState: await context.storageState() });
    await french.addCookies([{ name: 'vnfil_lang', value: 'fr', url: system.baseUrl }]);
    return french.newPage();
  };
  const expectNoEnglish = async (p: Page, prefixes: string[]) => {
    const text = await p.locator('main').innerText();
    for (const phrase of prefixes.flatMap((prefix) => englishOnlyPhrases(prefix))) expect(text).not.toContain(phrase);
  };

  beforeAll(async () => {
    await prepareDatabase(DATABASE_URL);
    running = await startRunningWorld({ assessors: 1, candidates: 2, databaseUrl: DATABASE_URL });
    ({ system, ds, world } = running);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await running?.stop();
    await dropDatabase(DATABASE_URL);
  });

  describe('a lapsed draft', () => {
    let caseId: string;
    let context: BrowserContext;
    let page: Page;

    beforeAll(async () => {
      const candidate = world.candidates[0]!;
      ({ id: caseId } = await candidate.ok<{ id: string }>('POST', '/cases', { standardId: world.standard.id }));
      // The lapse takes 90 days of the standard's inactivity; the process is found as an operator would find it
      // after them: the candidate's last activity long past when the process restarts from the records. From
      // there on it is the process's own doing (the reminder, the lapse, the reopen deadline).
      const client = await system.client();
      const handle = client.workflow.getHandle(caseWorkflowId(caseId));
      await eventually('the draft to be waiting', async () => ((await activitiesInFlight(client, caseWorkflowId(caseId))).length === 0 ? true : undefined));
      await ds.getRepository(CaseEntity).update({ id: caseId }, { lastActivityAt: new Date(Date.now() - 200 * DAY) });
      await handle.terminate('test: the days of inactivity have passed');
      expect(await restartCaseWorkflow(client, system.taskQueue, caseId)).toBe(true);
      await reach(candidate, caseId, CaseStatus.Lapsed);
      ({ context, page } = await signedIn(candidate));
    });

    afterAll(async () => {
      await context?.close();
    });

    it('the home page says what to do now and until when it can be reopened, with the days left', async () => {
      await page.goto(`${system.baseUrl}/portal/candidate`);
      const row = page.locator('tbody tr', { has: page.getByRole('link', { name: world.standard.title }) });
      const cells = await row.locator('td').allTextContents();
      expect(cells[1]).toBe('Lapsed');
      expect(cells[2]).toContain('Your draft lapsed because nobody worked on it for a long time.');
      expect(cells[3]).toMatch(/^Reopen until .+ · \d+ days left$/);
      await scan(page, 'home with a lapsed case');
    });

    it('shows on the case page until when it can be reopened, and reopens it with one button', async () => {
      const { reopenDeadline } = await ds.getRepository(CaseEntity).findOneByOrFail({ id: caseId });
      expect(reopenDeadline).toBeInstanceOf(Date);
      await page.goto(`${system.baseUrl}/portal/cases/${caseId}`);
      const reopen = page.locator('#reopen');
      await expect(reopen.locator('.countdown').textContent()).resolves.toMatch(/^You may reopen this case once, until .+\. \d+ days left\.$/);
      await expect(reopen.textContent()).resolves.toContain('If it lapses again, it closes for good.');
      await scan(page, 'lapsed case');
      const french = await inFrench(context);
      await french.goto(`${system.baseUrl}/portal/cases/${caseId}`);
      await expect(french.locator('#reopen h2').textContent()).resolves.toBe('Rouvrir votre dossier');
      await expectNoEnglish(french, ['candidate.', 'home.']);
      await scan(french, 'lapsed case (fr)');
      await french.goto(`${system.baseUrl}/portal/candidate`);
      await expect(french.locator('main').textContent()).resolves.toContain('Réouverture possible jusqu’au');
      await expectNoEnglish(french, ['candidate.', 'home.']);
      await scan(french, 'home with a lapsed case (fr)');

      // a second tab left on the lapsed page
      const stale = await context.newPage();
      await stale.goto(`${system.baseUrl}/portal/cases/${caseId}`);
      await page.getByRole('button', { name: 'Reopen the case' }).click();
      await expect(notice(page)).resolves.toBe('Your case is reopened: it is a draft again.');
      await expect(page.locator('.status-line').textContent()).resolves.toBe('Being prepared');
      await expect(page.locator('#reopen').count()).resolves.toBe(0);
      expect((await ds.getRepository(CaseEntity).findOneByOrFail({ id: caseId })).status).toBe(CaseStatus.Draft);

      // reopening again (a case is reopened once): refused in the reader's words, nothing changed
      const answer = stale.waitForResponse((r) => r.url().endsWith(`/portal/cases/${caseId}/reopen`));
      await stale.getByRole('button', { name: 'Reopen the case' }).click();
      expect((await answer).status()).toBe(409);
      await expect(stale.locator('.error-summary li').allTextContents()).resolves.toEqual([
        'The case has moved on since this page was loaded, so this step is not possible now. Nothing was changed: the page shows where the case stands.',
      ]);
      await expect(stale.locator('#field-reopen').count()).resolves.toBe(1);
      await scan(stale, 'reopen refused');
      expect((await ds.getRepository(CaseEntity).findOneByOrFail({ id: caseId })).status).toBe(CaseStatus.Draft);
      await stale.close();
    });

    it('posts an upload with its token in a header, not in the address, and the page leaks no address', async () => {
      await page.goto(`${system.baseUrl}/portal/cases/${caseId}`);
      const response = await page.request.get(`${system.baseUrl}/portal/cases/${caseId}`);
      expect(response.headers()['referrer-policy']).toBe('no-referrer');
      expect(response.headers()['cache-control']).toBe('no-store');
      await page.locator('#field-upload-title').fill('Monthly report');
      await page.locator('#field-file').locator('xpath=ancestor::form').locator(`input[value="${world.standard.learningOutcomes![0]!.id}"]`).check();
      await page.locator('#field-file').setInputFiles({ name: 'report.pdf', mimeType: 'application/pdf', buffer: pdfBytes('monthly report') });
      const sent = page.waitForRequest((r) => r.method() === 'POST' && r.url().includes('/evidence/files'));
      await page.getByRole('button', { name: 'Upload', exact: true }).click();
      const request = await sent;
      expect(new URL(request.url()).search).toBe('');
      expect(request.headers()['x-csrf-token']).toBeTruthy();
      await page.waitForURL(/notice=evidence-added/);
      await expect(notice(page)).resolves.toBe('The evidence is added.');
    });

    it('still uploads without the script, the token in the form’s address; a refusal there is not cached and sends no referrer', async () => {
      const noScript = await browser.newContext({ javaScriptEnabled: false, storageState: await context.storageState() });
      const p = await noScript.newPage();
      await p.goto(`${system.baseUrl}/portal/cases/${caseId}`);
      const form = p.locator('form[data-upload]');
      await expect(form.getAttribute('action')).resolves.toMatch(/\?_csrf=/);
      await p.locator('#field-upload-title').fill('Not a PDF');
      await form.locator(`input[value="${world.standard.learningOutcomes![1]!.id}"]`).check();
      await p.locator('#field-file').setInputFiles({ name: 'program.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ\x90\x00 a Windows program, not a document') });
      const refused = p.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/evidence/files'));
      await p.getByRole('button', { name: 'Upload', exact: true }).click();
      const answer = await refused;
      expect(answer.status()).toBeGreaterThanOrEqual(400);
      expect(answer.headers()['cache-control']).toBe('no-store');
      expect(answer.headers()['referrer-policy']).toBe('no-referrer');
      await expect(p.locator('#error-file').textContent()).resolves.toMatch(/not accepted|could not be read/);

      await p.goto(`${system.baseUrl}/portal/cases/${caseId}`);
      await p.locator('#field-upload-title').fill('Chart pack');
      await form.locator(`input[value="${world.standard.learningOutcomes![1]!.id}"]`).check();
      await p.locator('#field-file').setInputFiles({ name: 'charts.pdf', mimeType: 'application/pdf', buffer: pdfBytes('chart pack') });
      await p.getByRole('button', { name: 'Upload', exact: true }).click();
      await p.waitForURL(/notice=evidence-added/);
      await expect(p.locator('#portfolio').textContent()).resolves.toContain('Chart pack');
      await noScript.close();
    });
  });

  describe('an expiring credential', () => {
    let awardedCaseId: string;
    let credentialId: string;
    let context: BrowserContext;
    let page: Page;

    beforeAll(async () => {
      const candidate = world.candidates[1]!;
      awardedCaseId = await caseAwaitingDecision(ds, world, candidate);
      await world.admin.ok('POST', `/cases/${awardedCaseId}/decision`, { result: 'awarded', recognisedOutcomeIds: world.standard.learningOutcomes!.map((o) => o.id), reason: 'All outcomes met.' });
      await reach(candidate, awardedCaseId, CaseStatus.Awarded);
      ({ context, page } = await signedIn(candidate));
    });

    afterAll(async () => {
      await context?.close();
    });

    it('is not offered for renewal while valid for long, nor while its case is still open', async () => {
      credentialId = (await world.candidates[1]!.ok<{ credential: { id: string } }>('GET', `/cases/${awardedCaseId}`)).credential.id;
      await ds.getRepository(CredentialEntity).update({ id: credentialId }, { validUntil: new Date(Date.now() + 10 * DAY) });
      // awarded, in its appeal window: the case is open, and renewal would open a second one on the standard
      await page.goto(`${system.baseUrl}/portal/cases/${awardedCaseId}`);
      await expect(page.getByRole('button', { name: 'Renew it' }).count()).resolves.toBe(0);
      // the case has ended (its appeal window passed and it closed), the credential valid for years
      await ds.getRepository(CaseEntity).update({ id: awardedCaseId }, { status: CaseStatus.Closed, closedAt: new Date(), outcome: CaseOutcome.Awarded });
      await ds.getRepository(CredentialEntity).update({ id: credentialId }, { validUntil: new Date(Date.now() + 3 * 365 * DAY) });
      await page.goto(`${system.baseUrl}/portal/candidate`);
      await expect(page.locator('#renewals').count()).resolves.toBe(0);
    });

    it('is offered on the case page and the home page with what renewing means, and renewing leads to the new case', async () => {
      await ds.getRepository(CredentialEntity).update({ id: credentialId }, { validUntil: new Date(Date.now() + 10 * DAY - 60_000) });
      await page.goto(`${system.baseUrl}/portal/cases/${awardedCaseId}`);
      const credential = page.locator('section[aria-labelledby=credential-title]');
      await expect(credential.locator('#renew-title').textContent()).resolves.toBe('Renew your credential');
      await expect(credential.locator('.countdown').textContent()).resolves.toMatch(/^expires in 10 days, on /);
      await expect(credential.textContent()).resolves.toContain('Renewing it opens a new case on the same standard');
      await scan(page, 'case with a credential to renew');
      const stale = await context.newPage();
      await stale.goto(`${system.baseUrl}/portal/cases/${awardedCaseId}`);

      await page.goto(`${system.baseUrl}/portal/candidate`);
      const renewals = page.locator('#renewals');
      const { title } = await world.candidates[1]!.ok<{ title: string }>('GET', `/credentials/${credentialId}`);
      await expect(renewals.textContent()).resolves.toContain(title);
      await expect(renewals.textContent()).resolves.toContain('expires in 10 days, on');
      await scan(page, 'home with a credential to renew');
      const french = await inFrench(context);
      await french.goto(`${system.baseUrl}/portal/candidate`);
      await expect(french.locator('#renewals h2').textContent()).resolves.toBe('Renouveler votre certification');
      await expectNoEnglish(french, ['candidate.', 'home.']);
      await scan(french, 'home with a credential to renew (fr)');
      await french.goto(`${system.baseUrl}/portal/cases/${awardedCaseId}`);
      await expect(french.locator('#renew-title').textContent()).resolves.toBe('Renouveler votre certification');
      await expectNoEnglish(french, ['candidate.', 'home.']);
      await scan(french, 'case with a credential to renew (fr)');

      await renewals.getByRole('button', { name: /Renew it/ }).click();
      const renewedId = new URL(page.url()).pathname.split('/').pop()!;
      expect(renewedId).not.toBe(awardedCaseId);
      await expect(notice(page)).resolves.toBe('A new case is open to renew your credential. Your credential is in its portfolio; add what is new and submit it.');
      await expect(page.locator('.status-line').textContent()).resolves.toBe('Being prepared');
      await expect(page.locator('#portfolio tbody tr').allTextContents()).resolves.toEqual([expect.stringContaining('Credential')]);
      await expect(page.locator('#portfolio').textContent()).resolves.toContain('Every learning outcome has evidence.');
      // the evidence is named in the holder's language (stored as written)
      await expect(page.locator('#portfolio').textContent()).resolves.toContain('(the credential to renew)');
      await scan(page, 'renewal case');

      // renewing again from a page loaded before: the case already open on the standard is where it goes on
      await stale.getByRole('button', { name: 'Renew it' }).click();
      expect(new URL(stale.url()).pathname).toBe(`/portal/cases/${renewedId}`);
      await expect(notice(stale)).resolves.toBe('You already have a case open on this standard: continue it to renew your credential.');
      expect(await ds.getRepository(CaseEntity).countBy({ candidateId: world.candidates[1]!.id })).toBe(2);
      await stale.close();
      await french.context().close();
    });

    it('is refused in words once revoked, and no longer offered', async () => {
      const renewed = await ds.getRepository(CaseEntity).findOneByOrFail({ candidateId: world.candidates[1]!.id, status: CaseStatus.Draft });
      await world.candidates[1]!.ok('POST', `/cases/${renewed.id}/withdraw`, { reason: 'Started by mistake.' });
      await reach(world.candidates[1]!, renewed.id, CaseStatus.Withdrawn);
      await page.goto(`${system.baseUrl}/portal/cases/${awardedCaseId}`);
      await world.admin.ok('POST', `/credentials/${credentialId}/revoke`, { reason: 'Issued in error.' });
      const answer = page.waitForResponse((r) => r.url().endsWith('/credential/renew'));
      await page.getByRole('button', { name: 'Renew it' }).click();
      expect((await answer).status()).toBe(409);
      await expect(page.locator('.error-summary li').allTextContents()).resolves.toEqual([expect.stringMatching(/^This credential cannot be renewed: it has been suspended or revoked/)]);
      await expect(page.getByRole('button', { name: 'Renew it' }).count()).resolves.toBe(0);
      await scan(page, 'renewal refused');
      await page.goto(`${system.baseUrl}/portal/candidate`);
      await expect(page.locator('#renewals').count()).resolves.toBe(0);
    });
  });

  it('every page met is accessible, in English and French', () => {
    expect(seen.length).toBe(11);
    expect(seen.filter((s) => s.problems.length)).toEqual([]);
  });
});
