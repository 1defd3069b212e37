import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { DataSource } from 'typeorm';
import { CaseStatus, Role } from '../../libs/domain';
import { AwardingBodyEntity, CaseEntity, CredentialEntity, StandardEntity, UserEntity } from '../../libs/persistence/entities';
import { caseWorkflowId } from '../../workflows/ids';
import { factories, TEST_PASSWORD } from '../factories';
import { dropDatabase, openTestDataSource, otherTestDatabaseUrl, prepareDatabase } from '../support/database';
import { activitiesInFlight, historiesOfAllRuns, resetWorkflow, taskBeforeUpdate } from './support/faults';
import { accessibilityProblems, englishOnlyPhrases, launchBrowser, newVisitor, screenshot, signIn as signInAs } from './support/browser';
import { ApiUser, eventually, RunningSystem } from './support/system';
import { caseAwaitingDecision, pdfBytes, prepareAndSubmit, reach } from './support/world';
import type { World } from './support/world';

/**
 * The awarding body's pages in a real browser (Debian's Chromium) against the built API and worker: the dashboard's
 * figures and the cases export, a decision, a credential revoked, an assessor added, and who may not see these
 * pages; an accessibility scan (axe-core, WCAG 2.1 AA) of every page met, in English and French.
 */
const DATABASE_URL = otherTestDatabaseUrl(`vnfil_test_portal_admin_${process.pid}`);

jest.setTimeout(240_000);


/** A table's body rows as the reader sees them: one array of cell texts per row. */
async function tableRows(page: Page, name: string): Promise<string[][]> {
  // runs in the page: no DOM types here, only the shape it reads
  type Row = { children: ArrayLike<{ textContent: string | null }> };
  return page.locator(`table[data-table=${name}] tbody tr`).evaluateAll((rows) => rows.map((r) => Array.from((r as unknown as Row).children).map((c) => (c.textContent ?? '').trim())));
}

describe('portal pages of an awarding body, in the browser', () => {
  let system: RunningSystem;
  let browser: Browser;
  let ds: DataSource;
  let world: World;
  let adminEmail: string;
  let assessorEmail: string;
  let decideCaseId: string;
  let awardedCaseId: string;
  let draftCaseId: string;
  let admin: BrowserContext;
  let page: Page;
  const seen: { name: string; problems: unknown[] }[] = [];

  async function scan(p: Page, name: string): Promise<void> {
    seen.push({ name, problems: await accessibilityProblems(p) });
  }

  const signIn = (p: Page, email: string) => signInAs(p, system.baseUrl, email, TEST_PASSWORD);

  beforeAll(async () => {
    await prepareDatabase(DATABASE_URL);
    system = await RunningSystem.start({ databaseUrl: DATABASE_URL, env: { MAIL_RELAY: 'off' } });
    browser = await launchBrowser();
    ds = await openTestDataSource(DATABASE_URL);
    const make = factories(ds);
    const body = await make.body({}, 'Institut des compétences');
    const standard = await make.standard(body.id);
    const adminUser = await make.user(Role.BodyAdmin, body.id, 'Claire Dubois');
    const assessors = [await make.user(Role.Assessor, body.id, 'Bruno Assessor'), await make.user(Role.Assessor, body.id, 'Chloé Assessor')];
    // names that a spreadsheet would misread: the export quotes them and makes the formula inert
    const candidates = [
      await make.user(Role.Candidate, null, 'Haddad, Amira'),
      await make.user(Role.Candidate, null, '=HYPERLINK("http://evil.example","x")'),
      await make.user(Role.Candidate, null, 'Dana "D" Okafor'),
    ];
    adminEmail = adminUser.email;
    assessorEmail = assessors[0]!.email;
    const login = (email: string) => ApiUser.login(system.baseUrl, email, TEST_PASSWORD);
    world = {
      standard,
      admin: await login(adminUser.email),
      assessors: await Promise.all(assessors.map((a) => login(a.email))),
      candidates: await Promise.all(candidates.map((c) => login(c.email))),
    };
    // one case to decide in the browser, one awarded through the API (its credential to revoke), one draft
    [decideCaseId, awardedCaseId] = await Promise.all([caseAwaitingDecision(ds, world, world.candidates[0]!, 'to decide'), caseAwaitingDecision(ds, world, world.candidates[1]!, 'awarded')]);
    await world.admin.ok('POST', `/cases/${awardedCaseId}/decision`, {
      result: 'awarded',
      recognisedOutcomeIds: standard.learningOutcomes!.map((o) => o.id),
      reason: 'Every criterion is met.',
    });
    await reach(world.admin, awardedCaseId, CaseStatus.Awarded);
    await eventually('the credential', async () => (await ds.getRepository(CredentialEntity).findOneBy({ caseId: awardedCaseId })) ?? undefined, 60_000);
    ({ id: draftCaseId } = await world.candidates[2]!.ok<{ id: string }>('POST', '/cases', { standardId: standard.id }));
    admin = await newVisitor(browser);
    page = await admin.newPage();
    await signIn(page, adminEmail);
  });

  afterAll(async () => {
    await browser?.close();
    await ds?.destroy();
    await system?.stop();
    await dropDatabase(DATABASE_URL);
  });

  it('shows the dashboard with the figures of the body, as charts and tables', async () => {
    expect(new URL(page.url()).pathname).toBe('/portal/admin');
    await expect(page.locator('h1').textContent()).resolves.toBe('Your awarding body');
    await expect(page.locator('[data-figure=total]').textContent()).resolves.toBe('3');
    await expect(page.locator('[data-figure=open]').textContent()).resolves.toBe('3');
    await expect(page.locator('[data-figure=pass-rate]').textContent()).resolves.toBe('100 %');
    await expect(page.locator('[data-figure=decided]').textContent()).resolves.toBe('1 of 1');
    await expect(tableRows(page, 'by-stage')).resolves.toEqual([
      ['Identification', '1'],
      ['Documentation', '0'],
      ['Assessment', '0'],
      ['Certification', '2'],
    ]);
    await expect(tableRows(page, 'load')).resolves.toEqual([
      ['Bruno Assessor', '0'],
      ['Chloé Assessor', '0'],
    ]);
    // each chart is an image with a name and a description
    const charts = page.locator('svg[role=img]');
    await expect(charts.count()).resolves.toBe(3);
    await expect(page.getByRole('img', { name: 'Cases by stage' }).locator('rect').count()).resolves.toBe(4);
    await scan(page, 'dashboard (en)');
    await screenshot(page, 'admin-dashboard');
  });

  it('exports every case of the body as CSV, quoted, with formulas made inert', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download every case (CSV)' }).click()]);
    expect(download.suggestedFilename()).toBe('cases.csv');
    const text = readFileSync((await download.path())!, 'utf8');
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('id,candidate,standard_code,standard_title,status,stage,created_at,submitted_at,decided_at,closed_at,assessor,outcome');
    expect(lines.at(-1)).toBe('');
    expect(lines).toHaveLength(5);
    const row = (id: string) => lines.find((l) => l.startsWith(`${id},`))!;
    expect(row(decideCaseId)).toContain(`,"Haddad, Amira",${world.standard.code},Facilitating online learning,awaiting_decision,certification,`);
    expect(row(awardedCaseId)).toContain(`,"'=HYPERLINK(""http://evil.example"",""x"")",`);
    expect(row(awardedCaseId)).toMatch(/,awarded,certification,.*,awarded$/);
    expect(lines.some((l) => l.includes(',"Dana ""D"" Okafor",') && l.includes(',draft,identification,'))).toBe(true);
  });

  it('decides a case from the decisions queue after reading the assessment, mistakes shown next to the fields', async () => {
    await page.getByRole('link', { name: 'Decisions to take' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Decisions to take');
    await scan(page, 'decisions (en)');
    await page.getByRole('link', { name: "Decide on Haddad, Amira's case" }).click();
    expect(new URL(page.url()).pathname).toBe(`/portal/admin/cases/${decideCaseId}/decision`);
    await expect(page.locator('[data-recommendation]').first().textContent()).resolves.toBe('award');
    await expect(page.locator('main').textContent()).resolves.toContain('Met: LO1.1');
    await scan(page, 'decision (en)');
    await screenshot(page, 'admin-decision');

    await page.getByLabel('Reason for the decision').fill('  ');
    await page.getByRole('button', { name: 'Record the decision' }).click();
    await expect(page.locator('.error-summary li').allTextContents()).resolves.toEqual(['Choose whether your body awards the micro-credential.', 'Give the reason.']);
    await expect(page.locator('#error-reason').textContent()).resolves.toBe('Give the reason.');
    await expect(page.locator('#field-reason').getAttribute('aria-invalid')).resolves.toBe('true');
    await scan(page, 'decision with mistakes (en)');

    await page.getByLabel('Award: every learning outcome is recognised').check();
    await page.getByLabel('Reason for the decision').fill('The assessment shows every criterion met.');
    await page.getByRole('button', { name: 'Record the decision' }).click();
    expect(new URL(page.url()).pathname).toBe('/portal/admin/decisions');
    await expect(page.locator('[role=status]').textContent()).resolves.toBe('Your decision is recorded.');
    await reach(world.admin, decideCaseId, CaseStatus.Awarded);

    // the same decision again: the process refuses it, and the page says so (not an error page)
    const again = await page.goto(`${system.baseUrl}/portal/admin/cases/${decideCaseId}/decision`);
    expect(again?.status()).toBe(200);
    await expect(page.locator('main').textContent()).resolves.toContain('This case is not waiting for a decision.');
  });

  it('revokes a credential after a confirmation step that asks for the reason', async () => {
    await page.goto(`${system.baseUrl}/portal/admin/credentials`);
    await scan(page, 'credentials (en)');
    const credential = await ds.getRepository(CredentialEntity).findOneByOrFail({ caseId: awardedCaseId });
    // the holder's name, as the credential was issued to them, leads each row
    await expect(tableRows(page, 'credentials')).resolves.toContainEqual(['=HYPERLINK("http://evil.example","x")', 'Micro-credential in Facilitating Online Learning', expect.any(String), 'In force', '', expect.stringContaining('Revoke')]);
    await page.locator(`tr[data-credential="${credential.id}"] a`, { hasText: 'Revoke' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Revoke a credential');
    await page.getByRole('button', { name: 'Revoke the credential for good' }).click();
    await expect(page.locator('#error-reason').textContent()).resolves.toBe('Give the reason.');
    await scan(page, 'revoke with mistakes (en)');
    await page.getByLabel('Reason').fill('Issued on a wrong identity.');
    await page.getByRole('button', { name: 'Revoke the credential for good' }).click();
    expect(new URL(page.url()).pathname).toBe('/portal/admin/credentials');
    await expect(page.locator('[role=status]').textContent()).resolves.toBe('The credential is revoked.');
    await expect(page.locator(`tr[data-credential="${credential.id}"]`).textContent()).resolves.toContain('Revoked');
    const revoked = await ds.getRepository(CredentialEntity).findOneByOrFail({ id: credential.id });
    expect(revoked.revocationReason).toBe('Issued on a wrong identity.');

    // revoking it again is refused by the service: a message on the page
    const res = await page.goto(`${system.baseUrl}/portal/admin/credentials/${credential.id}/revoke`);
    expect(res?.status()).toBe(200);
    await page.getByLabel('Reason').fill('Once more.');
    await page.getByRole('button', { name: 'Revoke the credential for good' }).click();
    await expect(page.locator('.admin-refused').textContent()).resolves.toBe('This could not be done: the credential is revoked: nothing more can be done with it.');
  });

  it('adds an assessor, and deactivates one', async () => {
    await page.goto(`${system.baseUrl}/portal/admin/assessors`);
    await page.getByLabel('Name').fill('Dominique Martin');
    await page.getByLabel('E-mail address').fill('not an address');
    await page.getByRole('button', { name: 'Add the assessor' }).click();
    await expect(page.locator('#error-email').textContent()).resolves.toBe('Enter an e-mail address like name@example.org.');
    await expect(page.getByLabel('Name').inputValue()).resolves.toBe('Dominique Martin');
    await scan(page, 'assessors with mistakes (en)');
    // a tab in the name: refused as sign-up refuses it, the name kept to correct
    await page.getByLabel('Name').fill('Dominique\tMartin');
    await page.getByLabel('E-mail address').fill(`dominique.${process.pid}@example.org`);
    await page.getByRole('button', { name: 'Add the assessor' }).click();
    await expect(page.locator('#error-displayName').textContent()).resolves.toBe('The name must be plain text: remove the tab, control or direction-override characters.');
    await expect(page.getByLabel('Name').inputValue()).resolves.toBe('Dominique\tMartin');
    await expect(ds.getRepository(UserEntity).countBy({ email: `dominique.${process.pid}@example.org` })).resolves.toBe(0);
    await page.getByLabel('Name').fill('Dominique Martin');
    const email = `dominique.${process.pid}@example.org`;
    await page.getByLabel('E-mail address').fill(email);
    await page.getByRole('button', { name: 'Add the assessor' }).click();
    await expect(page.locator('[role=status]').textContent()).resolves.toBe('The assessor is added. They will receive an e-mail to choose their password.');
    await expect(tableRows(page, 'assessors')).resolves.toContainEqual(['Dominique Martin', '0', expect.stringContaining('Deactivate')]);
    const added = await ds.getRepository(UserEntity).findOneByOrFail({ email });
    expect(added).toMatchObject({ role: Role.Assessor, active: true });
    expect(added.emailVerifiedAt).not.toBeNull();
    await scan(page, 'assessors (en)');

    await page.getByRole('button', { name: 'Deactivate Dominique Martin' }).click();
    await expect(page.locator('[role=status]').textContent()).resolves.toBe('The assessor is deactivated.');
    await expect(ds.getRepository(UserEntity).findOneByOrFail({ email })).resolves.toMatchObject({ active: false });
  });

  it('edits a standard: mistakes next to their fields with the values kept, rows added without script, the micro-credential check before publishing', async () => {
    // elements of the specification the editor does not show survive a save
    await ds.query(`UPDATE micro_credential_spec SET prerequisites = 'A laptop', validity_months = 36 WHERE standard_id = $1`, [world.standard.id]);
    await page.goto(`${system.baseUrl}/portal/admin/standards`);
    await expect(tableRows(page, 'standards')).resolves.toEqual([[world.standard.code, 'Facilitating online learning', '5', 'Published', expect.stringContaining('Edit')]]);
    await scan(page, 'standards (en)');
    await page.getByRole('link', { name: 'Edit Facilitating online learning' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Edit a standard');
    await expect(page.getByLabel('Code of criterion 2 of outcome 1').inputValue()).resolves.toBe('LO1.2');
    await expect(page.getByLabel('Prerequisites (optional)').inputValue()).resolves.toBe('A laptop');
    await expect(page.getByLabel('Months it stays valid').inputValue()).resolves.toBe('36');
    await page.getByLabel('EQF level').fill('9');
    await page.getByLabel('National qualification framework level').fill('5');
    await page.getByLabel('Languages of assessment').fill('en, FR');
    await page.getByLabel('Days an assessor has to record an assessment').fill('ten');
    await page.getByLabel('A recommendation is borderline from this share of criteria met').fill('0,25');
    await page.getByLabel('Title', { exact: true }).fill('Facilitating online learning, revised');
    await page.getByRole('button', { name: 'Save as it is' }).click();
    await expect(page.locator('.error-summary li').allTextContents()).resolves.toEqual(['Enter the EQF level, a whole number from 1 to 8.', 'Enter a number, or leave it empty.']);
    await expect(page.locator('#error-setting-assessorSlaDays').textContent()).resolves.toBe('Enter a number, or leave it empty.');
    await expect(page.getByLabel('Days an assessor has to record an assessment').inputValue()).resolves.toBe('ten');
    await expect(page.getByLabel('A recommendation is borderline from this share of criteria met').inputValue()).resolves.toBe('0,25');
    await expect(page.locator('#error-eqfLevel').textContent()).resolves.toBe('Enter the EQF level, a whole number from 1 to 8.');
    await expect(page.getByLabel('EQF level').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.getByLabel('EQF level').inputValue()).resolves.toBe('9');
    await expect(page.getByLabel('Title', { exact: true }).inputValue()).resolves.toBe('Facilitating online learning, revised');
    await scan(page, 'standard editor with mistakes (en)');
    await screenshot(page, 'admin-standard-editor');
    await page.getByLabel('EQF level').fill('4');
    // a reminder on or after the end of the assessor's time: the domain's rule, next to its field
    await page.getByLabel('Days an assessor has to record an assessment').fill('21');
    await page.getByLabel('Day of that time on which the assessor is reminded').fill('21');
    await page.getByRole('button', { name: 'Save as it is' }).click();
    await expect(page.locator('#error-setting-assessorReminderDays').textContent()).resolves.toBe(
      'The reminder must come before the assessor’s time is up (with your body’s setting if you leave that empty).',
    );
    await page.getByLabel('Day of that time on which the assessor is reminded').fill('18');
    await page.getByLabel('When a candidate misses a second session').selectOption('withdraw');
    await page.getByRole('button', { name: 'Save as it is' }).click();
    await expect(page.locator('[role=status]').textContent()).resolves.toBe('The standard is saved.');
    await expect(page.getByLabel('EQF level').inputValue()).resolves.toBe('4');
    await expect(page.getByLabel('Languages of assessment').inputValue()).resolves.toBe('en, fr');
    await expect(page.getByLabel('A recommendation is borderline from this share of criteria met').inputValue()).resolves.toBe('0.25');
    await expect(ds.query(`SELECT prerequisites, validity_months AS "validityMonths" FROM micro_credential_spec WHERE standard_id = $1`, [world.standard.id])).resolves.toEqual([
      { prerequisites: 'A laptop', validityMonths: 36 },
    ]);
    const saved = await ds.getRepository(StandardEntity).findOneByOrFail({ id: world.standard.id });
    expect(saved).toMatchObject({ nqfLevel: 5, languages: ['en', 'fr'], settings: { assessorSlaDays: 21, assessorReminderDays: 18, borderlineLow: 0.25, sessionNoShowRule: 'withdraw' } });

    // a new standard: a criterion row added by posting the form, then the check refuses to publish it as it is
    await page.goto(`${system.baseUrl}/portal/admin/standards/new`);
    await page.getByLabel('Code', { exact: true }).fill('DATA-2');
    await page.getByLabel('Title', { exact: true }).fill('Data analysis with spreadsheets');
    await page.getByLabel('EQF level').fill('4');
    await page.getByLabel('Credits', { exact: true }).fill('2,5');
    await expect(page.getByLabel('Credit system').inputValue()).resolves.toBe('ECTS');
    await page.getByLabel('Credit system').selectOption('ECVET');
    await page.getByLabel('Notional workload in hours').fill('60');
    await page.getByLabel('Code of outcome 1').fill('LO1');
    await page.getByLabel('What the candidate can do (outcome 1)').fill('Prepare a raw data set for analysis.');
    await page.getByLabel('Code of criterion 1 of outcome 1').fill('LO1.1');
    await page.getByLabel('Criterion 1 of outcome 1', { exact: true }).fill('Removes duplicates.');
    await page.getByRole('button', { name: 'Add a criterion to outcome 1' }).click();
    await expect(page.getByLabel('Code of criterion 1 of outcome 1').inputValue()).resolves.toBe('LO1.1');
    await page.getByLabel('Code of criterion 2 of outcome 1').fill('LO1.2');
    await page.getByLabel('Criterion 2 of outcome 1', { exact: true }).fill('Fixes inconsistent values.');
    // an assessment method, and a second row added by posting the form: left blank, it is not saved
    await page.getByLabel('Code of method 1').fill('INT');
    await page.getByLabel('Kind of method 1').selectOption('interview');
    await page.getByLabel('What the candidate does (method 1)').fill('A professional discussion about the analyses.');
    await page.getByLabel('Methods that assess outcome 1').fill('OBS');
    await page.getByRole('button', { name: 'Add an assessment method' }).click();
    await expect(page.getByLabel('Code of method 2').inputValue()).resolves.toBe('');
    await expect(page.getByLabel('Code of method 1').inputValue()).resolves.toBe('INT');
    await page.getByLabel('Kind of alignment 1').selectOption('esco_skill');
    await page.getByLabel('Address of alignment 1').fill('http://data.europa.eu/esco/skill/ccdf3597-5c80-410f-896d-e1bdfa223de9');
    await page.getByLabel('Name of alignment 1').fill('stimulate creativity in the team');
    await page.getByRole('button', { name: 'Save as it is' }).click();
    await expect(page.locator('#error-outcome-0-methods').textContent()).resolves.toBe('OBS: not a code of the methods above.');
    await expect(page.getByLabel('Methods that assess outcome 1').getAttribute('aria-invalid')).resolves.toBe('true');
    await scan(page, 'new standard with a method mistake (en)');
    await page.getByLabel('Methods that assess outcome 1').fill('INT');
    await page.getByLabel('Title of the micro-credential').fill('Data analysis with spreadsheets');
    await page.getByLabel('Type of assessment').fill('Portfolio');
    await page.getByLabel('Form of participation').selectOption('blended');
    await page.getByLabel('Type of quality assurance').fill('Internal moderation');
    await page.getByRole('button', { name: 'Check and publish' }).click();
    await expect(page.locator('#error-accreditationBody').textContent()).resolves.toContain('name the body that accredits or recognises yours');
    await expect(page.locator('#error-standaloneKind').textContent()).resolves.toBe('Say what gives it value on its own, and why.');
    await expect(page.getByLabel('Criterion 2 of outcome 1', { exact: true }).inputValue()).resolves.toBe('Fixes inconsistent values.');
    await scan(page, 'new standard failing the check (en)');
    await page.getByLabel('Body that accredits or recognises yours').fill('National Agency for Quality Assurance');
    await page.getByLabel('Reference of the accreditation').fill('NAQA 2025/117');
    await page.getByLabel('What gives it value on its own').selectOption('labour_market_need');
    await page.getByLabel('Why it has value on its own').fill('Employers ask for it in a third of office job offers.');
    await page.getByRole('button', { name: 'Check and publish' }).click();
    await expect(page.locator('[role=status]').textContent()).resolves.toBe('The standard is published.');
    const created = await ds.getRepository(StandardEntity).findOneOrFail({ where: { code: 'DATA-2' }, relations: { learningOutcomes: { criteria: true } } });
    expect(created).toMatchObject({ published: true, eqfLevel: 4, workloadHours: 60, credits: 2.5, creditSystem: 'ECVET' });
    // the stored ECVET standard shows ECVET and stays ECVET when saved again
    await expect(page.getByLabel('Credit system').inputValue()).resolves.toBe('ECVET');
    await page.getByRole('button', { name: 'Save as it is' }).click();
    await expect(page.locator('[role=status]').textContent()).resolves.toBe('The standard is saved.');
    await expect(ds.getRepository(StandardEntity).findOneByOrFail({ id: created.id })).resolves.toMatchObject({ credits: 2.5, creditSystem: 'ECVET' });
    expect(created.learningOutcomes![0]!.criteria!.map((c) => c.code).sort()).toEqual(['LO1.1', 'LO1.2']);
    expect(created.learningOutcomes![0]!.assessmentMethods).toEqual(['INT']);
    expect(created.assessmentMethods).toEqual([{ code: 'INT', type: 'interview', description: 'A professional discussion about the analyses.' }]);
    expect(created.alignments).toEqual([{ kind: 'esco_skill', uri: 'http://data.europa.eu/esco/skill/ccdf3597-5c80-410f-896d-e1bdfa223de9', title: 'stimulate creativity in the team' }]);
  });

  it('lists the standards page by page, with a link to the next page and back to the first', async () => {
    const make = factories(ds);
    const body = await ds.getRepository(UserEntity).findOneByOrFail({ id: world.admin.id });
    // 101 more: with the two already there, three past the 100 a page shows
    for (let i = 0; i < 101; i++) await make.standard(body.awardingBodyId!, { outcomes: 1, criteriaPer: 1 });
    await page.goto(`${system.baseUrl}/portal/admin/standards`);
    const first = await tableRows(page, 'standards');
    expect(first).toHaveLength(100);
    await expect(page.getByRole('link', { name: 'First page' }).count()).resolves.toBe(0);
    await page.getByRole('navigation', { name: 'Pages of the list' }).getByRole('link', { name: 'Next page' }).click();
    const second = await tableRows(page, 'standards');
    expect(second).toHaveLength(3);
    expect(second.filter((row) => first.some((r) => r[0] === row[0]))).toEqual([]);
    await expect(page.getByRole('link', { name: 'Next page' }).count()).resolves.toBe(0);
    await scan(page, 'standards, second page (en)');
    await page.getByRole('link', { name: 'First page' }).click();
    expect(new URL(page.url()).search).toBe('');
  });

  it('assigns an assessor by hand to a case no assessor was free for', async () => {
    // both assessors know the candidate: when the case is submitted, no one can be assigned
    const [dana, bruno, chloe] = [world.candidates[2]!, world.assessors[0]!, world.assessors[1]!];
    for (const assessor of [bruno, chloe]) await assessor.ok('POST', '/conflicts', { candidateId: dana.id, reason: 'former colleague' });
    await prepareAndSubmit(dana, world.standard, draftCaseId, pdfBytes(`portfolio of ${draftCaseId}`));
    await reach(world.admin, draftCaseId, CaseStatus.AwaitingAssessor);
    const body = await ds.getRepository(UserEntity).findOneByOrFail({ id: world.admin.id });
    await factories(ds).user(Role.Assessor, body.awardingBodyId, 'Eve Assessor');

    await page.goto(`${system.baseUrl}/portal/admin`);
    await page.getByRole('link', { name: 'Cases needing you' }).click();
    await expect(tableRows(page, 'attention')).resolves.toEqual([['Dana "D" Okafor', 'Facilitating online learning, revised', 'Waiting for an assessor', expect.any(String)]]);
    await scan(page, 'attention (en)');
    await page.getByRole('link', { name: 'Look at Dana "D" Okafor\'s case' }).click();
    await page.getByRole('button', { name: 'Assign the assessor' }).click();
    await expect(page.locator('.error-summary li').allTextContents()).resolves.toEqual(['Choose an assessor.', 'Give the reason.']);
    await scan(page, 'assign with mistakes (en)');
    // an assessor with a conflict of interest: the process refuses, the page says why
    await page.getByLabel('Assessor', { exact: true }).selectOption({ label: 'Bruno Assessor (0 cases now)' });
    await page.getByLabel('Reason, for the case record').fill('The only assessor left.');
    await page.getByRole('button', { name: 'Assign the assessor' }).click();
    // the process's refusal in the words the candidate's and assessor's pages use (step.refused.*)
    await expect(page.locator('.admin-refused').textContent()).resolves.toBe('This assessor declared a conflict of interest with the candidate. Nothing was changed: choose another assessor.');
    await expect(page.getByLabel('Reason, for the case record').inputValue()).resolves.toBe('The only assessor left.');
    await page.getByLabel('Assessor', { exact: true }).selectOption({ label: 'Eve Assessor (0 cases now)' });
    await page.getByRole('button', { name: 'Assign the assessor' }).click();
    await expect(page.locator('[role=status]').textContent()).resolves.toBe('The assessor is assigned.');
    await reach(world.admin, draftCaseId, CaseStatus.AssessorAssigned);
  });

  it('retries one parked case and closes another from their pages, mistakes next to the fields', async () => {
    // two awarded cases whose process is reset to before the decision: the decision re-applied meets the
    // records (awarded) and parks each case, as an operator's reset does (test/e2e/reset.test.ts)
    const client = await system.client();
    const make = factories(ds);
    const parked: string[] = [];
    for (const name of ['Fatou Retry', 'Gaspard Close']) {
      const candidate = await ApiUser.login(system.baseUrl, (await make.user(Role.Candidate, null, name)).email, TEST_PASSWORD);
      const caseId = await caseAwaitingDecision(ds, world, candidate, `parked ${name}`);
      await eventually('the decision run to have loaded the case and be waiting', async () => {
        const { runId } = await client.workflow.getHandle(caseWorkflowId(caseId)).describe();
        const row = await ds.getRepository(CaseEntity).findOneByOrFail({ id: caseId });
        return row.processRunId === runId && (await activitiesInFlight(client, caseWorkflowId(caseId))).length === 0 ? true : undefined;
      });
      await world.admin.ok('POST', `/cases/${caseId}/decision`, { result: 'awarded', recognisedOutcomeIds: world.standard.learningOutcomes!.map((o) => o.id), reason: 'Every outcome met.' });
      await reach(world.admin, caseId, CaseStatus.Awarded);
      const run = (await historiesOfAllRuns(client, caseWorkflowId(caseId))).at(-1)!;
      resetWorkflow(system.temporal.address, caseWorkflowId(caseId), run.runId, taskBeforeUpdate(run, 'decide'), { reapplyUpdates: true });
      await reach(world.admin, caseId, CaseStatus.NeedsAttention);
      parked.push(caseId);
    }
    const [retryId, closeId] = parked as [string, string];

    await page.goto(`${system.baseUrl}/portal/admin/attention`);
    await expect(tableRows(page, 'attention')).resolves.toEqual(
      expect.arrayContaining([
        ['Fatou Retry', 'Facilitating online learning, revised', 'Needs attention', expect.any(String)],
        ['Gaspard Close', 'Facilitating online learning, revised', 'Needs attention', expect.any(String)],
      ]),
    );
    await page.getByRole('link', { name: "Look at Fatou Retry's case" }).click();
    expect(new URL(page.url()).pathname).toBe(`/portal/admin/cases/${retryId}/manage`);
    await expect(page.locator('.admin-summary').textContent()).resolves.toMatch(/awarded/);
    await page.getByRole('button', { name: 'Confirm' }).click();
    await expect(page.locator('.error-summary li').allTextContents()).resolves.toEqual(['Choose what should happen to the case.', 'Give the reason.']);
    await expect(page.locator('#error-action').textContent()).resolves.toBe('Choose what should happen to the case.');
    await scan(page, 'resolve with mistakes (en)');
    await page.getByLabel('Resume the process where the case stood').check();
    await page.getByLabel('Reason, for the case record').fill('The decision on record stands.');
    await page.getByRole('button', { name: 'Confirm' }).click();
    expect(new URL(page.url()).pathname).toBe('/portal/admin/attention');
    await expect(page.locator('[role=status]').textContent()).resolves.toBe('Your choice is recorded.');
    await reach(world.admin, retryId, CaseStatus.Awarded);

    await page.getByRole('link', { name: "Look at Gaspard Close's case" }).click();
    await page.getByLabel('Close the case').check();
    await page.getByLabel('Reason, for the case record').fill('Recorded twice by mistake.');
    await page.getByRole('button', { name: 'Confirm' }).click();
    expect(new URL(page.url()).pathname).toBe('/portal/admin/attention');
    await reach(world.admin, closeId, CaseStatus.Closed);
    await expect(tableRows(page, 'attention')).resolves.not.toContainEqual(expect.arrayContaining(['Gaspard Close']));

    // the retried case's page again: nothing left to do there
    await page.goto(`${system.baseUrl}/portal/admin/cases/${retryId}/manage`);
    await expect(page.locator('main').textContent()).resolves.toContain('This case no longer needs you.');
    await scan(page, 'resolved case (en)');
  });

  it("changes the body's own time zone and default settings: mistakes next to the fields with the values kept, an empty field back to the default", async () => {
    const bodyId = (await ds.getRepository(UserEntity).findOneByOrFail({ id: world.admin.id })).awardingBodyId!;
    const stored = () => ds.getRepository(AwardingBodyEntity).findOneByOrFail({ id: bodyId });
    await page.goto(`${system.baseUrl}/portal/admin`);
    await page.getByRole('link', { name: 'Your body’s settings' }).click();
    expect(new URL(page.url()).pathname).toBe('/portal/admin/settings');
    await expect(page.locator('h1').textContent()).resolves.toBe('Your body’s settings');
    await expect(page.getByLabel('Time zone of your body').inputValue()).resolves.toBe('Europe/Paris');
    await expect(page.getByLabel('Days an assessor has to record an assessment').inputValue()).resolves.toBe('');
    await expect(page.locator('#hint-setting-assessorSlaDays').textContent()).resolves.toBe('Whole days, from 1 to 3650. Default: 14.');
    await expect(page.getByLabel('Most ECTS credits of a micro-credential').inputValue()).resolves.toBe('30');
    await expect(page.getByLabel('Most hours of a micro-credential without ECTS credits').inputValue()).resolves.toBe('750');
    await expect(page.locator('#field-setting-sessionNoShowRule option[value=""]').textContent()).resolves.toBe('The default (The assessment goes on from the portfolio)');
    await scan(page, 'body settings (en)');

    // a legacy zone name (not in the list: sent as a forged form would) and a word for a number
    await page.locator('#field-timeZone').evaluate((el) => {
      const select = el as unknown as { innerHTML: string; value: string };
      select.innerHTML += '<option value="US/Pacific">US/Pacific</option>';
      select.value = 'US/Pacific';
    });
    await page.getByLabel('Days an assessor has to record an assessment').fill('ten');
    await page.getByLabel('Days the candidate has to answer a request for evidence').fill('21');
    await page.getByLabel('Most ECTS credits of a micro-credential').fill('7,555');
    await page.getByLabel('Most hours of a micro-credential without ECTS credits').fill('lots');
    await page.getByRole('button', { name: 'Save the settings' }).click();
    await expect(page.locator('.error-summary li').allTextContents()).resolves.toEqual([
      'Choose a time zone from the list.',
      'Enter a number of credits from 0.01 to 999, with at most two decimals.',
      'Enter whole hours, from 1 to 25000.',
      'Enter a number, or leave it empty.',
    ]);
    await expect(page.getByLabel('Most hours of a micro-credential without ECTS credits').inputValue()).resolves.toBe('lots');
    await expect(page.locator('#error-timeZone').textContent()).resolves.toBe('Choose a time zone from the list.');
    await expect(page.getByLabel('Days an assessor has to record an assessment').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.getByLabel('Days an assessor has to record an assessment').inputValue()).resolves.toBe('ten');
    await expect(page.getByLabel('Days the candidate has to answer a request for evidence').inputValue()).resolves.toBe('21');
    await scan(page, 'body settings with mistakes (en)');
    await expect(stored()).resolves.toMatchObject({ timeZone: 'Europe/Paris', settings: {} });

    // a reminder after the default 14 days: the domain's rule, next to its field
    await page.getByLabel('Time zone of your body').selectOption('America/New_York');
    await page.getByLabel('Most ECTS credits of a micro-credential').fill('7,5');
    await page.getByLabel('Most hours of a micro-credential without ECTS credits').fill('400');
    await page.getByLabel('Days an assessor has to record an assessment').fill('');
    await page.getByLabel('Day of that time on which the assessor is reminded').fill('20');
    await page.getByRole('button', { name: 'Save the settings' }).click();
    await expect(page.locator('#error-setting-assessorReminderDays').textContent()).resolves.toBe(
      'The reminder must come before the assessor’s time is up (with the default if you leave that empty).',
    );
    await page.getByLabel('Days an assessor has to record an assessment').fill('30');
    await page.getByLabel('When a candidate misses a second session').selectOption('withdraw');
    await page.getByRole('button', { name: 'Save the settings' }).click();
    expect(new URL(page.url()).pathname).toBe('/portal/admin/settings');
    await expect(page.locator('[role=status]').textContent()).resolves.toBe('Your body’s settings are saved. Cases already under way keep the settings they started with.');
    await expect(stored()).resolves.toMatchObject({ timeZone: 'America/New_York', microCredentialMaxEcts: 7.5, microCredentialMaxHours: 400, settings: { evidenceRequestDays: 21, assessorSlaDays: 30, assessorReminderDays: 20, sessionNoShowRule: 'withdraw' } });
    expect(Object.keys((await stored()).settings).sort()).toEqual(['assessorReminderDays', 'assessorSlaDays', 'evidenceRequestDays', 'sessionNoShowRule']);
    await expect(page.getByLabel('Time zone of your body').inputValue()).resolves.toBe('America/New_York');
    await expect(page.getByLabel('Day of that time on which the assessor is reminded').inputValue()).resolves.toBe('20');

    // emptied fields go back to the defaults; the zone stays
    for (const label of ['Days the candidate has to answer a request for evidence', 'Days an assessor has to record an assessment', 'Day of that time on which the assessor is reminded']) await page.getByLabel(label).fill('');
    await page.getByLabel('When a candidate misses a second session').selectOption('');
    await page.getByLabel('Most ECTS credits of a micro-credential').fill('');
    await page.getByLabel('Most hours of a micro-credential without ECTS credits').fill(' ');
    await page.getByRole('button', { name: 'Save the settings' }).click();
    await expect(page.locator('[role=status]').textContent()).resolves.toContain('are saved');
    await expect(stored()).resolves.toMatchObject({ timeZone: 'America/New_York', microCredentialMaxEcts: 30, microCredentialMaxHours: 750, settings: {} });
  });

  it('keeps assessors out of every admin page, and another body out of this body’s cases and credentials', async () => {
    const assessorContext = await newVisitor(browser);
    const assessorPage = await assessorContext.newPage();
    await signIn(assessorPage, assessorEmail);
    const credential = await ds.getRepository(CredentialEntity).findOneByOrFail({ caseId: awardedCaseId });
    for (const path of ['/portal/admin', '/portal/admin/cases.csv', '/portal/admin/decisions', `/portal/admin/cases/${decideCaseId}/decision`, '/portal/admin/credentials', `/portal/admin/credentials/${credential.id}/suspend`, '/portal/admin/assessors', '/portal/admin/standards', `/portal/admin/standards/${world.standard.id}`, '/portal/admin/attention', `/portal/admin/cases/${decideCaseId}/manage`, '/portal/admin/settings']) {
      const res = await assessorPage.goto(`${system.baseUrl}${path}`);
      expect([path, res?.status()]).toEqual([path, 403]);
      await expect(assessorPage.locator('h1').textContent()).resolves.toBe('Not for your account');
    }
    await scan(assessorPage, '403 for an assessor (en)');
    await assessorContext.close();

    const make = factories(ds);
    const otherBody = await make.body({}, 'Another body');
    const otherAdmin = await make.user(Role.BodyAdmin, otherBody.id, 'Olivia Other');
    const otherContext = await newVisitor(browser);
    const otherPage = await otherContext.newPage();
    await signIn(otherPage, otherAdmin.email);
    await expect(otherPage.locator('[data-figure=total]').textContent()).resolves.toBe('0');
    for (const path of [`/portal/admin/cases/${decideCaseId}/decision`, `/portal/admin/cases/${decideCaseId}/manage`, `/portal/admin/credentials/${credential.id}/suspend`, `/portal/admin/standards/${world.standard.id}`]) {
      const res = await otherPage.goto(`${system.baseUrl}${path}`);
      expect([path, res?.status()]).toEqual([path, 404]);
      await expect(otherPage.locator('h1').textContent()).resolves.toBe('Page not found');
    }
    const csv = await otherPage.request.get(`${system.baseUrl}/portal/admin/cases.csv`);
    expect((await csv.text()).split('\r\n')).toHaveLength(2);
    await scan(otherPage, '404 for another body (en)');
    await otherContext.close();
  });

  it('speaks French on every admin page, with no English left', async () => {
    const englishOnly = englishOnlyPhrases()
      // the test standard's own texts are English data ("Learning outcome 1"), not the page's words
      .filter((text) => !world.standard.learningOutcomes!.some((o) => o.description.includes(text) || o.criteria!.some((c) => c.description.includes(text))));
    const context = await newVisitor(browser, 'fr-FR');
    const fr = await context.newPage();
    await signIn(fr, adminEmail);
    // an account made by its body has no language of its own yet: the portal follows the browser's
    await expect(fr.locator('html').getAttribute('lang')).resolves.toBe('fr');
    const credential = await ds.getRepository(CredentialEntity).findOneByOrFail({ caseId: awardedCaseId });
    const pages: Record<string, string> = {
      '/portal/admin': 'Votre organisme certificateur',
      '/portal/admin/decisions': 'Décisions à prendre',
      [`/portal/admin/cases/${decideCaseId}/decision`]: 'Décider d’un dossier',
      '/portal/admin/credentials': 'Certifications délivrées',
      [`/portal/admin/credentials/${credential.id}/suspend`]: 'Suspendre une certification',
      '/portal/admin/assessors': 'Évaluateurs et évaluatrices',
      '/portal/admin/standards': 'Référentiels',
      '/portal/admin/attention': 'Dossiers qui vous attendent',
      [`/portal/admin/standards/${world.standard.id}`]: 'Modifier un référentiel',
      '/portal/admin/settings': 'Paramètres de votre organisme',
    };
    for (const [path, title] of Object.entries(pages)) {
      await fr.goto(`${system.baseUrl}${path}`);
      await expect(fr.locator('h1').textContent()).resolves.toBe(title);
      await expect(fr.locator('html').getAttribute('lang')).resolves.toBe('fr');
      const text = (await fr.locator('body').innerText()).replace(/\s+/g, ' ');
      expect([path, englishOnly.filter((phrase) => text.includes(phrase))]).toEqual([path, []]);
      await scan(fr, `${path} (fr)`);
    }
    // a refusal of the service, in the catalogue's French (never the service's English sentence)
    await fr.goto(`${system.baseUrl}/portal/admin/credentials/${credential.id}/revoke`);
    await fr.getByLabel('Motif').fill('Encore une fois.');
    await fr.getByRole('button', { name: 'Révoquer définitivement la certification' }).click();
    await expect(fr.locator('.admin-refused').textContent()).resolves.toBe('Impossible pour le moment : la certification est révoquée : plus rien ne peut être fait avec elle.');
    await scan(fr, 'revoke refused (fr)');
    await fr.goto(`${system.baseUrl}/portal/admin/assessors`);
    await fr.getByRole('button', { name: 'Ajouter' }).click();
    await expect(fr.locator('.error-summary li').allTextContents()).resolves.toEqual(['Saisissez le nom.', 'Saisissez l’adresse électronique.']);
    await scan(fr, 'assessors with mistakes (fr)');
    await context.close();
  });

  it("sends a person following a credential's address (its QR code) to the portal's page in their language; a program gets the page as before", async () => {
    const credential = await ds.getRepository(CredentialEntity).findOneByOrFail({ caseId: awardedCaseId });
    for (const [locale, title, lang] of [
      ['en-GB', 'Credential check', 'en'],
      ['fr-FR', 'Vérification d’une certification', 'fr'],
    ] as const) {
      const context = await newVisitor(browser, locale);
      const visitor = await context.newPage();
      await visitor.goto(`${system.baseUrl}/verify/${credential.id}`);
      expect(new URL(visitor.url()).pathname).toBe(`/portal/verify/${credential.id}`);
      await expect(visitor.locator('h1').textContent()).resolves.toBe(title);
      await expect(visitor.locator('html').getAttribute('lang')).resolves.toBe(lang);
      await scan(visitor, `credential's public page from its address (${lang})`);
      await context.close();
    }
    const get = (accept?: string) => fetch(`${system.baseUrl}/verify/${credential.id}`, { redirect: 'manual', headers: accept ? { accept } : {} });
    const browserAsks = await get('text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8');
    expect({ status: browserAsks.status, location: browserAsks.headers.get('location'), vary: browserAsks.headers.get('vary') }).toEqual({ status: 303, location: `/portal/verify/${credential.id}`, vary: expect.stringMatching(/Accept/) });
    for (const accept of [undefined, '*/*', 'application/json', 'application/json, text/html;q=0.5']) {
      const res = await get(accept);
      expect([accept, res.status, res.headers.get('content-type')]).toEqual([accept, 200, 'text/html; charset=utf-8']);
      expect(await res.text()).toContain('Not valid: revoked by its issuer');
    }
    expect((await fetch(`${system.baseUrl}/verify/00000000-0000-4000-8000-000000000000`, { headers: { accept: 'application/json' } })).status).toBe(404);
  });

  it('finds no serious or critical accessibility violation on any page met, in either language', () => {
    expect(seen.length).toBeGreaterThanOrEqual(20);
    expect(seen.filter((s) => s.problems.length)).toEqual([]);
  });
});
