import { formatDeadline } from '../../libs/calendar';
import { AssessmentMethodType, CaseFailure, CaseStatus, CriterionResult, NoShowRule, NotificationTemplate, SessionStatus } from '../../libs/domain';
import type { AssessmentMethod } from '../../libs/domain';
import { AssessmentSessionEntity, NotificationEntity, UserEntity } from '../../libs/persistence/entities';
import { answerSessionUpdate, proposeSessionUpdate, recordSessionUpdate, requestEvidenceUpdate, withdrawUpdate } from '../../workflows/messages';
import { randomUUID } from 'node:crypto';
import { CaseHarness, days, rejection, Recommendation } from './support';
import type { CaseScenario } from './support';

const HOUR = 60 * 60 * 1000;
const METHODS: AssessmentMethod[] = [
  { code: 'PF', type: AssessmentMethodType.Portfolio, description: 'Portfolio review' },
  { code: 'INT', type: AssessmentMethodType.Interview, description: 'A professional discussion of the portfolio' },
];

describe('case workflow: assessment sessions', () => {
  let h: CaseHarness;
  beforeAll(async () => {
    h = await CaseHarness.start();
  }, 120_000);
  afterAll(async () => {
    await h?.stop();
  });

  /** A session `inDays` days from the workflow's now, at that time of day. */
  async function propose(c: CaseScenario, inDays: number, opts: { durationMinutes?: number } = {}) {
    const id = randomUUID();
    const startsAt = new Date((await h.now()).getTime() + days(inDays)).toISOString();
    await c.handle.executeUpdate(proposeSessionUpdate, {
      args: [
        {
          assessorId: c.assessors[0].id,
          session: {
            id,
            methodCode: 'INT',
            startsAt,
            durationMinutes: opts.durationMinutes ?? 45,
            timeZone: 'Europe/Paris',
            location: null,
            onlineUrl: 'https://meet.example.org/interview',
            attendees: [{ name: 'Bo Observer', role: 'observer' }],
          },
        },
      ],
    });
    return { id, startsAt };
  }
  const answer = (c: CaseScenario, sessionId: string, a: 'confirm' | 'reschedule', note = '') =>
    c.handle.executeUpdate(answerSessionUpdate, { args: [{ actorId: c.candidate.id, sessionId, answer: a, note }] });
  const record = (c: CaseScenario, sessionId: string, outcome: SessionStatus.Held | SessionStatus.CandidateAbsent | SessionStatus.Postponed, judgements: { criterionId: string; result: CriterionResult; comment: string | null }[] = []) =>
    c.handle.executeUpdate(recordSessionUpdate, { args: [{ assessorId: c.assessors[0].id, sessionId, outcome, note: `recorded as ${outcome}`, judgements }] });
  const session = (id: string) => h.ds.getRepository(AssessmentSessionEntity).findOneByOrFail({ id });
  const messages = (c: CaseScenario, template: NotificationTemplate) =>
    h.ds.getRepository(NotificationEntity).find({ where: { caseId: c.caseId, template }, order: { createdAt: 'ASC' } });

  it('holds an interview: proposed with an invitation, confirmed, reminded the day before, recorded, then assessed', async () => {
    const c = await h.newCase({ assessors: 1, assessmentMethods: METHODS });
    const assessor = c.assessors[0];
    await c.submitUntil();

    // the standard is assessed by interview too: no assessment before a session was held
    expect(await rejection(c.recordAssessment(assessor.id, Recommendation.Award))).toMatchObject({
      type: CaseFailure.NotAllowedInStatus,
      message: expect.stringContaining('propose a session and record it as held before recording the assessment'),
    });
    // a method that needs no session, a time too soon, or no place are refused
    const bad = (patch: Record<string, unknown>) =>
      rejection(
        c.handle.executeUpdate(proposeSessionUpdate, {
          args: [{ assessorId: assessor.id, session: { id: randomUUID(), methodCode: 'INT', startsAt: new Date(Date.now() + days(3)).toISOString(), durationMinutes: 45, timeZone: 'Europe/Paris', location: 'Room 1', onlineUrl: null, attendees: [], ...patch } }],
        }),
      );
    expect((await bad({ methodCode: 'PF' })).message).toBe('method PF is a portfolio: it needs no session');
    expect((await bad({ startsAt: (await h.now()).toISOString() })).message).toBe('startsAt must be at least 60 minutes from now: the awarding body asks for that much notice');
    expect((await bad({ location: null })).message).toBe('a session needs a location or an online link');
    expect((await bad({ startsAt: new Date((await h.now()).getTime() + days(181)).toISOString() })).message).toBe('startsAt must be within 180 days from now');

    const { id, startsAt } = await propose(c, 5);
    const row = await c.caseRow();
    expect(row.status).toBe(CaseStatus.UnderAssessment); // proposing accepts the assignment
    expect(await session(id)).toMatchObject({ status: SessionStatus.Proposed, sequence: 1, methodType: AssessmentMethodType.Interview, remindedAt: null });
    const [proposal] = await messages(c, NotificationTemplate.SessionProposed);
    expect(proposal.recipientUserId).toBe(c.candidate.id);
    expect(proposal.subject).toContain(formatDeadline(startsAt, 'Europe/Paris'));
    expect(proposal.attachments).toHaveLength(1);
    expect(proposal.attachments[0].contentType).toBe('text/calendar; charset=utf-8; method=REQUEST');
    expect(proposal.attachments[0].content).toContain(`UID:${id}@sessions.vnfil.eu`);
    // the candidate's invitation names the assessor only by role
    expect(proposal.attachments[0].content).not.toContain(assessor.displayName);

    await answer(c, id, 'confirm');
    expect((await session(id)).status).toBe(SessionStatus.Confirmed);
    expect((await messages(c, NotificationTemplate.SessionConfirmed)).map((m) => m.recipientUserId)).toEqual([assessor.id]);
    expect((await rejection(answer(c, id, 'confirm'))).type).toBe(CaseFailure.AlreadyUsed);

    // recording it as held before it begins is refused; evidence cannot be requested while it is planned
    expect((await rejection(record(c, id, SessionStatus.Held))).message).toMatch(/^the session begins on .*: until then it can only be postponed$/);
    const askMore = c.handle.executeUpdate(requestEvidenceUpdate, { args: [{ assessorId: assessor.id, message: 'more please', learningOutcomeIds: [] }] });
    expect((await rejection(askMore)).message).toMatch(/^a session is planned for .*: record how it went \(or that it is postponed\) before requesting evidence$/);

    // 24 hours before it, both are reminded, once
    await h.sleep(days(4) + HOUR);
    await c.until((s) => s.sessions.pending?.reminded === true, 'the session reminder went out');
    expect((await messages(c, NotificationTemplate.SessionReminder)).map((m) => m.recipientUserId).sort()).toEqual([c.candidate.id, assessor.id].sort());
    expect((await session(id)).remindedAt).not.toBeNull();

    await h.sleep(days(1));
    const criterionId = c.outcomes.at(-1)!.criterionIds[0];
    await record(c, id, SessionStatus.Held, [{ criterionId, result: CriterionResult.Met, comment: 'explained the method clearly' }]);
    expect(await session(id)).toMatchObject({ status: SessionStatus.Held, judgements: [{ criterionId, result: 'met', comment: 'explained the method clearly' }] });
    expect((await c.state()).sessions).toMatchObject({ pending: null, held: 1, missed: 0 });

    await c.recordAssessment(assessor.id, Recommendation.Award);
    await c.untilStatus(CaseStatus.AwaitingDecision);
    expect((await c.events()).map((e) => e.type).filter((t) => t.startsWith('session_'))).toEqual([
      'session_proposed',
      'session_confirmed',
      'session_reminder',
      'session_held',
    ]);
    await c.expectNoDuplicates();
  });

  it('lets the candidate ask for another time as often as the body allows, and moves the SLA for a late session', async () => {
    const c = await h.newCase({ assessors: 1, assessmentMethods: METHODS, settings: { sessionRescheduleLimit: 1 } });
    await c.submitUntil();
    const first = await propose(c, 3);
    await answer(c, first.id, 'reschedule', 'I am abroad that week');
    expect(await session(first.id)).toMatchObject({ status: SessionStatus.RescheduleRequested, candidateNote: 'I am abroad that week', calendarSequence: 1 });
    const [asked] = await messages(c, NotificationTemplate.SessionRescheduleRequested);
    expect(asked.recipientUserId).toBe(c.assessors[0].id);
    expect(asked.bodyText).toContain('I am abroad that week');
    const [cancelled] = await messages(c, NotificationTemplate.SessionCancelled);
    expect(cancelled.attachments[0].content).toContain('METHOD:CANCEL');

    // a session 40 days away is later than the 14-day SLA: the SLA ends sessionResultDays (3) after it
    const second = await propose(c, 40, { durationMinutes: 60 });
    const due = (await c.caseRow()).assessmentDueAt!;
    expect(due.getTime()).toBe(Date.parse(second.startsAt) + 60 * 60_000 + days(3));
    expect(await rejection(answer(c, second.id, 'reschedule', 'again'))).toMatchObject({
      type: CaseFailure.AlreadyUsed,
      message: 'you have asked for another time once, as often as this awarding body allows: confirm this session or withdraw the case',
    });
    // a second session cannot be proposed while one is planned
    expect((await rejection(propose(c, 10))).message).toMatch(/^a session is already planned for .*: record it as postponed before proposing another$/);

    // the assessor postpones it; then a conflict of interest passes the case on and calls off the new session
    await record(c, second.id, SessionStatus.Postponed);
    expect((await session(second.id)).status).toBe(SessionStatus.Postponed);
    const third = await propose(c, 6);
    await c.declareConflict(c.assessors[0].id);
    await c.untilStatus(CaseStatus.AwaitingAssessor);
    expect(await session(third.id)).toMatchObject({ status: SessionStatus.Cancelled, calendarSequence: 1 });
    expect((await messages(c, NotificationTemplate.SessionCancelled)).at(-1)!.bodyText).toContain('the case passed to another assessor');
    await c.withdraw();
  });

  it("writes a French candidate's session messages and invitation in French, with the method and the reasons worded, and the assessor's in English", async () => {
    const c = await h.newCase({ assessors: 1, assessmentMethods: METHODS, settings: { sessionRescheduleLimit: 2 } });
    await h.ds.getRepository(UserEntity).update({ id: c.candidate.id }, { locale: 'fr' });
    await c.submitUntil();
    const first = await propose(c, 3);
    const [proposal] = await messages(c, NotificationTemplate.SessionProposed);
    expect(proposal.subject).toBe(`Votre séance d'évaluation (entretien) pour Facilitating online learning : ${formatDeadline(first.startsAt, 'Europe/Paris', 'fr')}`);
    expect(proposal.bodyText).toContain('pour votre dossier sur Facilitating online learning : entretien.');
    expect(proposal.bodyText).toContain('(vous pouvez le faire encore 2 fois)');
    expect(proposal.bodyText.replace(/https?:\/\/\S+/g, '')).not.toMatch(/\b(interview|more times|once more)\b/);
    const invitation = proposal.attachments[0].content.replace(/\r\n[ \t]/g, '');
    expect(invitation).toContain('SUMMARY:Entretien : Facilitating online learning');
    expect(invitation).toContain("DESCRIPTION:Séance d'évaluation (entretien) pour votre dossier sur Facilitating online learning");
    expect(invitation).not.toMatch(/Interview|Assessment|your case/);

    await answer(c, first.id, 'reschedule', 'Je suis en déplacement');
    const [asked] = await messages(c, NotificationTemplate.SessionRescheduleRequested);
    expect(asked.subject).toMatch(/^The candidate asks for another time for the interview on /);
    const [cancelled] = await messages(c, NotificationTemplate.SessionCancelled);
    expect(cancelled.bodyText).toContain("n'aura pas lieu : vous avez demandé un autre horaire ; l'évaluateur en proposera un.");
    expect(cancelled.attachments[0].content).toContain('METHOD:CANCEL');
    expect(cancelled.attachments[0].content.replace(/\r\n[ \t]/g, '')).toContain('SUMMARY:Entretien : Facilitating online learning');

    const second = await propose(c, 4);
    expect((await messages(c, NotificationTemplate.SessionProposed)).at(-1)!.bodyText).toContain('(vous pouvez le faire encore une fois)');
    await c.handle.executeUpdate(withdrawUpdate, { args: [{ actorId: c.candidate.id, reason: '' }] });
    await c.untilStatus(CaseStatus.Withdrawn);
    const withdrawn = (await messages(c, NotificationTemplate.CaseWithdrawn)).filter((m) => m.recipientUserId === c.candidate.id);
    expect(withdrawn).toHaveLength(1);
    expect(withdrawn[0].bodyText).toContain('Motif : retiré par le candidat');
    // the session still to take place leaves the French calendar with the withdrawal
    expect(withdrawn[0].attachments[0].content).toContain(`UID:${second.id}@sessions.vnfil.eu`);
    expect(withdrawn[0].attachments[0].content).toContain('METHOD:CANCEL');
    const toAssessor = (await messages(c, NotificationTemplate.CaseWithdrawn)).find((m) => m.recipientUserId === c.assessors[0].id)!;
    expect(toAssessor.bodyText).toContain('Reason: withdrawn by the candidate');
  });

  it('gives a candidate who missed a session one more, then withdraws the case under the withdraw rule', async () => {
    const c = await h.newCase({ assessors: 1, assessmentMethods: METHODS, settings: { sessionNoShowRule: NoShowRule.Withdraw } });
    await c.submitUntil();
    const first = await propose(c, 2);
    await h.sleep(days(2) + HOUR);
    expect((await rejection(record(c, first.id, SessionStatus.CandidateAbsent, [{ criterionId: c.outcomes[0].criterionIds[0], result: CriterionResult.Met, comment: null }]))).message).toBe(
      'judgements are recorded only for a session that was held',
    );
    await record(c, first.id, SessionStatus.CandidateAbsent);
    const [missed] = await messages(c, NotificationTemplate.SessionMissed);
    expect(missed.bodyText).toContain('If you miss that one too without asking for another time, the awarding body withdraws the case.');
    expect((await c.caseRow()).status).toBe(CaseStatus.UnderAssessment);

    const second = await propose(c, 2);
    await h.sleep(days(2) + HOUR);
    await record(c, second.id, SessionStatus.CandidateAbsent);
    const ended = await c.untilStatus(CaseStatus.Withdrawn);
    expect(ended.outcome).toBe('withdrawn');
    expect((await session(second.id)).status).toBe(SessionStatus.CandidateAbsent);
    expect((await c.events()).at(-1)).toMatchObject({ toStatus: CaseStatus.Withdrawn, reason: expect.stringContaining('missed a second assessment session') });
    expect(await c.templatesFor(c.candidate.id)).toContain(NotificationTemplate.CaseWithdrawn);
  });

  it('assesses a candidate who missed two sessions on the portfolio alone under the portfolio rule', async () => {
    const c = await h.newCase({ assessors: 1, assessmentMethods: METHODS, settings: { sessionNoShowRule: NoShowRule.Portfolio } });
    await c.submitUntil();
    for (let i = 0; i < 2; i++) {
      const s = await propose(c, 1);
      await h.sleep(days(1) + HOUR);
      await record(c, s.id, SessionStatus.CandidateAbsent);
    }
    expect((await c.state()).sessions).toMatchObject({ missed: 2, portfolioOnly: true, pending: null });
    expect((await messages(c, NotificationTemplate.SessionMissed)).at(-1)!.bodyText).toContain('your case is now assessed on your portfolio alone');
    expect((await rejection(propose(c, 3))).type).toBe(CaseFailure.AlreadyUsed);
    await c.recordAssessment(c.assessors[0].id, Recommendation.Award);
    await c.untilStatus(CaseStatus.AwaitingDecision);
    expect((await c.events()).some((e) => e.type === 'sessions_ended')).toBe(true);
  });
});
