import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { DataSource } from 'typeorm';
import { buildOpenBadgeCredential, generateAwardingBodyKey, hashIdentity, signDataIntegrity } from '../../libs/credentials';
import { awardSourceFixture } from '../../libs/credentials/testing/award-source.fixture';
import { AssessmentPurpose, CaseStatus, Role } from '../../libs/domain';
import { CaseAssessorEntity, CaseEntity, StandardEntity, UserEntity } from '../../libs/persistence/entities';
import { LANGUAGE_COOKIE } from '../../apps/api/src/portal/portal-locale';
import { factories, TEST_PASSWORD } from '../factories';
import { dropDatabase, openTestDataSource, otherTestDatabaseUrl, prepareDatabase } from '../support/database';
import { accessibilityProblems, englishOnlyPhrases, launchBrowser, newVisitor, screenshot, signIn as signInAs } from './support/browser';
import { ApiUser, RunningSystem } from './support/system';
import { pdfBytes, prepareAndSubmit, reach } from './support/world';

/**
 * More of the assessor's pages in a real browser: the queue's filters (a GET form, no script) by standard, status,
 * overdue and search, kept by the paging links, and mistaken filters said on the page; the case's timeline in
 * words and in the reader's zone; recognising a credential the candidate holds for a learning outcome; and a PDF
 * drawn in the page from the inline evidence route (the markup, the headers and the content security policies,
 * that the browser reported no violation, and that Debian's Chromium started its PDF viewer on it once opened).
 */
const DATABASE_URL = otherTestDatabaseUrl(`vnfil_test_portal_assessor_more_${process.pid}`);
const PHOTO = readFileSync(join(__dirname, '../fixtures/evidence/photo.heic'));
/** The assessor reads times in Tokyo: neither the body's zone nor the server's. */
const READER_ZONE = 'Asia/Tokyo';

jest.setTimeout(300_000);

/** A credential issued elsewhere (a did:key issuer) to `email`. */
async function credentialFor(email: string) {
  const key = await generateAwardingBodyKey();
  const source = awardSourceFixture({ issuerId: key.controller });
  const credential = buildOpenBadgeCredential({ ...source, learner: { ...source.learner, identityHash: hashIdentity(email, source.learner.salt) } });
  const signed = await signDataIntegrity(credential, key);
  return { ...signed, proof: [signed.proof] };
}

describe('the assessor’s queue filters, case timeline, credential recognition and inline PDFs', () => {
  let system: RunningSystem;
  let browser: Browser;
  let ds: DataSource;
  let standardA: StandardEntity;
  let standardB: StandardEntity;
  let assessor: UserEntity;
  let amira: UserEntity;
  let amiraApi: ApiUser;
  let caseA: string;
  let caseB: string;
  let pdfId: string;
  let photoId: string;
  let credentialId: string;
  let english: BrowserContext;
  let page: Page;
  const seen: { name: string; problems: unknown[] }[] = [];
  const cspReports: string[] = [];

  const scan = async (on: Page, name: string) => seen.push({ name, problems: await accessibilityProblems(on) });
  const signIn = (on: Page, email: string) => signInAs(on, system.baseUrl, email, TEST_PASSWORD);
  const queueNames = () => page.locator('table.queue tbody th').allTextContents();
  const summary = (on: Page) => on.locator('.error-summary li').allTextContents();

  beforeAll(async () => {
    await prepareDatabase(DATABASE_URL);
    system = await RunningSystem.start({ databaseUrl: DATABASE_URL });
    browser = await launchBrowser();
    ds = await openTestDataSource(DATABASE_URL);
    const make = factories(ds);
    const body = await make.body();
    standardA = await make.standard(body.id);
    standardB = await make.standard(body.id);
    await ds.getRepository(StandardEntity).update({ id: standardB.id }, { title: 'Data literacy at work' });
    assessor = await make.user(Role.Assessor, body.id, 'Tomás Ortega');
    await ds.getRepository(UserEntity).update({ id: assessor.id }, { timeZone: READER_ZONE });
    amira = await make.user(Role.Candidate, null, 'Amira Haddad');
    const bruno = await make.user(Role.Candidate, null, 'Bruno Lefèvre');
    amiraApi = await ApiUser.login(system.baseUrl, amira.email, TEST_PASSWORD);
    const brunoApi = await ApiUser.login(system.baseUrl, bruno.email, TEST_PASSWORD);
    const assessorApi = await ApiUser.login(system.baseUrl, assessor.email, TEST_PASSWORD);

    // Amira's case on A: a PDF, a phone photo and a credential she holds, accepted by the assessor
    const outcomes = standardA.learningOutcomes!.map((o) => o.id);
    caseA = (await amiraApi.ok<{ id: string }>('POST', '/cases', { standardId: standardA.id })).id;
    await amiraApi.ok('PUT', `/cases/${caseA}/self-assessment`, {
      items: standardA.learningOutcomes!.map((o) => ({ learningOutcomeId: o.id, level: 'confident', statement: `I did ${o.code}.` })),
    });
    const upload = async (bytes: Buffer, name: string, type: string, title: string) => {
      const form = new FormData();
      form.append('title', title);
      form.append('learningOutcomeIds', outcomes.join(','));
      form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
      return (await amiraApi.ok<{ id: string }>('POST', `/cases/${caseA}/evidence/files`, form)).id;
    };
    pdfId = await upload(pdfBytes('session plans'), 'plans.pdf', 'application/pdf', 'Session plans');
    photoId = await upload(PHOTO, 'whiteboard.heic', 'image/heic', 'Whiteboard');
    credentialId = (
      await amiraApi.ok<{ id: string }>('POST', `/cases/${caseA}/evidence`, {
        kind: 'credential',
        credential: await credentialFor(amira.email),
        learningOutcomeIds: outcomes,
        title: 'Online tutoring badge',
      })
    ).id;
    await amiraApi.ok('POST', `/cases/${caseA}/submit`);
    // Bruno's case on B, left to accept
    caseB = (await brunoApi.ok<{ id: string }>('POST', '/cases', { standardId: standardB.id })).id;
    await prepareAndSubmit(brunoApi, standardB, caseB, pdfBytes('portfolio'));
    await reach(amiraApi, caseA, CaseStatus.AssessorAssigned);
    await reach(brunoApi, caseB, CaseStatus.AssessorAssigned);
    await assessorApi.ok('POST', `/cases/${caseA}/assessment/accept`);
    await reach(amiraApi, caseA, CaseStatus.UnderAssessment);
    // 21 more assignments on B, as the worker writes them (the queue reads only the database): two pages of B;
    // the first is overdue (no process of theirs runs to write the due date over)
    for (let i = 1; i <= 21; i++) {
      const candidate = await make.user(Role.Candidate, null, `Candidate ${String(i).padStart(2, '0')}`);
      const id = randomUUID();
      await ds.getRepository(CaseEntity).insert({
        id,
        candidateId: candidate.id,
        standardId: standardB.id,
        awardingBodyId: body.id,
        workflowId: `case-${id}`,
        status: CaseStatus.AssessorAssigned,
        assessmentDueAt: new Date(i === 1 ? Date.now() - 3_600_000 : Date.now() + (20 + i) * 86_400_000),
      });
      await ds.getRepository(CaseAssessorEntity).insert({ caseId: id, assessorId: assessor.id, purpose: AssessmentPurpose.Assessment, round: 1, status: 'active', assignedAt: new Date() });
    }

    english = await newVisitor(browser);
    page = await english.newPage();
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspReports.push(message.text());
    });
    await signIn(page, assessor.email);
  });

  afterAll(async () => {
    await browser?.close();
    await ds?.destroy();
    await system?.stop();
    await dropDatabase(DATABASE_URL);
  });

  it('filters the queue by standard with a plain GET form, and the paging links keep the filter', async () => {
    expect(new URL(page.url()).pathname).toBe('/portal/assessor');
    await expect(page.locator('table.queue tbody tr').count()).resolves.toBe(20);
    await page.getByLabel('Standard', { exact: true }).selectOption({ label: `Data literacy at work (${standardB.code})` });
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    expect(new URL(page.url()).searchParams.get('standardId')).toBe(standardB.id);
    const first = await queueNames();
    expect(first).toHaveLength(20);
    expect(first).not.toContain('Amira Haddad');
    // the overdue one is due soonest: first
    expect(first[0]).toBe('Candidate 01');
    await scan(page, 'queue filtered by standard (en)');

    const next = page.getByRole('link', { name: 'Next page' });
    const nextUrl = new URL((await next.getAttribute('href'))!, system.baseUrl);
    expect(nextUrl.searchParams.get('standardId')).toBe(standardB.id);
    expect(nextUrl.searchParams.get('cursor')).toBeTruthy();
    await next.click();
    const second = await queueNames();
    expect(second).toHaveLength(2);
    const others = Array.from({ length: 21 }, (_, i) => `Candidate ${String(i + 1).padStart(2, '0')}`);
    expect([...first, ...second].sort()).toEqual(['Bruno Lefèvre', ...others].sort());
    await expect(page.getByLabel('Standard', { exact: true }).inputValue()).resolves.toBe(standardB.id);
    const firstPage = new URL((await page.getByRole('link', { name: 'First page' }).getAttribute('href'))!, system.baseUrl);
    expect([...firstPage.searchParams.entries()]).toEqual([['standardId', standardB.id]]);
    await expect(page.getByRole('link', { name: 'Next page' }).count()).resolves.toBe(0);
  });

  it('filters by overdue only, by where the case is and by a search, each alone', async () => {
    await page.goto(`${system.baseUrl}/portal/assessor`);
    await page.getByLabel('Overdue only').check();
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    expect(new URL(page.url()).searchParams.get('overdue')).toBe('true');
    await expect(queueNames()).resolves.toEqual(['Candidate 01']);
    await expect(page.locator('table.queue .sla').allTextContents()).resolves.toEqual(['Overdue']);
    await expect(page.getByLabel('Overdue only').isChecked()).resolves.toBe(true);
    await scan(page, 'queue overdue only (en)');

    await page.goto(`${system.baseUrl}/portal/assessor`);
    await page.getByLabel('Where the case is').selectOption({ label: 'Being assessed' });
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await expect(queueNames()).resolves.toEqual(['Amira Haddad']);

    await page.goto(`${system.baseUrl}/portal/assessor?q=lef%C3%A8vre`);
    await expect(queueNames()).resolves.toEqual(['Bruno Lefèvre']);
    await expect(page.getByLabel('Candidate or standard contains').inputValue()).resolves.toBe('lefèvre');

    await page.goto(`${system.baseUrl}/portal/assessor?status=under_assessment&overdue=true`);
    await expect(page.locator('main').textContent()).resolves.toContain('No case assigned to you matches these filters.');
    await page.getByRole('link', { name: 'Show every case' }).click();
    await expect(page.locator('table.queue tbody tr').count()).resolves.toBe(20);
  });

  it('says which filters it could not use, next to them and in the summary, and lists without them (400, not an error page)', async () => {
    const res = await page.goto(`${system.baseUrl}/portal/assessor?standardId=nope&status=sleeping&overdue=yes&q=${'x'.repeat(101)}`);
    expect(res?.status()).toBe(400);
    await expect(summary(page)).resolves.toEqual([
      'Choose a standard from the list; this one was left out of the filter.',
      'Choose where the case is from the list; this was left out of the filter.',
      'The search must be 1 to 100 characters, given once; it was left out of the filter.',
      'Overdue only is either ticked or not; it was left out of the filter.',
    ]);
    await expect(page.locator('#error-standardId').textContent()).resolves.toBe('Choose a standard from the list; this one was left out of the filter.');
    await expect(page.getByLabel('Standard', { exact: true }).getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.locator('table.queue tbody tr').count()).resolves.toBe(20);
    await scan(page, 'queue with mistaken filters (en)');

    // filters sent twice, a cursor this list never gave out: still a page that says so
    const odd = await page.goto(`${system.baseUrl}/portal/assessor?standardId=${standardB.id}&standardId=${standardA.id}&q=a&q=b&cursor=bm90LWEtY3Vyc29y`);
    expect(odd?.status()).toBe(400);
    await expect(summary(page)).resolves.toEqual([
      'Choose a standard from the list; this one was left out of the filter.',
      'The search must be 1 to 100 characters, given once; it was left out of the filter.',
      'That link to a later page is not one this list gave out: here is the first page.',
    ]);
    await expect(page.locator('table.queue tbody tr').count()).resolves.toBe(20);

    const french = await newVisitor(browser, 'fr-FR');
    await french.addCookies([{ name: LANGUAGE_COOKIE, value: 'fr', url: system.baseUrl }]);
    const fpage = await french.newPage();
    await signIn(fpage, assessor.email);
    await fpage.goto(`${system.baseUrl}/portal/assessor?standardId=nope&overdue=false`);
    await expect(summary(fpage)).resolves.toEqual([
      'Choisissez un référentiel dans la liste ; celui-ci n’a pas été pris en compte.',
      '« En retard seulement » est coché ou non ; ce choix n’a pas été pris en compte.',
    ]);
    const text = (await fpage.locator('body').innerText()).replace(/\s+/g, ' ');
    expect(englishOnlyPhrases('assessor.').filter((phrase) => text.includes(phrase))).toEqual([]);
    await scan(fpage, 'queue with mistaken filters (fr)');
    await fpage.goto(`${system.baseUrl}/portal/assessor/cases/${caseA}`);
    await expect(fpage.locator('#timeline-title').textContent()).resolves.toBe('Historique du dossier');
    await expect(fpage.locator('table.timeline tbody tr').first().textContent()).resolves.toContain('Amira Haddad (le candidat)');
    const caseText = (await fpage.locator('body').innerText()).replace(/\s+/g, ' ');
    expect(englishOnlyPhrases('assessor.').filter((phrase) => caseText.includes(phrase))).toEqual([]);
    await scan(fpage, 'case with timeline and recognition (fr)');
    await french.close();
  });

  it('shows the case’s timeline: what happened, where the case went and who acted, in the reader’s zone', async () => {
    await page.goto(`${system.baseUrl}/portal/assessor/cases/${caseA}`);
    const events = (await amiraApi.ok<{ items: { type: string; toStatus: string; occurredAt: string }[] }>('GET', `/cases/${caseA}/timeline?limit=100`)).items;
    const rows = page.locator('table.timeline tbody tr');
    const cells = async (i: number) => rows.nth(i).locator('td').allTextContents();
    const opened = events.find((e) => e.type === 'case_created')!;
    const when = DateTime.fromISO(opened.occurredAt).setZone(READER_ZONE).setLocale('en').toLocaleString(DateTime.DATETIME_MED);
    await expect(cells(0)).resolves.toEqual([when, 'The case was opened', 'Being prepared', 'Amira Haddad (the candidate)']);
    const all: string[][] = [];
    for (let i = 0; i < (await rows.count()); i++) all.push(await cells(i));
    expect(all).toContainEqual([expect.any(String), 'The case moved on', 'Submitted', 'Amira Haddad (the candidate)']);
    expect(all).toContainEqual([expect.any(String), 'The case moved on', 'Assessor assigned', 'The process or the awarding body']);
    expect(all.at(-1)).toEqual([expect.any(String), 'The case moved on', 'Being assessed', 'You']);
    // the log's own English reasons never show
    await expect(page.locator('table.timeline').textContent()).resolves.not.toMatch(/assigned to|started by/i);
    await expect(page.locator('footer').textContent()).resolves.toContain(READER_ZONE);
    await scan(page, 'case with timeline (en)');
  });

  it('recognises a credential the candidate holds for a learning outcome, saying what that means', async () => {
    const outcomes = standardA.learningOutcomes!;
    await page.goto(`${system.baseUrl}/portal/assessor/cases/${caseA}`);
    const article = page.locator('article.evidence', { has: page.getByRole('heading', { name: 'Online tutoring badge' }) });
    await expect(article.textContent()).resolves.toContain('Not recognised for any learning outcome yet.');
    await expect(article.textContent()).resolves.toContain('you still judge every criterion');
    await article.getByRole('button', { name: 'Recognise the credential' }).click();
    await expect(summary(page)).resolves.toEqual(['Choose a learning outcome the credential is offered for.']);
    await expect(page.locator(`#error-recognise-${credentialId}`).textContent()).resolves.toBe('Choose a learning outcome the credential is offered for.');
    await scan(page, 'recognition with a mistake (en)');
    await page.getByRole('group', { name: 'Which learning outcome does this credential show?' }).getByRole('radio', { name: `${outcomes[0]!.code} – ${outcomes[0]!.description}` }).check();
    await page.getByLabel('Why you recognise it (optional)').fill('Same outcome at the same level.');
    const token = await page.locator(`form[action$="/evidence/${credentialId}/recognitions"] input[name=_csrf]`).inputValue();
    await page.getByRole('button', { name: 'Recognise the credential' }).click();
    await expect(page.locator('[role=status]').textContent()).resolves.toBe('The credential is recognised for that learning outcome.');
    const recognised = page.locator('article.evidence', { has: page.getByRole('heading', { name: 'Online tutoring badge' }) });
    await expect(recognised.locator('.recognitions li').textContent()).resolves.toMatch(new RegExp(`^Recognised for ${outcomes[0]!.code} on .+\\. By you\\.Same outcome at the same level\\.$`));
    // the outcome recognised is no longer offered; the other still is
    await expect(recognised.getByRole('radio').count()).resolves.toBe(outcomes.length - 1);
    const evidence = (await amiraApi.ok<{ evidence: { id: string; recognitions: { learningOutcomeId: string; comment: string }[] }[] }>('GET', `/cases/${caseA}`)).evidence;
    expect(evidence.find((e) => e.id === credentialId)!.recognitions).toEqual([expect.objectContaining({ learningOutcomeId: outcomes[0]!.id, comment: 'Same outcome at the same level.' })]);
    await scan(page, 'credential recognised (en)');

    // the same outcome again (a page loaded before): the service's refusal in words, nothing changed
    const again = await page.request.post(`${system.baseUrl}/portal/assessor/cases/${caseA}/evidence/${credentialId}/recognitions`, {
      form: { _csrf: token, learningOutcomeId: outcomes[0]!.id },
      maxRedirects: 0,
    });
    expect(again.status()).toBe(409);
    expect(await again.text()).toContain('The credential is already recognised for that learning outcome: nothing changed.');
    // an outcome the credential is not offered for, or a file that is not a credential
    const stray = await page.request.post(`${system.baseUrl}/portal/assessor/cases/${caseA}/evidence/${credentialId}/recognitions`, {
      form: { _csrf: token, learningOutcomeId: randomUUID() },
      maxRedirects: 0,
    });
    expect(stray.status()).toBe(400);
    expect(await stray.text()).toContain('Choose a learning outcome the credential is offered for.');
    const notCredential = await page.request.post(`${system.baseUrl}/portal/assessor/cases/${caseA}/evidence/${pdfId}/recognitions`, {
      form: { _csrf: token, learningOutcomeId: outcomes[1]!.id },
      maxRedirects: 0,
    });
    expect(notCredential.status()).toBe(404);
  });

  it('draws a PDF from the inline route, the only one the page’s policy lets it embed; every other file stays an attachment', async () => {
    const res = await page.goto(`${system.baseUrl}/portal/assessor/cases/${caseA}`);
    const pagePolicy = res!.headers()['content-security-policy']!;
    expect(pagePolicy).toContain("object-src 'self'");
    const inlinePath = `/cases/${caseA}/evidence/${pdfId}/inline`;
    await expect(page.locator('object.evidence-pdf').getAttribute('data')).resolves.toBe(inlinePath);
    await expect(page.locator('object.evidence-pdf').getAttribute('type')).resolves.toBe('application/pdf');
    // closed until asked for: Chromium's PDF viewer, once loaded, would take the focus and scroll the page to it
    await page.waitForTimeout(1_500);
    await expect(page.evaluate('[window.scrollY, document.activeElement.tagName]')).resolves.toEqual([0, 'BODY']);
    expect(page.frames().map((f) => f.url())).not.toContainEqual(expect.stringContaining(inlinePath));
    await page.locator('summary', { hasText: 'Show the document here' }).click();
    // this Chromium has a PDF viewer: the object's frame gets the inline route and the viewer draws it
    const drawn = async () => page.frames().map((f) => f.url());
    for (let i = 0; i < 100 && !(await drawn()).some((url) => url.startsWith('chrome-extension://')); i++) await page.waitForTimeout(100);
    expect(await drawn()).toEqual(expect.arrayContaining([`${system.baseUrl}${inlinePath}`, expect.stringMatching(/^chrome-extension:\/\/[a-z]+\/index\.html$/)]));
    await screenshot(page, 'assessor-case-pdf');
    // the browser loaded the page and the document without refusing anything under its policy
    expect(cspReports).toEqual([]);

    const inline = await page.request.get(`${system.baseUrl}${inlinePath}`);
    expect(inline.status()).toBe(200);
    const headers = inline.headers();
    expect(headers['content-type']).toBe('application/pdf');
    expect(headers['content-disposition']).toBe(`inline; filename="plans.pdf"; filename*=UTF-8''plans.pdf`);
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['content-security-policy']).toContain("script-src 'none'");
    expect(headers['content-security-policy']).toContain("frame-ancestors 'self'");
    expect(headers['content-security-policy']).not.toContain('sandbox');
    expect(Buffer.from(await inline.body()).subarray(0, 5).toString()).toBe('%PDF-');

    // the download of the same file, and any other file: an attachment under a sandbox
    const file = await page.request.get(`${system.baseUrl}/cases/${caseA}/evidence/${pdfId}/file`);
    expect(file.headers()['content-disposition']).toMatch(/^attachment; /);
    expect(file.headers()['content-security-policy']).toBe("default-src 'none'; sandbox");
    expect((await page.request.get(`${system.baseUrl}/cases/${caseA}/evidence/${photoId}/inline`)).status()).toBe(404);
    expect((await page.request.get(`${system.baseUrl}/cases/${caseA}/evidence/${credentialId}/inline`)).status()).toBe(404);

    // other pages embed nothing
    const queue = await page.goto(`${system.baseUrl}/portal/assessor`);
    expect(queue!.headers()['content-security-policy']).toContain("object-src 'none'");

    // the inline route checks access as the download does: another assessor, or another candidate, gets 404
    const other = await factories(ds).user(Role.Assessor, (await ds.getRepository(CaseEntity).findOneByOrFail({ id: caseA })).awardingBodyId, 'Ines Moreau');
    const otherApi = await ApiUser.login(system.baseUrl, other.email, TEST_PASSWORD);
    expect((await otherApi.request('GET', inlinePath)).status).toBe(404);
    const stranger = await factories(ds).user(Role.Candidate, null, 'Carla Stranger');
    expect((await (await ApiUser.login(system.baseUrl, stranger.email, TEST_PASSWORD)).request('GET', inlinePath)).status).toBe(404);
    expect((await amiraApi.request('GET', inlinePath)).status).toBe(200);
  });

  it('finds no serious or critical accessibility violation on any page met, in either language', () => {
    expect(seen.length).toBeGreaterThanOrEqual(8);
    expect(seen.filter((s) => s.problems.length)).toEqual([]);
  });
});
