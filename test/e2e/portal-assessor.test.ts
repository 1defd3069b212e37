import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { DataSource } from 'typeorm';
import { CaseStatus, Role } from '../../libs/domain';
import { CaseEntity } from '../../libs/persistence/entities';
import { LANGUAGE_COOKIE } from '../../apps/api/src/portal/portal-locale';
import type { StandardEntity, UserEntity } from '../../libs/persistence/entities';
import { factories, TEST_PASSWORD } from '../factories';
import { dropDatabase, openTestDataSource, otherTestDatabaseUrl, prepareDatabase } from '../support/database';
import { accessibilityProblems, englishOnlyPhrases, flatCatalogue, launchBrowser, newVisitor, screenshot, signIn as signInAs } from './support/browser';
import { ApiUser, RunningSystem } from './support/system';
import { pdfBytes, prepareAndSubmit, reach } from './support/world';

/**
 * The assessor's pages in a real browser (Debian's Chromium) against the built API and worker: the queue by due
 * date with each deadline's state in words, a case with its evidence shown inline, accepting it, the rubric
 * (mistakes first), asking for more evidence, recording the assessment, declaring a conflict of interest, the
 * pages an assessor or a candidate may not open, and an accessibility scan of every page met, in English and French.
 * The cases get to the assessor through the JSON API, as a candidate's browser would send them.
 */
const DATABASE_URL = otherTestDatabaseUrl(`vnfil_test_portal_assessor_${process.pid}`);
const PHOTO = readFileSync(join(__dirname, '../fixtures/evidence/photo.heic'));

jest.setTimeout(240_000);


async function upload(candidate: ApiUser, caseId: string, file: { bytes: Buffer; name: string; type: string; title: string }, outcomeIds: string[]): Promise<{ id: string }> {
  const form = new FormData();
  form.append('title', file.title);
  form.append('learningOutcomeIds', outcomeIds.join(','));
  form.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
  return candidate.ok<{ id: string }>('POST', `/cases/${caseId}/evidence/files`, form);
}

describe('the assessor’s pages in the browser', () => {
  let system: RunningSystem;
  let browser: Browser;
  let ds: DataSource;
  let standard: StandardEntity;
  let assessor: UserEntity;
  let amira: UserEntity;
  let bruno: UserEntity;
  let amiraApi: ApiUser;
  let caseA: string;
  let caseB: string;
  let english: BrowserContext;
  let page: Page;
  const en = flatCatalogue('en');
  const seen: { name: string; problems: unknown[] }[] = [];

  async function scan(on: Page, name: string): Promise<void> {
    seen.push({ name, problems: await accessibilityProblems(on) });
  }

  const signIn = (on: Page, email: string) => signInAs(on, system.baseUrl, email, TEST_PASSWORD);

  const h1 = (on: Page) => on.locator('h1').textContent();

  beforeAll(async () => {
    await prepareDatabase(DATABASE_URL);
    system = await RunningSystem.start({ databaseUrl: DATABASE_URL });
    browser = await launchBrowser();
    ds = await openTestDataSource(DATABASE_URL);
    const make = factories(ds);
    const body = await make.body();
    standard = await make.standard(body.id);
    // the body's only assessor: the process gives it both cases
    assessor = await make.user(Role.Assessor, body.id, 'Tomás Ortega');
    amira = await make.user(Role.Candidate, null, 'Amira Haddad');
    bruno = await make.user(Role.Candidate, null, 'Bruno Lefèvre');
    amiraApi = await ApiUser.login(system.baseUrl, amira.email, TEST_PASSWORD);
    const brunoApi = await ApiUser.login(system.baseUrl, bruno.email, TEST_PASSWORD);

    const outcomes = standard.learningOutcomes!.map((o) => o.id);
    caseA = (await amiraApi.ok<{ id: string }>('POST', '/cases', { standardId: standard.id })).id;
    await amiraApi.ok('PUT', `/cases/${caseA}/self-assessment`, {
      items: standard.learningOutcomes!.map((o) => ({ learningOutcomeId: o.id, level: 'confident', statement: `I ran weekly sessions for ${o.code}.` })),
    });
    await upload(amiraApi, caseA, { bytes: PHOTO, name: 'whiteboard.heic', type: 'image/heic', title: 'Whiteboard after a workshop' }, [outcomes[0]!]);
    await upload(amiraApi, caseA, { bytes: pdfBytes('session plans'), name: 'plans.pdf', type: 'application/pdf', title: 'Session plans' }, outcomes);
    await amiraApi.ok('POST', `/cases/${caseA}/submit`);
    caseB = (await brunoApi.ok<{ id: string }>('POST', '/cases', { standardId: standard.id })).id;
    await prepareAndSubmit(brunoApi, standard, caseB, pdfBytes('portfolio'));
    await reach(amiraApi, caseA, CaseStatus.AssessorAssigned);
    await reach(brunoApi, caseB, CaseStatus.AssessorAssigned);

    english = await newVisitor(browser);
    page = await english.newPage();
    await signIn(page, assessor.email);
  });

  afterAll(async () => {
    await browser?.close();
    await ds?.destroy();
    await system?.stop();
    await dropDatabase(DATABASE_URL);
  });

  it('lists the assigned cases by due date, each deadline’s state in words', async () => {
    expect(new URL(page.url()).pathname).toBe('/portal/assessor');
    await expect(h1(page)).resolves.toBe('Your assessments');
    // both are due in the standard's 14 days, so on time (due soon and overdue: assessor-view.spec.ts)
    const rows = page.locator('table.queue tbody tr');
    await expect(page.locator('table.queue tbody th').allTextContents().then((names) => names.sort())).resolves.toEqual(['Amira Haddad', 'Bruno Lefèvre']);
    const amiraRow = rows.filter({ hasText: 'Amira Haddad' });
    await expect(amiraRow.locator('.sla').textContent()).resolves.toBe('On time');
    await expect(amiraRow.textContent()).resolves.toContain('Assessor assigned');
    await expect(amiraRow.textContent()).resolves.toContain('To accept');
    await expect(amiraRow.textContent()).resolves.toContain('Facilitating online learning');
    // the reader's zone is named at the foot
    await expect(page.locator('footer').textContent()).resolves.toContain('Times are shown in');
    await scan(page, 'queue (en)');
    await screenshot(page, 'assessor-queue');
  });

  it('opens a case with the outcomes, the self-assessment and the evidence shown inline, and accepts it', async () => {
    await page.getByRole('link', { name: 'Amira Haddad' }).click();
    expect(new URL(page.url()).pathname).toBe(`/portal/assessor/cases/${caseA}`);
    await expect(h1(page)).resolves.toBe('Case of Amira Haddad');
    const main = page.locator('main');
    await expect(main.textContent()).resolves.toContain('Criterion 1 of outcome 1');
    await expect(main.textContent()).resolves.toContain('I ran weekly sessions for LO2.');
    // the photo, from its JPEG rendition, drawn by the browser
    const photo = page.getByRole('img', { name: 'Photo sent as evidence: Whiteboard after a workshop' });
    await expect(photo.getAttribute('src')).resolves.toMatch(new RegExp(`^/cases/${caseA}/evidence/[0-9a-f-]+/rendition$`));
    await expect(photo.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).resolves.toBe(64);
    // the PDF in an object element, served inline by the evidence route (which checks access) to this session
    // (headers and CSP: portal-assessor-more.test.ts)
    const pdf = page.locator('object.evidence-pdf');
    const pdfPath = (await pdf.getAttribute('data'))!;
    expect(pdfPath).toMatch(new RegExp(`^/cases/${caseA}/evidence/[0-9a-f-]+/inline$`));
    await expect(pdf.getAttribute('type')).resolves.toBe('application/pdf');
    const served = await page.request.get(`${system.baseUrl}${pdfPath}`);
    expect(served.status()).toBe(200);
    expect(served.headers()['content-type']).toBe('application/pdf');
    await expect(page.getByRole('link', { name: 'Download plans.pdf' }).getAttribute('href')).resolves.toBe(pdfPath.replace(/\/inline$/, '/file'));
    await scan(page, 'case to accept (en)');

    await page.getByRole('button', { name: 'Accept the case' }).click();
    expect(new URL(page.url()).pathname).toBe(`/portal/assessor/cases/${caseA}`);
    await expect(page.locator('[role=status]').textContent()).resolves.toBe('You accepted the case. You can assess it now.');
    await expect(page.locator('[data-case-status]').textContent()).resolves.toBe('Being assessed');
    await expect(page.locator('.case-facts').textContent()).resolves.toContain('On time');
    await screenshot(page, 'assessor-case');

    // the same step again is refused by the case's process: a message on the page, not an error page
    const token = await page.locator('form[action$="/accept"] input[name=_csrf], input[name=_csrf]').first().inputValue();
    const again = await page.request.post(`${system.baseUrl}/portal/assessor/cases/${caseA}/accept`, { form: { _csrf: token }, maxRedirects: 0 });
    expect(again.status()).toBe(409);
    expect(await again.text()).toContain('The case has moved on since this page was loaded');
  });

  it('shows the rubric’s mistakes next to the fields and in the summary, keeping what was written', async () => {
    const criteria = standard.learningOutcomes!.flatMap((o) => o.criteria!);
    await page.getByLabel('Comment on LO1.1 (optional)').fill('The plans show it.');
    await page.getByRole('button', { name: 'Record the assessment' }).click();
    await expect(page.locator('.error-summary li').allTextContents()).resolves.toEqual([
      ...criteria.map((c) => `Choose whether ${c.code} is met, not met, or lacks evidence.`),
      'Choose your recommendation.',
    ]);
    await expect(page.locator(`#error-result-${criteria[0]!.id}`).textContent()).resolves.toBe('Choose whether LO1.1 is met, not met, or lacks evidence.');
    await expect(page.locator('#error-recommendation').textContent()).resolves.toBe('Choose your recommendation.');
    await expect(page.getByLabel('Comment on LO1.1 (optional)').inputValue()).resolves.toBe('The plans show it.');
    await expect(page.evaluate('document.activeElement.className')).resolves.toContain('error-summary');
    // each choice is a group of radio buttons named by its legend
    await expect(page.getByRole('group', { name: `LO1.1 ${criteria[0]!.description}` }).getByRole('radio').count()).resolves.toBe(3);
    await scan(page, 'rubric with mistakes (en)');
  });

  it('speaks French to a French browser, with no English left on the assessor’s pages', async () => {
    const englishOnly = englishOnlyPhrases('assessor.');
    const french = await newVisitor(browser, 'fr-FR');
    // an account's language is English until its person chooses (the language button sets this cookie): French chosen here
    await french.addCookies([{ name: LANGUAGE_COOKIE, value: 'fr', url: system.baseUrl }]);
    const fpage = await french.newPage();
    await signIn(fpage, assessor.email);
    const noEnglish = async () => {
      await expect(fpage.locator('html').getAttribute('lang')).resolves.toBe('fr');
      const text = (await fpage.locator('body').innerText()).replace(/\s+/g, ' ');
      expect(englishOnly.filter((phrase) => text.includes(phrase))).toEqual([]);
    };
    await expect(h1(fpage)).resolves.toBe('Vos évaluations');
    await expect(fpage.locator('table.queue .sla').allTextContents()).resolves.toEqual(['Dans les temps', 'Dans les temps']);
    await noEnglish();
    await scan(fpage, 'queue (fr)');
    await fpage.getByRole('link', { name: 'Amira Haddad' }).click();
    await expect(h1(fpage)).resolves.toBe('Dossier de Amira Haddad');
    await noEnglish();
    await scan(fpage, 'case (fr)');
    await fpage.getByRole('button', { name: 'Enregistrer l’évaluation' }).click();
    await expect(fpage.locator('#error-recommendation').textContent()).resolves.toBe('Choisissez votre recommandation.');
    await noEnglish();
    await scan(fpage, 'rubric with mistakes (fr)');
    await fpage.getByRole('button', { name: 'Envoyer la demande' }).click();
    await expect(fpage.locator('.error-summary li').allTextContents()).resolves.toEqual([
      'Indiquez ce que le candidat doit ajouter.',
      'Choisissez au moins un acquis d’apprentissage qui demande davantage de preuves.',
    ]);
    await scan(fpage, 'evidence request with mistakes (fr)');
    await french.close();
  });

  it('asks the candidate for more evidence, then records the assessment once they answered', async () => {
    const outcomes = standard.learningOutcomes!;
    await page.goto(`${system.baseUrl}/portal/assessor/cases/${caseA}`);
    await page.getByLabel('What should the candidate add?').fill('Please add a recording of one of your sessions.');
    await page.getByRole('checkbox', { name: `${outcomes[1]!.code} – ${outcomes[1]!.description}` }).check();
    await page.getByRole('button', { name: 'Send the request' }).click();
    await expect(page.locator('[role=status]').textContent()).resolves.toBe('Your request is sent to the candidate.');
    await expect(page.locator('[data-case-status]').textContent()).resolves.toBe('More evidence asked for');
    await expect(page.locator('.case-facts').textContent()).resolves.toContain('The candidate answers by');
    await scan(page, 'evidence requested (en)');

    await amiraApi.ok('POST', `/cases/${caseA}/evidence-response`, { note: 'The plans cover it; see page 2.' });
    await reach(amiraApi, caseA, CaseStatus.UnderAssessment);

    await page.goto(`${system.baseUrl}/portal/assessor/cases/${caseA}`);
    for (const criterion of outcomes.flatMap((o) => o.criteria!)) {
      await page.getByRole('group', { name: `${criterion.code} ${criterion.description}` }).getByLabel('Met', { exact: true }).check();
    }
    // the recommendation must follow from the judgements: the service says so, the page puts it next to the field
    await page.getByLabel('Do not award').check();
    await page.getByRole('button', { name: 'Record the assessment' }).click();
    await expect(page.locator('#error-recommendation').textContent()).resolves.toContain('The recommendation does not follow from your judgements');
    await expect(page.getByLabel('Do not award').isChecked()).resolves.toBe(true);
    await page.getByLabel('Award the micro-credential').check();
    await page.getByLabel('Overall comment (optional)').fill('Every criterion is met.');
    await page.getByRole('button', { name: 'Record the assessment' }).click();
    await expect(page.locator('[role=status]').textContent()).resolves.toBe('Your assessment is recorded. The case goes on without you.');
    const now = (await amiraApi.ok<{ status: CaseStatus }>('GET', `/cases/${caseA}`)).status;
    expect([CaseStatus.AwaitingDecision, CaseStatus.Moderation]).toContain(now);
    await expect(page.locator('[data-case-status]').textContent()).resolves.toBe(en[`status.${now}`]);
    await expect(page.locator('main').textContent()).resolves.toContain('recommending: Award the micro-credential.');
    await expect(page.getByRole('button', { name: 'Record the assessment' }).count()).resolves.toBe(0);
    await scan(page, 'assessment recorded (en)');
  });

  it('declares a conflict of interest on another case, which leaves the queue and can no longer be opened', async () => {
    await page.goto(`${system.baseUrl}/portal/assessor/cases/${caseB}`);
    await expect(h1(page)).resolves.toBe('Case of Bruno Lefèvre');
    await page.getByRole('button', { name: 'Declare the conflict' }).click();
    await expect(page.locator('#error-reason').textContent()).resolves.toBe('Give the reason for the conflict of interest.');
    await scan(page, 'conflict with mistakes (en)');
    await page.getByLabel('Why can you not assess this candidate?').fill('Bruno is my former colleague.');
    await page.getByRole('button', { name: 'Declare the conflict' }).click();
    expect(new URL(page.url()).pathname).toBe('/portal/assessor');
    await expect(page.locator('[role=status]').textContent()).resolves.toContain('Your conflict of interest is recorded.');
    await expect(page.locator('main').textContent()).resolves.not.toContain('Bruno Lefèvre');
    await scan(page, 'queue after a conflict (en)');
    const gone = await page.goto(`${system.baseUrl}/portal/assessor/cases/${caseB}`);
    expect(gone?.status()).toBe(403);
    await expect(h1(page)).resolves.toBe('Not for your account');
  });

  it('keeps other assessors and candidates out', async () => {
    const body = (await ds.getRepository(CaseEntity).findOneByOrFail({ id: caseA })).awardingBodyId;
    const other = await factories(ds).user(Role.Assessor, body, 'Ines Moreau');
    const otherContext = await newVisitor(browser);
    const otherPage = await otherContext.newPage();
    await signIn(otherPage, other.email);
    await expect(otherPage.locator('main').textContent()).resolves.toContain('No case is waiting for you.');
    const notTheirs = await otherPage.goto(`${system.baseUrl}/portal/assessor/cases/${caseA}`);
    expect(notTheirs?.status()).toBe(403);
    await expect(h1(otherPage)).resolves.toBe('Not for your account');
    await scan(otherPage, '403 case (en)');
    await otherContext.close();

    const candidateContext = await newVisitor(browser);
    const candidatePage = await candidateContext.newPage();
    await signIn(candidatePage, amira.email);
    const queue = await candidatePage.goto(`${system.baseUrl}/portal/assessor`);
    expect(queue?.status()).toBe(403);
    const caseView = await candidatePage.goto(`${system.baseUrl}/portal/assessor/cases/${caseA}`);
    expect(caseView?.status()).toBe(403);
    await candidateContext.close();
  });

  it('finds no serious or critical accessibility violation on any page met, in either language', () => {
    expect(seen.length).toBeGreaterThanOrEqual(12);
    expect(seen.filter((s) => s.problems.length)).toEqual([]);
  });
});
