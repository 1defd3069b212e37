import { DateTime } from 'luxon';
import { AssessmentMethodType, CaseStatus, NotificationTemplate, Role, SessionStatus } from '../../libs/domain';
import type { AssessmentMethod } from '../../libs/domain';
import { CaseEntity, NotificationEntity, UserEntity } from '../../libs/persistence/entities';
import type { StandardEntity } from '../../libs/persistence/entities';
import { eventually } from './support/system';
import { ApiTestContext } from './support/api-app';
import type { SignedIn } from './support/api-app';

jest.setTimeout(180_000);

const METHODS: AssessmentMethod[] = [
  { code: 'PF', type: AssessmentMethodType.Portfolio, description: 'Portfolio review' },
  { code: 'INT', type: AssessmentMethodType.Interview, description: 'A professional discussion' },
];
const ZONE = 'America/Toronto';

interface Session {
  id: string;
  status: SessionStatus;
  startsAt: string;
  startsAtLocal: string;
  timeZone: string;
  when: string;
  assessorId: string | null;
  outcomeNote: string | null;
  judgements: { criterionId: string; result: string }[];
  invitation: string;
}

describe('API: assessment sessions', () => {
  let ctx: ApiTestContext;
  let candidate: SignedIn;
  let otherCandidate: SignedIn;
  let holder: SignedIn;
  let other: SignedIn;
  let standard: StandardEntity;
  let caseId: string;

  const statusOf = async () => (await ctx.ds.getRepository(CaseEntity).findOneByOrFail({ id: caseId })).status;
  const reach = (status: CaseStatus) => eventually(`the case to reach ${status}`, async () => ((await statusOf()) === status ? true : undefined));
  const sessions = async (who: SignedIn) => (await ctx.http.get(`/cases/${caseId}/sessions`).set(who.auth).expect(200)).body.items as Session[];
  const propose = (body: Record<string, unknown>) => ctx.http.post(`/cases/${caseId}/sessions`).set(holder.auth).send({ methodCode: 'INT', durationMinutes: 45, onlineUrl: 'https://meet.example.org/x', ...body });
  const localIn = (days: number, hour: number) => DateTime.now().setZone(ZONE).plus({ days }).set({ hour, minute: 30, second: 0, millisecond: 0 });

  beforeAll(async () => {
    ctx = await ApiTestContext.start({ worker: true });
    const body = await ctx.make.body();
    const first = await ctx.user(Role.Assessor, body.id);
    // sessions at any later time, so the test can hold one at once
    standard = await ctx.make.standard(body.id, { assessmentMethods: METHODS, settings: { sessionNoticeMinutes: 0 } });
    candidate = await ctx.user(Role.Candidate);
    otherCandidate = await ctx.user(Role.Candidate);
    // the candidate reads times in their own zone
    expect((await ctx.http.patch('/auth/me').set(candidate.auth).send({ timeZone: 'Mars/Olympus' }).expect(400)).body.message).toEqual([expect.stringMatching(/^timeZone must be an IANA time zone name/)]);
    expect((await ctx.http.patch('/auth/me').set(candidate.auth).send({ timeZone: ZONE }).expect(200)).body).toMatchObject({ id: candidate.user.id, timeZone: ZONE });
    expect((await ctx.http.get('/auth/me').set(candidate.auth).expect(200)).body.timeZone).toBe(ZONE);
    caseId = await ctx.draftCase(candidate, standard.id);
    const outcomes = standard.learningOutcomes!;
    await ctx.http
      .post(`/cases/${caseId}/evidence`)
      .set(candidate.auth)
      .send({ kind: 'url', title: 'Portfolio', url: 'https://example.org/portfolio', learningOutcomeIds: outcomes.map((o) => o.id) })
      .expect(201);
    await ctx.http.post(`/cases/${caseId}/submit`).set(candidate.auth).expect(200);
    await reach(CaseStatus.AssessorAssigned);
    holder = first;
    other = await ctx.user(Role.Assessor, body.id);
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it("takes the time in the candidate's own zone and sends them an invitation they can add to a calendar", async () => {
    const local = localIn(3, 10);
    const res = await propose({ startsAt: local.toFormat("yyyy-MM-dd'T'HH:mm"), attendees: [{ name: 'Bo Observer', role: 'observer' }] }).expect(201);
    const session = res.body as Session;
    expect(session).toMatchObject({ status: SessionStatus.Proposed, timeZone: ZONE, startsAtLocal: local.toFormat("yyyy-MM-dd'T'HH:mm") });
    expect(session.startsAt).toBe(local.toUTC().toISO());
    expect(session.when).toMatch(/, 10:30 \(America\/Toronto\)$/);
    expect(await statusOf()).toBe(CaseStatus.UnderAssessment);

    const [message] = await ctx.ds.getRepository(NotificationEntity).findBy({ caseId, template: NotificationTemplate.SessionProposed });
    expect(message.recipientUserId).toBe(candidate.user.id);
    expect(message.subject).toContain(session.when);
    expect(message.attachments[0].content).toContain('METHOD:REQUEST');

    const ics = await ctx.http.get(session.invitation).set(candidate.auth).expect(200);
    expect(ics.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(ics.text).toContain(`UID:${session.id}@sessions.vnfil.eu`);
    expect(ics.text).not.toContain(holder.user.displayName);
    const unfold = (text: string) => text.replace(/\r\n[ \t]/g, '');
    expect(unfold(ics.text)).toContain('\r\nSUMMARY:Interview: ');
    // in the candidate's language, whoever downloads it: it is the candidate's event
    await ctx.ds.getRepository(UserEntity).update({ id: candidate.user.id }, { locale: 'fr' });
    for (const reader of [candidate, holder]) {
      const french = unfold((await ctx.http.get(session.invitation).set(reader.auth).expect(200)).text);
      expect(french).toContain('\r\nSUMMARY:Entretien : ');
      expect(french).toContain("\r\nDESCRIPTION:Séance d'évaluation (entretien) pour votre dossier sur ");
      expect(french).not.toMatch(/Interview|Assessment|your case/);
    }
    await ctx.ds.getRepository(UserEntity).update({ id: candidate.user.id }, { locale: null });

    // the candidate does not see who assesses them, nor what they record; the holder does
    expect((await sessions(candidate))[0]).toMatchObject({ id: session.id, assessorId: null, outcomeNote: null, judgements: [] });
    expect((await sessions(holder))[0]).toMatchObject({ id: session.id, assessorId: holder.user.id });
    // nobody else sees it
    await ctx.http.get(`/cases/${caseId}/sessions`).set(otherCandidate.auth).expect(404);
    await ctx.http.get(session.invitation).set(otherCandidate.auth).expect(404);
    await ctx.http.get(session.invitation).set(other.auth).expect(404);
    await ctx.http.post(`/cases/${caseId}/sessions/${session.id}/record`).set(other.auth).send({ outcome: 'postponed' }).expect(404);
    await ctx.http.post(`/cases/${caseId}/sessions/${session.id}/answer`).set(holder.auth).send({ answer: 'confirm' }).expect(403);
    await ctx.http.post(`/cases/${caseId}/sessions/${session.id}/record`).set(candidate.auth).send({ outcome: 'postponed' }).expect(403);

    expect((await ctx.http.post(`/cases/${caseId}/sessions/${session.id}/answer`).set(candidate.auth).send({ answer: 'reschedule' }).expect(400)).body.message).toEqual([
      'note is required to ask for another time: say when you can come',
    ]);
    await ctx.http.post(`/cases/${caseId}/sessions/${session.id}/answer`).set(candidate.auth).send({ answer: 'confirm' }).expect(200);
    expect((await sessions(candidate))[0].status).toBe(SessionStatus.Confirmed);
    // once postponed, the invitation is a cancellation
    await ctx.http.post(`/cases/${caseId}/sessions/${session.id}/record`).set(holder.auth).send({ outcome: 'postponed', note: 'I am ill that day' }).expect(200);
    const cancelled = await ctx.http.get(session.invitation).set(candidate.auth).expect(200);
    expect(cancelled.text).toContain('METHOD:CANCEL');
    expect(cancelled.text).toContain('SEQUENCE:1');
  });

  it('refuses a time that does not exist, a session without a place, and other bad input, with the field named', async () => {
    const count = (await sessions(holder)).length;
    // clocks go forward at 02:00 on 14 March 2027 in Toronto
    expect((await propose({ startsAt: '2027-03-14T02:30' }).expect(400)).body.message).toEqual([
      'startsAt 2027-03-14T02:30 does not exist in America/Toronto (the clocks change that night): choose another time',
    ]);
    expect((await propose({ startsAt: 'next tuesday' }).expect(400)).body.message).toEqual([expect.stringMatching(/^startsAt must be a date and time/)]);
    expect((await propose({ startsAt: localIn(3, 10).toISO(), onlineUrl: undefined }).expect(400)).body.message).toEqual(['give a location, an onlineUrl, or both']);
    expect((await propose({ startsAt: '2030-01-01T10:00', onlineUrl: 'http://meet.example.org/x' }).expect(400)).body.message).toEqual(['onlineUrl must be an https link']);
    expect((await propose({ startsAt: '2030-01-01T10:00', durationMinutes: 5 }).expect(400)).body.message).toEqual([expect.stringMatching(/^durationMinutes must be a whole number of minutes from 10 to 480/)]);
    expect((await propose({ startsAt: '2030-01-01T10:00', room: 'B' }).expect(400)).body.message).toEqual(['property room is not accepted here']);
    expect((await propose({ startsAt: '2027-01-14T24:00' }).expect(400)).body.message).toEqual([expect.stringMatching(/^startsAt must be a date and time/)]);
    expect((await propose({ startsAt: '2027-01-14T10:30+99:00' }).expect(400)).body.message).toEqual([expect.stringMatching(/^startsAt must be a date and time/)]);
    expect((await propose({ startsAt: '2020-01-14T10:30Z' }).expect(400)).body.message).toEqual(['startsAt must be in the future']);
    expect((await propose({ startsAt: localIn(200, 10).toFormat("yyyy-MM-dd'T'HH:mm") }).expect(400)).body.message).toEqual(['startsAt must be within 180 days from now']);
    expect((await propose({ startsAt: '2030-01-01T10:00', methodCode: 'PF' }).expect(400)).body.message).toEqual(["methodCode must be one of this standard's methods that need a session: INT"]);
    expect(await sessions(holder)).toHaveLength(count);
  });

  it('records a session held with its judgements; then the assessment can be recorded', async () => {
    const criteria = standard.learningOutcomes!.flatMap((o) => o.criteria!);
    const early = await ctx.http.post(`/cases/${caseId}/assessments`).set(holder.auth).send({ judgements: criteria.map((c) => ({ criterionId: c.id, result: 'met' })), recommendation: 'award', comment: 'all met' });
    expect(early.status).toBe(409);
    expect(early.body.message).toContain('propose a session and record it as held before recording the assessment');

    const startsAt = new Date(Date.now() + 2_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const session = (await propose({ startsAt }).expect(201)).body as Session;
    await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(startsAt) - Date.now() + 300)));
    const assessed = standard.learningOutcomes!.at(-1)!.criteria!.map((c) => ({ criterionId: c.id, result: 'met', comment: 'explained well' }));
    const record = (body: Record<string, unknown>) => ctx.http.post(`/cases/${caseId}/sessions/${session.id}/record`).set(holder.auth).send(body);
    // the interview assesses the last outcome only; the first is the portfolio's
    const portfolioCriterion = standard.learningOutcomes![0]!.criteria![0]!.id;
    expect((await record({ outcome: 'held', judgements: [...assessed, { criterionId: portfolioCriterion, result: 'met' }] }).expect(400)).body.message).toEqual([
      `judgements name criteria that method INT does not assess in this standard: ${portfolioCriterion}`,
    ]);
    expect((await record({ outcome: 'candidate_absent' }).expect(400)).body.message).toEqual(['note is required to record the candidate as absent']);
    await ctx.http.post(`/cases/${caseId}/sessions/${session.id}/record`).set(holder.auth).send({ outcome: 'held', note: 'went well', judgements: assessed }).expect(200);
    expect((await sessions(holder)).at(-1)).toMatchObject({ status: SessionStatus.Held, outcomeNote: 'went well', judgements: assessed.map(({ criterionId, result }) => expect.objectContaining({ criterionId, result })) });
    expect((await sessions(candidate)).at(-1)).toMatchObject({ status: SessionStatus.Held, outcomeNote: null, judgements: [] });

    await ctx.http.post(`/cases/${caseId}/assessments`).set(holder.auth).send({ judgements: criteria.map((c) => ({ criterionId: c.id, result: 'met' })), recommendation: 'award', comment: 'all met' }).expect(200);
    await reach(CaseStatus.AwaitingDecision);
  });
});
