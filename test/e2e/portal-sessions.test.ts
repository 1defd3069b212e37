import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DateTime } from 'luxon';
import type { DataSource } from 'typeorm';
import { AssessmentMethodType, CaseStatus, Role } from '../../libs/domain';
import type { AssessmentMethod } from '../../libs/domain';
import type { StandardEntity, UserEntity } from '../../libs/persistence/entities';
import { LANGUAGE_COOKIE } from '../../apps/api/src/portal/portal-locale';
import { factories, TEST_PASSWORD } from '../factories';
import { dropDatabase, openTestDataSource, otherTestDatabaseUrl, prepareDatabase } from '../support/database';
import { accessibilityProblems, englishOnlyPhrases, launchBrowser, newVisitor, screenshot, signIn as signInAs } from './support/browser';
import { ApiUser, RunningSystem } from './support/system';
import { pdfBytes, prepareAndSubmit, reach } from './support/world';

/**
 * Assessment sessions in the portal, in a real browser against the built API and worker: the holder proposes an
 * interview from the case page (mistakes first), the candidate reads it, downloads its invitation and asks for
 * another time, the holder proposes again and the candidate confirms, then the holder records it (held only once
 * it has begun; postponed at any time; held with judgements), after which the rubric opens and the assessment is
 * recorded. In English and French, with an accessibility scan of every page met.
 */
const DATABASE_URL = otherTestDatabaseUrl(`vnfil_test_portal_sessions_${process.pid}`);
const ZONE = 'Europe/Paris';
const METHODS: AssessmentMethod[] = [
  { code: 'PF', type: AssessmentMethodType.Portfolio, description: 'Portfolio review' },
  { code: 'INT', type: AssessmentMethodType.Interview, description: 'A professional discussion' },
];

jest.setTimeout(240_000);

describe('assessment sessions in the portal', () => {
  let system: RunningSystem;
  let browser: Browser;
  let ds: DataSource;
  let standard: StandardEntity;
  let assessor: UserEntity;
  let candidate: UserEntity;
  let candidateApi: ApiUser;
  let caseId: string;
  let assessorContext: BrowserContext;
  let candidateContext: BrowserContext;
  let ap: Page;
  let cp: Page;
  const seen: { name: string; problems: unknown[] }[] = [];

  async function scan(on: Page, name: string): Promise<void> {
    seen.push({ name, problems: await accessibilityProblems(on) });
  }

  const signIn = (on: Page, email: string) => signInAs(on, system.baseUrl, email, TEST_PASSWORD);

  const assessorCase = () => ap.goto(`${system.baseUrl}/portal/assessor/cases/${caseId}`);
  const candidateCase = () => cp.goto(`${system.baseUrl}/portal/cases/${caseId}`);
  const statuses = (on: Page) => on.locator('[data-session-status]').allTextContents();
  const notice = (on: Page) => on.locator('[role=status]').textContent();
  /** A time the datetime field takes: `days` from now at 10:30 in the candidate's zone. */
  const localTime = (days: number) => DateTime.now().setZone(ZONE).plus({ days }).set({ hour: 10, minute: 30 }).toFormat("yyyy-MM-dd'T'HH:mm");

  beforeAll(async () => {
    await prepareDatabase(DATABASE_URL);
    system = await RunningSystem.start({ databaseUrl: DATABASE_URL });
    browser = await launchBrowser();
    ds = await openTestDataSource(DATABASE_URL);
    const make = factories(ds);
    const body = await make.body({}, 'Chambre des métiers', ZONE);
    // no notice asked, so the test can hold a session a few seconds after proposing it
    standard = await make.standard(body.id, { assessmentMethods: METHODS, settings: { sessionNoticeMinutes: 0, sessionRescheduleLimit: 2 } });
    assessor = await make.user(Role.Assessor, body.id, 'Tomás Ortega');
    candidate = await make.user(Role.Candidate, null, 'Léa Martin');
    candidateApi = await ApiUser.login(system.baseUrl, candidate.email, TEST_PASSWORD);
    caseId = (await candidateApi.ok<{ id: string }>('POST', '/cases', { standardId: standard.id })).id;
    await prepareAndSubmit(candidateApi, standard, caseId, pdfBytes('portfolio'));
    await reach(candidateApi, caseId, CaseStatus.AssessorAssigned);
    assessorContext = await newVisitor(browser);
    ap = await assessorContext.newPage();
    await signIn(ap, assessor.email);
    candidateContext = await newVisitor(browser);
    cp = await candidateContext.newPage();
    await signIn(cp, candidate.email);
  });

  afterAll(async () => {
    await browser?.close();
    await ds?.destroy();
    await system?.stop();
    await dropDatabase(DATABASE_URL);
  });

  it('keeps the rubric closed until a session is held, and proposes one from the case page, mistakes first', async () => {
    await assessorCase();
    await expect(ap.getByRole('button', { name: 'Record the assessment' }).count()).resolves.toBe(0);
    await expect(ap.locator('main').textContent()).resolves.toContain('No session has been proposed yet.');
    // the interview is the standard's only method with a session: already chosen
    await expect(ap.getByRole('radio', { name: /Interview/ }).isChecked()).resolves.toBe(true);
    await expect(ap.locator('#hint-startsAt').textContent()).resolves.toBe(`In the candidate's time zone: ${ZONE}.`);
    await scan(ap, 'case needing a session (en)');

    await ap.getByLabel('Duration in minutes').fill('5');
    await ap.getByLabel('Name 1').fill('Bo Observer');
    await ap.getByRole('button', { name: 'Propose this session' }).click();
    await expect(ap.locator('.error-summary li').allTextContents()).resolves.toEqual([
      'Enter a date and time, such as 2027-01-14 10:30.',
      'Enter a whole number of minutes from 10 to 480.',
      'Give both a name and a role, or neither.',
    ]);
    await expect(ap.getByLabel('Name 1').inputValue()).resolves.toBe('Bo Observer');
    await expect(ap.evaluate('document.activeElement.className')).resolves.toContain('error-summary');
    await scan(ap, 'proposal with mistakes (en)');

    // a time in the past, and neither a place nor a link
    await ap.getByLabel('Date and time').fill(DateTime.now().setZone(ZONE).minus({ days: 1 }).toFormat("yyyy-MM-dd'T'HH:mm"));
    await ap.getByLabel('Duration in minutes').fill('45');
    await ap.getByLabel('Role 1').fill('observer');
    await ap.getByRole('button', { name: 'Propose this session' }).click();
    await expect(ap.locator('.error-summary li').allTextContents()).resolves.toEqual(['Choose a time in the future.', 'Give a place, an online link, or both.']);

    await ap.getByLabel('Date and time').fill(localTime(2));
    await ap.getByLabel('Place (for a session in person)').fill('Salle 2.14, 12 rue de la Paix, Lyon');
    await ap.getByRole('button', { name: 'Propose this session' }).click();
    await expect(notice(ap)).resolves.toBe('The session is proposed. The candidate has been sent the invitation.');
    await expect(statuses(ap)).resolves.toEqual(['Proposed: waiting for the candidate to confirm']);
    // proposing accepts the assignment
    await expect(ap.locator('[data-case-status]').textContent()).resolves.toBe('Being assessed');
    await expect(ap.locator('main').textContent()).resolves.toContain('A session is planned: record how it went');
    await expect(ap.getByRole('button', { name: 'Send the request' }).count()).resolves.toBe(0);
    await expect(ap.getByRole('button', { name: 'Propose this session' }).count()).resolves.toBe(0);
    await scan(ap, 'session proposed (en)');
    await screenshot(ap, 'assessor-session');
  });

  it('tells a candidate before they start that the standard has an interview', async () => {
    await cp.goto(`${system.baseUrl}/portal/standards/${standard.id}`);
    const methods = cp.locator('ul.methods');
    await expect(methods.locator('li').allTextContents()).resolves.toEqual([expect.stringContaining('Portfolio review (PF)'), expect.stringContaining('Interview (INT)')]);
    await expect(methods.locator('li').last().textContent()).resolves.toContain('You meet the assessor for this, at a time they propose');
    await expect(methods.locator('li').first().textContent()).resolves.not.toContain('You meet the assessor');
    await scan(cp, 'standard with an interview (en)');
  });

  it('shows the candidate the session with its invitation, and takes their request for another time', async () => {
    await candidateCase();
    const section = cp.locator('#sessions');
    await expect(section.locator('h3').first().textContent()).resolves.toBe('Session 1: Interview (INT)');
    await expect(section.textContent()).resolves.toContain('Salle 2.14, 12 rue de la Paix, Lyon');
    await expect(section.textContent()).resolves.toContain('Bo Observer (observer)');
    await expect(section.textContent()).resolves.toContain('45 minutes');
    await expect(section.textContent()).resolves.toContain('You may ask 2 more times.');
    const ics = await cp.getByRole('link', { name: 'Add to your calendar (.ics)' }).getAttribute('href');
    const invitation = await cp.request.get(`${system.baseUrl}${ics}`);
    expect(invitation.status()).toBe(200);
    expect(invitation.headers()['content-type']).toBe('text/calendar; charset=utf-8');
    expect(await invitation.text()).toContain('METHOD:REQUEST');
    await scan(cp, 'candidate session proposed (en)');
    await screenshot(cp, 'candidate-session');

    await cp.getByRole('button', { name: 'Ask for another time' }).click();
    await expect(cp.locator('.error-summary li').allTextContents()).resolves.toEqual(['Say when you can come.']);
    await expect(cp.locator('.error-summary a').getAttribute('href')).resolves.toBe('#field-note-session');
    await scan(cp, 'reschedule with mistakes (en)');
    await cp.getByLabel('When can you come?').fill('Any morning the week after.');
    await cp.getByRole('button', { name: 'Ask for another time' }).click();
    await expect(notice(cp)).resolves.toBe('You asked for another time. Your assessor will propose one.');
    await expect(statuses(cp)).resolves.toEqual(['Another time was asked for']);
    await expect(cp.getByRole('button', { name: 'Confirm this session' }).count()).resolves.toBe(0);
  });

  it('lets the holder propose again after the request, and the candidate confirm', async () => {
    await assessorCase();
    await expect(ap.locator('#sessions').textContent()).resolves.toContain('Any morning the week after.');
    await ap.getByLabel('Date and time').fill(localTime(8));
    await ap.getByLabel('Online meeting link (https)').fill('http://meet.example.org/lea');
    await ap.getByRole('button', { name: 'Propose this session' }).click();
    await expect(ap.locator('#error-onlineUrl').textContent()).resolves.toBe('Enter a full https:// link, such as https://meet.example.org/abc, without spaces or angle brackets.');
    await ap.getByLabel('Online meeting link (https)').fill('https://meet.example.org/lea');
    await ap.getByRole('button', { name: 'Propose this session' }).click();
    await expect(notice(ap)).resolves.toBe('The session is proposed. The candidate has been sent the invitation.');

    await candidateCase();
    await expect(statuses(cp)).resolves.toEqual(['Another time was asked for', 'Proposed: waiting for the candidate to confirm']);
    await expect(cp.locator('#sessions').textContent()).resolves.toContain('You may ask once more.');
    await cp.getByRole('button', { name: 'Confirm this session' }).click();
    await expect(notice(cp)).resolves.toBe('You confirmed the session. Your assessor has been told.');
    await expect(statuses(cp)).resolves.toEqual(['Another time was asked for', 'Confirmed']);
    await scan(cp, 'candidate session confirmed (en)');

    // the same confirmation again (a second tab): refused by the process, said in words, nothing changed
    const token = await cp.locator('input[name=_csrf]').first().inputValue();
    const pending = (await candidateApi.ok<{ items: { id: string; status: string }[] }>('GET', `/cases/${caseId}/sessions`)).items.at(-1)!;
    const again = await cp.request.post(`${system.baseUrl}/portal/cases/${caseId}/sessions/${pending.id}/confirm`, { form: { _csrf: token }, maxRedirects: 0 });
    expect(again.status()).toBe(409);
    expect(await again.text()).toContain('This has already been done, or as often as the awarding body allows.');
  });

  it('records a session held only once it has begun; postponed at any time; held with judgements opens the rubric', async () => {
    await assessorCase();
    await expect(ap.locator('main').textContent()).resolves.toContain('The session has not begun yet');
    await ap.getByLabel('It was held').check();
    await ap.getByRole('button', { name: 'Record the session' }).click();
    await expect(ap.locator('#error-outcome').textContent()).resolves.toBe('The session has not begun yet: until then you can only record that it is postponed.');
    await scan(ap, 'session record with mistakes (en)');
    await ap.getByLabel('It is postponed (you will propose another time)').check();
    await ap.getByLabel('Note').fill('I am ill that day.');
    await ap.getByRole('button', { name: 'Record the session' }).click();
    await expect(notice(ap)).resolves.toBe('The session is recorded.');
    await expect(statuses(ap)).resolves.toEqual(['Another time was asked for', 'Postponed by the assessor']);
    // no session planned now, none held yet: the rubric waits, the evidence request does not
    await expect(ap.locator('main').textContent()).resolves.toContain('This standard is assessed in a session as well');
    await expect(ap.getByRole('button', { name: 'Record the assessment' }).count()).resolves.toBe(0);
    await expect(ap.getByRole('button', { name: 'Send the request' }).count()).resolves.toBe(1);

    // time passing, in seconds: the holder proposes one that begins at once (the JSON API takes an instant)
    const assessorApi = await ApiUser.login(system.baseUrl, assessor.email, TEST_PASSWORD);
    const startsAt = new Date(Date.now() + 2_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    await assessorApi.ok('POST', `/cases/${caseId}/sessions`, { methodCode: 'INT', startsAt, durationMinutes: 30, onlineUrl: 'https://meet.example.org/lea-2' });
    await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(startsAt) - Date.now() + 500)));
    await assessorCase();
    // the interview assesses the last outcome only: its criteria are offered for judgement
    const interviewed = standard.learningOutcomes!.at(-1)!;
    const criteria = interviewed.criteria!;
    await expect(ap.locator('#record-session-title ~ form fieldset legend').allTextContents()).resolves.toEqual([
      'What happened',
      ...criteria.map((c) => `${c.code} ${c.description}`),
    ]);
    await ap.getByLabel('It was held').check();
    await ap.getByLabel(`Comment on ${criteria[0]!.code}`).fill('Explained the choice of tools.');
    await ap.getByRole('button', { name: 'Record the session' }).click();
    await expect(ap.locator('.error-summary li').allTextContents()).resolves.toEqual([`Choose a result for ${criteria[0]!.code}, or clear its comment.`]);
    await expect(ap.getByLabel(`Comment on ${criteria[0]!.code}`).inputValue()).resolves.toBe('Explained the choice of tools.');
    await ap.getByRole('group', { name: `${criteria[0]!.code} ${criteria[0]!.description}` }).getByLabel('Met', { exact: true }).check();
    await ap.getByRole('button', { name: 'Record the session' }).click();
    await expect(notice(ap)).resolves.toBe('The session is recorded.');
    await expect(statuses(ap)).resolves.toEqual(['Another time was asked for', 'Postponed by the assessor', 'Held']);
    const held = (await assessorApi.ok<{ items: { status: string; judgements: { criterionId: string; result: string; comment: string | null }[] }[] }>('GET', `/cases/${caseId}/sessions`)).items.at(-1)!;
    expect(held.judgements).toEqual([{ criterionId: criteria[0]!.id, result: 'met', comment: 'Explained the choice of tools.' }]);
    await scan(ap, 'session held (en)');

    // the rubric is open now
    for (const criterion of standard.learningOutcomes!.flatMap((o) => o.criteria!)) {
      await ap.getByRole('group', { name: `${criterion.code} ${criterion.description}` }).last().getByLabel('Met', { exact: true }).check();
    }
    await ap.getByLabel('Award the micro-credential').check();
    await ap.getByRole('button', { name: 'Record the assessment' }).click();
    await expect(notice(ap)).resolves.toBe('Your assessment is recorded. The case goes on without you.');
  });

  it('speaks French on both sides of a session, with no English left', async () => {
    const englishOnly = englishOnlyPhrases('session.');
    for (const [user, path] of [
      [candidate, `/portal/cases/${caseId}`],
      [assessor, `/portal/assessor/cases/${caseId}`],
    ] as const) {
      const french = await newVisitor(browser, 'fr-FR');
      await french.addCookies([{ name: LANGUAGE_COOKIE, value: 'fr', url: system.baseUrl }]);
      const fpage = await french.newPage();
      await signIn(fpage, user.email);
      await fpage.goto(`${system.baseUrl}${path}`);
      await expect(fpage.locator('html').getAttribute('lang')).resolves.toBe('fr');
      await expect(fpage.locator('#sessions-title').textContent()).resolves.toBe('Séances d’évaluation');
      await expect(statuses(fpage)).resolves.toEqual(['Un autre horaire a été demandé', 'Reportée par l’évaluateur', 'Tenue']);
      const text = (await fpage.locator('body').innerText()).replace(/\s+/g, ' ');
      expect(englishOnly.filter((phrase) => text.includes(phrase))).toEqual([]);
      await scan(fpage, `sessions (fr, ${user.role})`);
      await french.close();
    }
  });

  it('keeps another candidate and another assessor away from the session steps', async () => {
    const make = factories(ds);
    const stranger = await make.user(Role.Candidate, null, 'Noor Stranger');
    const session = (await candidateApi.ok<{ items: { id: string }[] }>('GET', `/cases/${caseId}/sessions`)).items.at(-1)!;
    const strangerContext = await newVisitor(browser);
    const sp = await strangerContext.newPage();
    await signIn(sp, stranger.email);
    const token = await sp.locator('input[name=_csrf]').first().inputValue();
    const answer = await sp.request.post(`${system.baseUrl}/portal/cases/${caseId}/sessions/${session.id}/confirm`, { form: { _csrf: token }, maxRedirects: 0 });
    expect(answer.status()).toBe(404);
    await strangerContext.close();

    const otherAssessor = await make.user(Role.Assessor, standard.awardingBodyId, 'Ines Moreau');
    const otherContext = await newVisitor(browser);
    const op = await otherContext.newPage();
    await signIn(op, otherAssessor.email);
    const otherToken = await op.locator('input[name=_csrf]').first().inputValue();
    const proposal = await op.request.post(`${system.baseUrl}/portal/assessor/cases/${caseId}/sessions`, {
      form: { _csrf: otherToken, methodCode: 'INT', startsAt: localTime(3), durationMinutes: '30', location: 'Lyon' },
      maxRedirects: 0,
    });
    expect(proposal.status()).toBe(403);
    await otherContext.close();
  });

  it('finds no serious or critical accessibility violation on any page met, in either language', () => {
    expect(seen.length).toBeGreaterThanOrEqual(10);
    expect(seen.filter((s) => s.problems.length)).toEqual([]);
  });
});
