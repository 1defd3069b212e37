import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { DataSource } from 'typeorm';
import { CaseStatus } from '../../libs/domain';
import { CaseAssessorEntity, CredentialEntity, UserEntity } from '../../libs/persistence/entities';
import { TEST_PASSWORD } from '../factories';
import { dropDatabase, otherTestDatabaseUrl, prepareDatabase } from '../support/database';
import { accessibilityProblems, englishOnlyPhrases, launchBrowser, newVisitor, screenshot } from './support/browser';
import type { ApiUser, RunningSystem } from './support/system';
import { allMet, pdfBytes, reach, startRunningWorld } from './support/world';
import type { RunningWorld, World } from './support/world';

/**
 * A candidate's whole case through the portal's pages in Chromium: find the standard, start a case,
 * self-assess, build the portfolio (an upload with its progress bar, a link, an attestation), submit, answer an
 * evidence request before its deadline, read the decision with its feedback, download the credential. The
 * assessor and the admin act through the JSON API here (their pages have their own tests). A database of its
 * own, so the catalogue shows this file's standard only.
 */
const DATABASE_URL = otherTestDatabaseUrl(`vnfil_test_portal_candidate_${process.pid}`);

jest.setTimeout(180_000);

describe('the candidate in the portal', () => {
  let running: RunningWorld;
  let system: RunningSystem;
  let ds: DataSource;
  let world: World;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let caseId: string;
  const seen: { name: string; problems: unknown[] }[] = [];
  const scan = async (p: Page, name: string) => seen.push({ name, problems: await accessibilityProblems(p) });
  const h1 = (p: Page) => p.locator('h1').textContent();
  const notice = (p: Page) => p.locator('main > [role=status]').textContent();
  const emailOf = async (user: ApiUser) => (await ds.getRepository(UserEntity).findOneByOrFail({ id: user.id })).email;

  beforeAll(async () => {
    await prepareDatabase(DATABASE_URL);
    running = await startRunningWorld({ assessors: 1, candidates: 2, databaseUrl: DATABASE_URL });
    ({ system, ds, world } = running);
    browser = await launchBrowser();
    context = await newVisitor(browser);
    page = await context.newPage();
    await page.goto(`${system.baseUrl}/portal/sign-in`);
    await page.getByLabel('E-mail address').fill(await emailOf(world.candidates[0]!));
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  });

  afterAll(async () => {
    await browser?.close();
    await running?.stop();
    await dropDatabase(DATABASE_URL);
  });

  it('finds the standard in the catalogue, reads it and starts a case', async () => {
    expect(new URL(page.url()).pathname).toBe('/portal/candidate');
    await page.getByRole('link', { name: 'Find a standard' }).click();
    await expect(h1(page)).resolves.toBe('Find a standard');
    await scan(page, 'catalogue');
    // a level the standard does not have finds nothing; its own level finds it
    await page.getByLabel('EQF level').selectOption(String(world.standard.eqfLevel === 8 ? 7 : 8));
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page.locator('main').textContent()).resolves.toContain('No standard matches these filters.');
    await page.getByLabel('EQF level').selectOption(String(world.standard.eqfLevel));
    await page.getByRole('button', { name: 'Search' }).click();
    await screenshot(page, 'candidate-catalogue');
    await page.getByRole('link', { name: world.standard.title }).click();
    await expect(h1(page)).resolves.toBe(world.standard.title);
    const outcomes = world.standard.learningOutcomes!;
    for (const o of outcomes) await expect(page.locator('main').textContent()).resolves.toContain(o.description);
    await expect(page.locator('main').textContent()).resolves.toContain('How it goes');
    await scan(page, 'standard');
    await screenshot(page, 'candidate-standard');

    await page.getByRole('button', { name: 'Start a case on this standard' }).click();
    expect(new URL(page.url()).pathname).toMatch(/^\/portal\/cases\/[0-9a-f-]{36}$/);
    caseId = new URL(page.url()).pathname.split('/').pop()!;
    await expect(page.locator('.status-line').textContent()).resolves.toBe('Being prepared');
    await expect(page.locator('main').textContent()).resolves.toContain('What to do now: Assess yourself against each learning outcome');
    // starting again leads to the same open case
    await page.goto(`${system.baseUrl}/portal/standards/${world.standard.id}`);
    await page.getByRole('button', { name: 'Start a case on this standard' }).click();
    expect(new URL(page.url()).pathname).toBe(`/portal/cases/${caseId}`);
  });

  it('self-assesses with mistakes shown next to the fields, then saves', async () => {
    const [first, second] = world.standard.learningOutcomes!;
    await page.getByLabel('How well you master it').first().selectOption('confident');
    await page.getByRole('button', { name: 'Save the self-assessment' }).click();
    await expect(page.locator('.error-summary li').allTextContents()).resolves.toEqual(['Say how you meet this learning outcome.']);
    await expect(page.locator(`#error-statement-${first!.id}`).textContent()).resolves.toBe('Say how you meet this learning outcome.');
    // the choice made is kept
    await expect(page.locator(`#field-level-${first!.id}`).inputValue()).resolves.toBe('confident');
    await scan(page, 'case with self-assessment mistakes');
    // shown at the form's address, the page's language switch still leads back to the case page, not to the form's
    expect(new URL(page.url()).pathname).toBe(`/portal/cases/${caseId}/self-assessment`);
    await expect(page.locator('input[name="next"]').getAttribute('value')).resolves.toBe(`/portal/cases/${caseId}`);

    await page.locator(`#field-statement-${first!.id}`).fill('I clean the monthly sales export at work and log every change.');
    await page.locator(`#field-level-${second!.id}`).selectOption('partly');
    await page.locator(`#field-statement-${second!.id}`).fill('I build pivot tables for the quarterly review.');
    await page.getByRole('button', { name: 'Save the self-assessment' }).click();
    await expect(notice(page)).resolves.toBe('Your self-assessment is saved.');
    const stored = await world.candidates[0]!.ok<{ selfAssessment: { learningOutcomeId: string; level: string }[] }>('GET', `/cases/${caseId}`);
    expect(stored.selfAssessment.map((s) => [s.learningOutcomeId, s.level]).sort()).toEqual([[first!.id, 'confident'], [second!.id, 'partly']].sort());
  });

  it('builds the portfolio: a file with its progress bar, a link and an attestation, and shows what lacks evidence', async () => {
    const outcomes = world.standard.learningOutcomes!;
    await expect(page.locator('#portfolio').textContent()).resolves.toContain(`Learning outcomes still without evidence: ${outcomes.map((o) => o.code).join(', ')}.`);

    // a link with a wrong address: the mistake, the values kept (the outcome ticked too), the form open
    await page.getByText('Add a link').click();
    await page.locator('#field-link-title').fill('Sales dashboard');
    await page.locator('#field-link-url').fill('portfolio.example.org/sales');
    await page.locator(`#link-lo-${outcomes[1]!.id}`).check();
    await page.getByRole('button', { name: 'Add the link' }).click();
    await expect(page.locator('.error-summary li').allTextContents()).resolves.toEqual(['Enter an address starting with https:// or http://.']);
    await expect(page.locator(`#link-lo-${outcomes[1]!.id}`).isChecked()).resolves.toBe(true);
    // and without an outcome
    await page.locator('#field-link-url').fill('https://portfolio.example.org/sales');
    await page.locator(`#link-lo-${outcomes[1]!.id}`).uncheck();
    await page.getByRole('button', { name: 'Add the link' }).click();
    await expect(page.locator('.error-summary li').allTextContents()).resolves.toEqual(['Choose at least one learning outcome it shows.']);
    await expect(page.locator('#field-link-url').inputValue()).resolves.toBe('https://portfolio.example.org/sales');
    await page.locator(`#link-lo-${outcomes[0]!.id}`).check();
    await page.getByRole('button', { name: 'Add the link' }).click();
    await expect(notice(page)).resolves.toBe('The evidence is added.');

    // the upload goes through the page's script (progress bar), and by its bytes: a PDF
    await page.goto(`${system.baseUrl}/portal/cases/${caseId}`);
    await page.locator('#field-upload-title').fill('Monthly report');
    for (const o of outcomes) await page.locator(`#field-file`).locator('xpath=ancestor::form').locator(`input[value="${o.id}"]`).check();
    await page.locator('#field-file').setInputFiles({ name: 'report.pdf', mimeType: 'application/pdf', buffer: pdfBytes('monthly report') });
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    await page.waitForURL(/notice=evidence-added/);
    await expect(notice(page)).resolves.toBe('The evidence is added.');
    await expect(page.locator('#portfolio').textContent()).resolves.toContain('Every learning outcome has evidence.');
    // a file that is not what it claims is refused with advice, and nothing is added
    await page.locator('#field-upload-title').fill('Not a PDF');
    await page.locator('#field-file').locator('xpath=ancestor::form').locator(`input[value="${outcomes[0]!.id}"]`).check();
    await page.locator('#field-file').setInputFiles({ name: 'program.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ\x90\x00 a Windows program, not a document') });
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    await expect(page.locator('#error-file').textContent()).resolves.toMatch(/not accepted|could not be read/);

    await page.getByText('Add an attestation').click();
    await page.locator('#field-attestation-title').fill('Line manager attestation');
    await page.locator('#field-attestation-attestorName').fill('Marta Kowalska');
    await page.locator('#field-attestation-attestorEmail').fill('marta@example.org');
    await page.locator('#field-attestation-statement').fill('Amira has prepared the monthly sales report on her own since 2023.');
    await page.locator(`#attestation-lo-${outcomes[1]!.id}`).check();
    await page.getByRole('button', { name: 'Add the attestation' }).click();
    await expect(notice(page)).resolves.toBe('The evidence is added.');
    const rows = await page.locator('#portfolio tbody tr').allTextContents();
    expect(rows).toHaveLength(3);
    await scan(page, 'case with portfolio');
    await screenshot(page, 'candidate-case-draft');
  });

  it('keeps other candidates out of the case and its evidence', async () => {
    const other = await newVisitor(browser);
    const otherPage = await other.newPage();
    await otherPage.goto(`${system.baseUrl}/portal/sign-in`);
    await otherPage.getByLabel('E-mail address').fill(await emailOf(world.candidates[1]!));
    await otherPage.getByLabel('Password').fill(TEST_PASSWORD);
    await otherPage.getByRole('button', { name: 'Sign in', exact: true }).click();
    const answer = await otherPage.goto(`${system.baseUrl}/portal/cases/${caseId}`);
    expect(answer?.status()).toBe(404);
    await expect(h1(otherPage)).resolves.toBe('Page not found');
    const file = (await page.locator('#portfolio a[href*="/file"]').first().getAttribute('href'))!;
    expect((await otherPage.request.get(`${system.baseUrl}${file}`)).status()).toBe(404);
    expect((await page.request.get(`${system.baseUrl}${file}`)).status()).toBe(200);
    // nor can they post to its forms, even with their own valid token
    const token = await otherPage.locator('input[name=_csrf]').first().inputValue();
    const forged = await otherPage.request.post(`${system.baseUrl}/portal/cases/${caseId}/submit`, { form: { _csrf: token }, maxRedirects: 0 });
    expect(forged.status()).toBe(404);
    await other.close();
  });

  it('submits, answers an evidence request before its deadline, and reads the decision with its feedback', async () => {
    await page.getByRole('button', { name: 'Submit the case' }).click();
    await expect(notice(page)).resolves.toBe('Your case is submitted.');
    // an upload still open in another tab, sent once the case is submitted: the case page says it moved on
    const token = await page.locator('input[name=_csrf]').first().inputValue();
    const late = await page.request.post(`${system.baseUrl}/portal/cases/${caseId}/evidence/files?_csrf=${encodeURIComponent(token)}`, {
      multipart: { title: 'Late chart', learningOutcomeIds: world.standard.learningOutcomes![0]!.id, file: { name: 'late.pdf', mimeType: 'application/pdf', buffer: pdfBytes('late') } },
      maxRedirects: 0,
    });
    expect(late.status()).toBe(409);
    expect(await late.text()).toContain('The case has moved on since this page was loaded');
    await reach(world.candidates[0]!, caseId, CaseStatus.AssessorAssigned);
    const holder = await ds.getRepository(CaseAssessorEntity).findOneByOrFail({ caseId, status: 'active' });
    const assessor: ApiUser = world.assessors.find((a) => a.id === holder.assessorId)!;
    await assessor.ok('POST', `/cases/${caseId}/assessment/accept`);
    const [first] = world.standard.learningOutcomes!;
    await assessor.ok('POST', `/cases/${caseId}/evidence-requests`, { message: 'Please add the chart pack of the March review.', learningOutcomeIds: [first!.id] });
    await reach(world.candidates[0]!, caseId, CaseStatus.EvidenceRequested);

    await page.goto(`${system.baseUrl}/portal/cases/${caseId}`);
    const request = page.locator('section[aria-labelledby=request-title]');
    await expect(request.locator('blockquote').textContent()).resolves.toBe('Please add the chart pack of the March review.');
    await expect(request.textContent()).resolves.toContain(`It is about: ${first!.code}.`);
    await expect(request.locator('.countdown').textContent()).resolves.toMatch(/^\d+ days left\. Answer by /);
    await scan(page, 'case with an evidence request');
    await screenshot(page, 'candidate-evidence-request');
    await page.getByRole('button', { name: 'Answer the request' }).click();
    await expect(page.locator('#error-note').textContent()).resolves.toBe('Say what you added.');
    await page.locator('#field-note').fill('I added the chart pack as a link.');
    await page.getByRole('button', { name: 'Answer the request' }).click();
    await expect(notice(page)).resolves.toBe('Your answer is sent.');
    await reach(world.candidates[0]!, caseId, CaseStatus.UnderAssessment);

    // before the decision the candidate never sees the assessor's recommendation
    await assessor.ok('POST', `/cases/${caseId}/assessments`, allMet(world.standard));
    await reach(world.candidates[0]!, caseId, CaseStatus.AwaitingDecision);
    await page.goto(`${system.baseUrl}/portal/cases/${caseId}`);
    await expect(page.locator('.status-line').textContent()).resolves.toBe('Waiting for the decision');
    await expect(page.locator('main').textContent()).resolves.not.toContain('Every criterion is met.');

    await world.admin.ok('POST', `/cases/${caseId}/decision`, { result: 'awarded', recognisedOutcomeIds: world.standard.learningOutcomes!.map((o) => o.id), reason: 'All outcomes met.' });
    await reach(world.candidates[0]!, caseId, CaseStatus.Awarded);
    await page.goto(`${system.baseUrl}/portal/cases/${caseId}`);
    const decision = page.locator('section[aria-labelledby=decision-title]');
    await expect(decision.textContent()).resolves.toContain('Awarded');
    await expect(decision.locator('.feedback > li').count()).resolves.toBe(world.standard.learningOutcomes!.length);
    await expect(decision.textContent()).resolves.toContain('recognised');
    const credential = page.locator('section[aria-labelledby=credential-title]');
    await expect(credential.getByRole('link', { name: 'Certificate to print (PDF)' }).count()).resolves.toBe(1);
    const pdf = await page.request.get(`${system.baseUrl}${await credential.getByRole('link', { name: 'Certificate to print (PDF)' }).getAttribute('href')}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    await scan(page, 'awarded case');
    await screenshot(page, 'candidate-case-awarded');
    // the timeline tells the story in the candidate's words
    const timeline = await page.locator('.timeline li').allTextContents();
    expect(timeline.some((line) => line.includes('More evidence asked for: “Please add the chart pack of the March review.”') || line.includes('More evidence asked for: Please add'))).toBe(true);
    expect(timeline.at(-1)).toContain('Awarded');
  });

  it('shares the credential, and anyone verifies it: by its page, pasted or uploaded, and a changed one fails', async () => {
    const credentialId = (await world.candidates[0]!.ok<{ credential: { id: string } }>('GET', `/cases/${caseId}`)).credential.id;
    const jwt = await (await page.request.get(`${system.baseUrl}/credentials/${credentialId}/credential.jwt`)).text();
    expect(jwt.split('.')).toHaveLength(3);
    const anyone = await newVisitor(browser);
    const visitor = await anyone.newPage();
    await visitor.goto(`${system.baseUrl}/portal/verify/${credentialId}`);
    await expect(visitor.locator('#result-title').textContent()).resolves.toBe('This credential is valid');
    await expect(visitor.locator('main').textContent()).resolves.toContain('Its holder has not shared their name or its details.');
    // a visitor has no zone of their own: the page's times are in UTC, and the page says so
    await expect(visitor.locator('footer').textContent()).resolves.toContain('Times are shown in UTC.');

    await page.goto(`${system.baseUrl}/portal/cases/${caseId}`);
    await page.getByRole('button', { name: 'Show my name and the details on the public page' }).click();
    await expect(notice(page)).resolves.toBe('Your sharing choice is saved.');
    const holder = (await ds.getRepository(UserEntity).findOneByOrFail({ id: world.candidates[0]!.id })).displayName;
    await visitor.reload();
    await expect(visitor.locator('main').textContent()).resolves.toContain(`Awarded to ${holder}.`);
    await scan(visitor, 'public credential page');
    await screenshot(visitor, 'public-credential');

    await visitor.goto(`${system.baseUrl}/portal/verify`);
    await visitor.getByLabel('The credential').fill(jwt);
    await visitor.getByRole('button', { name: 'Check' }).first().click();
    await expect(visitor.locator('#result-title').textContent()).resolves.toBe('This credential is valid');
    await scan(visitor, 'verify: valid');
    // one character of the signature changed: the signature check fails
    const [head, payload, signature] = jwt.split('.');
    const changed = `${head}.${payload}.${signature![0] === 'A' ? 'B' : 'A'}${signature!.slice(1)}`;
    await visitor.getByLabel('The credential').fill(changed);
    await visitor.getByRole('button', { name: 'Check' }).first().click();
    await expect(visitor.locator('#result-title').textContent()).resolves.toBe('This credential cannot be trusted');
    await visitor.getByLabel('The credential').fill('hello');
    await visitor.getByRole('button', { name: 'Check' }).first().click();
    await expect(visitor.locator('#error-credential').textContent()).resolves.toContain('This is not a credential');
    await visitor.getByLabel('Credential file (.json or .jwt)').setInputFiles({ name: 'badge.jwt', mimeType: 'application/vc+jwt', buffer: Buffer.from(jwt) });
    await visitor.getByRole('button', { name: 'Check' }).nth(1).click();
    await expect(visitor.locator('#result-title').textContent()).resolves.toBe('This credential is valid');
    await scan(visitor, 'verify: uploaded');
    await anyone.close();
  });

  it("words every check's detail in French for a French reader, dates in their zone, while the JSON API keeps its English reasons", async () => {
    const credentialId = (await world.candidates[0]!.ok<{ credential: { id: string } }>('GET', `/cases/${caseId}`)).credential.id;
    const jwt = await (await page.request.get(`${system.baseUrl}/credentials/${credentialId}/credential.jwt`)).text();
    const english = [...englishOnlyPhrases('verify.'), 'embedded Data Integrity', 'matches the content', "is the issuer's", 'was in service', 'not revoked', 'valid since'];
    const french = await newVisitor(browser, 'fr-FR');
    const visitor = await french.newPage();
    const details = async () => (await visitor.locator('table tbody tr td:nth-child(3)').allTextContents()).map((text) => text.trim());
    await visitor.goto(`${system.baseUrl}/portal/verify/${credentialId}`);
    await expect(visitor.locator('#result-title').textContent()).resolves.toBe('Cette certification est valide');
    const onItsPage = await details();
    expect(onItsPage).toHaveLength(6);
    expect(onItsPage[0]).toBe('Une certification VC 2.0 dont la preuve d’intégrité (Data Integrity) est intégrée.');
    expect(onItsPage[1]).toMatch(/^La signature eddsa-rdfc-2022 de la clé did:web:\S+ correspond au contenu\.$/);
    // the date of issue in words of the reader's language, never the ISO instant
    expect(onItsPage[2]).toMatch(/^La clé did:web:\S+ appartient à l’émetteur \(did:web:\S+\) et était en service quand la certification a été délivrée \(\d{1,2} \S+ \d{4}/);
    expect(onItsPage[3]).toBe('Ni révoquée ni suspendue (vérifié sur les listes de statut signées de l’émetteur).');
    const text = (await visitor.locator('main').innerText()).replace(/\s+/g, ' ');
    expect(english.filter((phrase) => text.includes(phrase))).toEqual([]);
    expect(text).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:/);
    await scan(visitor, 'public credential page (fr)');

    await visitor.goto(`${system.baseUrl}/portal/verify`);
    await visitor.getByLabel('La certification', { exact: true }).fill(jwt);
    await visitor.getByRole('button', { name: 'Vérifier' }).first().click();
    await expect(visitor.locator('#result-title').textContent()).resolves.toBe('Cette certification est valide');
    const pasted = await details();
    expect(pasted[0]).toBe('Une certification VC 2.0 sécurisée sous forme de VC-JWT.');
    expect(pasted[1]).toMatch(/^La signature EdDSA de la clé did:web:\S+ correspond au contenu\.$/);
    const pastedText = (await visitor.locator('main').innerText()).replace(/\s+/g, ' ');
    expect(english.filter((phrase) => pastedText.includes(phrase))).toEqual([]);
    await french.close();

    // a program's answer is unchanged: each check's English reason, and nothing more
    const answer = (await (await fetch(`${system.baseUrl}/verify`, { method: 'POST', headers: { 'content-type': 'application/json', 'accept-language': 'fr' }, body: JSON.stringify({ credential: jwt }) })).json()) as {
      checks: Record<string, unknown>[];
    };
    expect(answer.checks.map((c) => Object.keys(c).sort())).toEqual(Array(6).fill(['check', 'outcome', 'reason']));
    expect(answer.checks[1]).toEqual({ check: 'signature', outcome: 'passed', reason: expect.stringMatching(/^the EdDSA signature by did:web:\S+ matches the content$/) });
  });

  it('says a suspended or revoked credential on the case and home pages, guides no more to share it, and refuses to share it', async () => {
    const candidate = world.candidates[0]!;
    const credentialId = (await candidate.ok<{ credential: { id: string } }>('GET', `/cases/${caseId}`)).credential.id;
    const publicPage = async () => (await ds.getRepository(CredentialEntity).findOneByOrFail({ id: credentialId })).publicPage;
    const where = page.locator('section[aria-labelledby=where-title]');
    const credential = page.locator('section[aria-labelledby=credential-title]');
    const homeRow = () => page.locator('tbody tr', { has: page.locator(`a[href="/portal/cases/${caseId}"]`) });
    const shareButton = () => page.getByRole('button', { name: 'Show my name and the details on the public page' });
    const year = String(new Date().getFullYear());

    // shared by the test above; hidden again while in force, so the page offers to show it
    await page.goto(`${system.baseUrl}/portal/cases/${caseId}`);
    await expect(where.textContent()).resolves.toContain('Download your credential and share it.');
    await page.getByRole('button', { name: 'Hide my name and the details' }).click();
    await expect(notice(page)).resolves.toBe('Your sharing choice is saved.');

    // suspended: a page loaded before still offers to share it, and showing it is refused in words, nothing changed
    await world.admin.ok('POST', `/credentials/${credentialId}/suspend`, { reason: 'An allegation of plagiarism is being investigated.' });
    const suspendedAnswer = page.waitForResponse((r) => r.url().endsWith('/credential/share'));
    await shareButton().click();
    expect((await suspendedAnswer).status()).toBe(409);
    await expect(page.locator('.error-summary li').allTextContents()).resolves.toEqual(['A suspended or revoked credential cannot be shown on its public page. Nothing was changed.']);
    expect(await publicPage()).toBe(false);
    await page.goto(`${system.baseUrl}/portal/cases/${caseId}`);
    await expect(where.textContent()).resolves.toContain('Nothing for now: the awarding body has suspended your credential');
    await expect(page.locator('#credential-standing').innerText()).resolves.toMatch(
      new RegExp(`^This credential was suspended by the awarding body on .*${year}.*\\.\\s+Their reason: An allegation of plagiarism is being investigated\\.$`),
    );
    await expect(page.locator('main').textContent()).resolves.not.toMatch(/share it/i);
    await expect(shareButton().count()).resolves.toBe(0);
    await expect(credential.getByRole('link', { name: 'Certificate to print (PDF)' }).count()).resolves.toBe(0);
    await scan(page, 'case with a suspended credential');
    const french = await browser.newContext({ locale: 'fr-FR', storageState: await context.storageState() });
    await french.addCookies([{ name: 'vnfil_lang', value: 'fr', url: system.baseUrl }]);
    const fr = await french.newPage();
    await fr.goto(`${system.baseUrl}/portal/cases/${caseId}`);
    await expect(fr.locator('#credential-standing').innerText()).resolves.toMatch(/^Cette certification a été suspendue par l’organisme certificateur le .+\.\s+Motif indiqué : An allegation/);
    await expect(fr.locator('section[aria-labelledby=where-title]').textContent()).resolves.toContain('Rien pour l’instant : l’organisme certificateur a suspendu votre certification');
    const frText = await fr.locator('main').innerText();
    expect(englishOnlyPhrases('candidate.').filter((phrase) => frText.includes(phrase))).toEqual([]);
    await scan(fr, 'case with a suspended credential (fr)');
    await french.close();
    await page.goto(`${system.baseUrl}/portal/candidate`);
    await expect(homeRow().textContent()).resolves.toContain('Nothing for now: the awarding body has suspended your credential');
    await expect(homeRow().textContent()).resolves.toContain('This credential was suspended by the awarding body on');
    await expect(homeRow().textContent()).resolves.toContain('Their reason: An allegation of plagiarism is being investigated.');
    await expect(page.locator('main').textContent()).resolves.not.toMatch(/share it/i);
    await scan(page, 'home with a suspended credential');
    // the JSON API: the case says the suspension; showing is refused, hiding stays allowed
    const suspendedDetail = await candidate.ok<{ credential: Record<string, unknown> }>('GET', `/cases/${caseId}`);
    expect(suspendedDetail.credential).toMatchObject({ status: 'suspended', suspendedAt: expect.any(String), suspensionReason: 'An allegation of plagiarism is being investigated.', revokedAt: null });
    const refused = await candidate.request<{ code: string }>('PUT', `/credentials/${credentialId}/public-page`, { enabled: true });
    expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 409, code: 'credential.not_shareable' });
    expect((await candidate.request('PUT', `/credentials/${credentialId}/public-page`, { enabled: false })).status).toBe(200);
    expect(await publicPage()).toBe(false);

    // reinstated: in force again, the pages back to normal
    await world.admin.ok('POST', `/credentials/${credentialId}/reinstate`, { reason: 'The allegation was unfounded.' });
    await page.goto(`${system.baseUrl}/portal/cases/${caseId}`);
    await expect(where.textContent()).resolves.toContain('Download your credential and share it.');
    await expect(page.locator('#credential-standing').count()).resolves.toBe(0);
    await expect(shareButton().count()).resolves.toBe(1);
    await expect(credential.getByRole('link', { name: 'Certificate to print (PDF)' }).count()).resolves.toBe(1);
    expect((await candidate.ok<{ credential: Record<string, unknown> }>('GET', `/cases/${caseId}`)).credential).toMatchObject({ status: 'active', suspendedAt: null, suspensionReason: null });
    const home = await context.newPage();
    await home.goto(`${system.baseUrl}/portal/candidate`);
    const reinstatedRow = home.locator('tbody tr', { has: home.locator(`a[href="/portal/cases/${caseId}"]`) });
    await expect(reinstatedRow.textContent()).resolves.toContain('Download your credential and share it.');
    await expect(reinstatedRow.textContent()).resolves.not.toContain('suspended');

    // revoked: for good; the page loaded while it was in force cannot share it either
    await world.admin.ok('POST', `/credentials/${credentialId}/revoke`, { reason: 'Issued to the wrong person.' });
    const revokedAnswer = page.waitForResponse((r) => r.url().endsWith('/credential/share'));
    await shareButton().click();
    expect((await revokedAnswer).status()).toBe(409);
    await expect(page.locator('.error-summary li').allTextContents()).resolves.toEqual(['A suspended or revoked credential cannot be shown on its public page. Nothing was changed.']);
    expect(await publicPage()).toBe(false);
    await page.goto(`${system.baseUrl}/portal/cases/${caseId}`);
    await expect(where.textContent()).resolves.toContain('Nothing: the awarding body has revoked your credential for good');
    await expect(page.locator('#credential-standing').innerText()).resolves.toMatch(new RegExp(`^This credential was revoked by the awarding body on .*${year}.*\\.\\s+Their reason: Issued to the wrong person\\.$`));
    await expect(page.locator('main').textContent()).resolves.not.toMatch(/share it/i);
    await expect(shareButton().count()).resolves.toBe(0);
    await scan(page, 'case with a revoked credential');
    await home.reload();
    await expect(reinstatedRow.textContent()).resolves.toContain('This credential was revoked by the awarding body on');
    await expect(reinstatedRow.textContent()).resolves.toContain('Their reason: Issued to the wrong person.');
    await expect(home.locator('main').textContent()).resolves.not.toMatch(/share it/i);
    await home.close();
    expect((await candidate.ok<{ credential: Record<string, unknown> }>('GET', `/cases/${caseId}`)).credential).toMatchObject({ status: 'revoked', revokedAt: expect.any(String), revocationReason: 'Issued to the wrong person.' });
  });

  it('shows the case page in French without English left, and every page met is accessible', async () => {
    const french = await browser.newContext({ locale: 'fr-FR', storageState: await context.storageState() });
    await french.addCookies([{ name: 'vnfil_lang', value: 'fr', url: system.baseUrl }]);
    const p = await french.newPage();
    await p.goto(`${system.baseUrl}/portal/cases/${caseId}`);
    await expect(p.locator('html').getAttribute('lang')).resolves.toBe('fr');
    await expect(p.locator('.status-line').textContent()).resolves.toBe('Certification délivrée');
    const text = await p.locator('body').innerText();
    for (const english of ['What to do now', 'Your evidence', 'The decision', 'Feedback on each learning outcome', 'What has happened']) expect(text).not.toContain(english);
    await scan(p, 'awarded case (fr)');
    await p.goto(`${system.baseUrl}/portal/standards`);
    await expect(h1(p)).resolves.toBe('Trouver un référentiel');
    await scan(p, 'catalogue (fr)');
    await french.close();

    expect(seen.length).toBeGreaterThanOrEqual(8);
    expect(seen.filter((s) => s.problems.length)).toEqual([]);
  });
});
