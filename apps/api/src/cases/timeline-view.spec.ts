import { AssessmentPurpose, CaseStatus, CriterionResult, Role } from '../../../../libs/domain';
import { ViewerKind, viewerOf } from './case-access.policy';
import type { AccessFacts, CaseViewer } from './case-access.policy';
import { feedbackFor, timelineFor } from './timeline-view';
import type { LoggedEvent } from './timeline-view';

const candidateId = 'cand-1';
const viewer = (kind: ViewerKind, actorId: string, until: Date | null = null): CaseViewer => ({ kind, actorId, candidateId, until });
const at = (minute: number) => new Date(Date.UTC(2030, 0, 1, 0, minute));
let seq = 0;
const event = (e: Partial<LoggedEvent> & Pick<LoggedEvent, 'type' | 'toStatus'>, minute = seq): LoggedEvent => ({
  seq: ++seq,
  fromStatus: null,
  actorId: null,
  reason: '',
  data: {},
  occurredAt: at(minute),
  ...e,
});

describe('timelineFor: what each reader sees of the log', () => {
  const parked = event({
    type: 'transition',
    fromStatus: CaseStatus.UnderAssessment,
    toStatus: CaseStatus.NeedsAttention,
    reason: 'recordStep failed (SQLSTATE 22021): invalid byte sequence for encoding "UTF8": 0x00',
    data: { stage: 'assessment', resumeStatus: 'under_assessment', assessmentDueAt: '2030-01-15T00:00:00.000Z' },
  });
  const noAssessor = event({
    type: 'transition',
    fromStatus: CaseStatus.UnderAssessment,
    toStatus: CaseStatus.AwaitingAssessor,
    reason: 'no eligible assessor of the body is free for assessment; an admin can assign one by hand',
    data: { stage: 'assessment', purpose: 'assessment', excludeAssessorIds: ['ass-a'] },
  });
  const recorded = event({ type: 'assessment_recorded', toStatus: CaseStatus.UnderAssessment, actorId: 'ass-b', reason: 'assessment recorded: not_award', data: { purpose: 'assessment', round: 1, recommendation: 'not_award' } }, 10);
  const toDecision = event(
    { type: 'transition', fromStatus: CaseStatus.UnderAssessment, toStatus: CaseStatus.AwaitingDecision, actorId: 'ass-b', reason: 'assessment recorded (not_award); the awarding body decides', data: { purpose: 'assessment', recommendation: 'not_award', stage: 'assessment' } },
    10,
  );
  const decided = event(
    { type: 'transition', fromStatus: CaseStatus.AwaitingDecision, toStatus: CaseStatus.NotAwarded, actorId: 'admin-1', reason: 'the evidence does not show LO1', data: { sequence: 1, result: 'not_awarded', recognisedOutcomeIds: [], appealDeadline: '2030-02-01T00:00:00.000Z' } },
    20,
  );
  const log = [parked, noAssessor, recorded, toDecision, decided];

  it('gives the candidate no recommendation, assessor, exclusion list or fault text, and reasons of its own', () => {
    const seen = timelineFor(viewer(ViewerKind.Candidate, candidateId), log);
    const text = JSON.stringify(seen);
    for (const secret of ['not_award"', 'recommendation', 'excludeAssessorIds', 'ass-a', 'ass-b', 'admin-1', 'SQLSTATE', 'invalid byte', 'resumeStatus', 'assessmentDueAt']) {
      expect(text).not.toContain(secret);
    }
    expect(seen.map((e) => e.type)).toEqual(['transition', 'transition', 'transition', 'transition']);
    expect(seen[0]!.reason).toBe('the awarding body is looking into a problem with processing your case; your deadlines are extended by the time it takes');
    expect(seen[2]!.reason).toBe('the assessment is complete; the awarding body decides');
    expect(seen[3]).toMatchObject({ actorId: null, reason: 'the awarding body decided not to award the credential: the evidence does not show LO1' });
  });

  it('says a partial award is partial, to the candidate and to assessors', () => {
    const award = (result: string) =>
      event({ type: 'transition', fromStatus: CaseStatus.AwaitingDecision, toStatus: CaseStatus.Awarded, actorId: 'admin-1', reason: 'LO1 shown', data: { sequence: 1, result, recognisedOutcomeIds: ['lo1'] } });
    const [partial] = timelineFor(viewer(ViewerKind.Candidate, candidateId), [award('partially_awarded')]);
    expect(partial!.reason).toBe('the awarding body awarded the credential for some of the learning outcomes (a partial award): LO1 shown');
    const [full] = timelineFor(viewer(ViewerKind.Candidate, candidateId), [award('awarded')]);
    expect(full!.reason).toBe('the awarding body awarded the credential: LO1 shown');
    const [toHolder] = timelineFor(viewer(ViewerKind.Holder, 'ass-c'), [award('partially_awarded')]);
    expect(toHolder!.reason).toBe('the awarding body awarded the credential for some of the learning outcomes (a partial award)');
  });

  it("tells the candidate their case was resumed, whatever status it resumes, without the admin's reason", () => {
    for (const to of [CaseStatus.EvidenceRequested, CaseStatus.AssessorAssigned, CaseStatus.Screening, CaseStatus.UnderAssessment, CaseStatus.Awarded]) {
      const resumed = event({ type: 'transition', fromStatus: CaseStatus.NeedsAttention, toStatus: to, actorId: 'admin-1', reason: 'retried by the awarding body: internal note on the fault', data: { requestedBy: 'ass-a' } });
      const [seen] = timelineFor(viewer(ViewerKind.Candidate, candidateId), [resumed]);
      expect({ to, reason: seen!.reason }).toEqual({ to, reason: 'the awarding body resumed your case' });
    }
  });

  it('attaches the feedback to the decision that stands, for the candidate only', () => {
    const feedback = [{ learningOutcomeId: 'lo1', code: 'LO1', recognised: false, criteria: [] }];
    expect(timelineFor(viewer(ViewerKind.Candidate, candidateId), log, { feedback }).at(-1)!.data.feedback).toEqual(feedback);
    const revoked = event({ type: 'transition', fromStatus: CaseStatus.NotAwarded, toStatus: CaseStatus.AwaitingDecision, reason: 'decision 1 revoked: typo' }, 30);
    const afterRevocation = timelineFor(viewer(ViewerKind.Candidate, candidateId), [...log, revoked], { feedback });
    expect(afterRevocation.some((e) => 'feedback' in e.data)).toBe(false);
    expect(afterRevocation.at(-1)!.reason).toBe('the awarding body revoked its decision and decides again');
  });

  it('gives an assessor the recommendations but not the exclusion list, the fault text or other assessors', () => {
    const seen = timelineFor(viewer(ViewerKind.Holder, 'ass-c'), log);
    const text = JSON.stringify(seen);
    expect(text).not.toContain('excludeAssessorIds');
    expect(text).not.toContain('SQLSTATE');
    expect(text).not.toContain('ass-b');
    expect(seen.find((e) => e.type === 'assessment_recorded')).toMatchObject({ reason: 'assessment recorded: not_award', data: { recommendation: 'not_award' } });
  });

  it('gives a past assessor the log up to the end of their assignment, with only their own assessment', () => {
    const other = event({ type: 'assessment_recorded', toStatus: CaseStatus.UnderAssessment, actorId: 'ass-z', data: { recommendation: 'award' } }, 5);
    const seen = timelineFor(viewer(ViewerKind.PastAssessor, 'ass-b', at(10)), [...log, other]);
    expect(seen.map((e) => e.seq)).toEqual([parked.seq, noAssessor.seq, recorded.seq, toDecision.seq]);
    expect(seen.find((e) => e.type === 'assessment_recorded')!.actorId).toBe('ass-b');
  });

  it("shows the candidate a session's steps in their words, with its time but not who assesses it or what they noted", () => {
    const proposed = event({
      type: 'session_proposed',
      toStatus: CaseStatus.UnderAssessment,
      actorId: 'ass-b',
      reason: 'interview proposed',
      data: { sessionId: 's-1', sequence: 1, methodCode: 'INT', methodType: 'interview', startsAt: '2030-01-10T09:30:00.000Z', durationMinutes: 45 },
    });
    const missed = event({ type: 'session_missed', toStatus: CaseStatus.UnderAssessment, actorId: 'ass-b', reason: 'the candidate did not come to the interview', data: { sessionId: 's-1', missed: 2 } });
    const withdrawn = event({
      type: 'transition',
      fromStatus: CaseStatus.UnderAssessment,
      toStatus: CaseStatus.Withdrawn,
      actorId: 'ass-b',
      reason: 'the candidate missed a second assessment session without notice; under the awarding body\'s rule the case is withdrawn',
      data: { stage: 'assessment', outcome: 'withdrawn', cause: 'sessions_missed' },
    });
    const seen = timelineFor(viewer(ViewerKind.Candidate, candidateId), [proposed, missed, withdrawn]);
    expect(seen.map((e) => e.reason)).toEqual([
      'an interview is proposed: confirm it, or ask for another time',
      'you were recorded as absent from the session',
      "the case is withdrawn: you missed a second assessment session without notice (the awarding body's rule)",
    ]);
    expect(seen[0].data).toEqual({ sessionId: 's-1', sequence: 1, methodType: 'interview', startsAt: '2030-01-10T09:30:00.000Z', durationMinutes: 45 });
    expect(seen.every((e) => e.actorId === null)).toBe(true);
    expect(timelineFor(viewer(ViewerKind.Holder, 'ass-b'), [proposed])[0].reason).toBe('interview proposed to the candidate');
  });

  it('gives a body admin the log as written', () => {
    const seen = timelineFor(viewer(ViewerKind.BodyAdmin, 'admin-1'), log);
    expect(seen[0]!.reason).toContain('SQLSTATE 22021');
    expect(seen[1]!.data.excludeAssessorIds).toEqual(['ass-a']);
  });
});

describe('feedbackFor', () => {
  it('says per outcome whether it is recognised, with each criterion and its comment, nothing about the assessor', () => {
    const outcomes = [{ id: 'lo1', code: 'LO1', criteria: [{ id: 'c1', code: 'C1' }] }, { id: 'lo2', code: 'LO2', criteria: [{ id: 'c2', code: 'C2' }] }];
    const judgements = [
      { criterionId: 'c1', result: CriterionResult.Met, comment: 'clear', score: 90, assessorId: 'x' },
      { criterionId: 'c2', result: CriterionResult.NotMet, comment: null },
    ];
    expect(feedbackFor(outcomes, ['lo1'], judgements)).toEqual([
      { learningOutcomeId: 'lo1', code: 'LO1', recognised: true, criteria: [{ criterionId: 'c1', code: 'C1', result: 'met', comment: 'clear' }] },
      { learningOutcomeId: 'lo2', code: 'LO2', recognised: false, criteria: [{ criterionId: 'c2', code: 'C2', result: 'not_met', comment: null }] },
    ]);
  });
});

describe('viewerOf: who the actor is to the case', () => {
  const kase = { candidateId, awardingBodyId: 'body-1' };
  const assessor = { id: 'ass-1', role: Role.Assessor, awardingBodyId: 'body-1' };
  const facts = (f: Partial<AccessFacts>): AccessFacts => ({ actor: assessor, kase, assignments: [], conflicted: false, ...f });
  const ended = (status: 'completed' | 'reassigned' | 'conflict', minute: number) => ({ status, purpose: AssessmentPurpose.Assessment, endedAt: at(minute) });

  it('sees the holder, the moderator and the past assessor (until their last assignment ended)', () => {
    expect(viewerOf(facts({ assignments: [{ status: 'active', purpose: AssessmentPurpose.Assessment, endedAt: null }] }))!.kind).toBe(ViewerKind.Holder);
    expect(viewerOf(facts({ assignments: [{ status: 'active', purpose: AssessmentPurpose.Moderation, endedAt: null }] }))!.kind).toBe(ViewerKind.Moderator);
    expect(viewerOf(facts({ assignments: [ended('reassigned', 3), ended('completed', 7)] }))).toMatchObject({ kind: ViewerKind.PastAssessor, until: at(7) });
  });

  it('has no case for an assessor who declared a conflict, never held it, or is of another body', () => {
    expect(viewerOf(facts({ assignments: [{ status: 'active', purpose: AssessmentPurpose.Assessment, endedAt: null }], conflicted: true }))).toBeNull();
    expect(viewerOf(facts({ assignments: [ended('conflict', 3)] }))).toBeNull();
    expect(viewerOf(facts({}))).toBeNull();
    expect(viewerOf(facts({ actor: { ...assessor, awardingBodyId: 'body-2' }, assignments: [ended('completed', 3)] }))).toBeNull();
  });

  it("has the candidate's own case and the body's cases for its admin, nobody else's", () => {
    expect(viewerOf(facts({ actor: { id: candidateId, role: Role.Candidate, awardingBodyId: null } }))!.kind).toBe(ViewerKind.Candidate);
    expect(viewerOf(facts({ actor: { id: 'cand-2', role: Role.Candidate, awardingBodyId: null } }))).toBeNull();
    expect(viewerOf(facts({ actor: { id: 'adm', role: Role.BodyAdmin, awardingBodyId: 'body-1' } }))!.kind).toBe(ViewerKind.BodyAdmin);
    expect(viewerOf(facts({ actor: { id: 'adm', role: Role.BodyAdmin, awardingBodyId: 'body-2' } }))).toBeNull();
    expect(viewerOf(facts({ actor: { id: 'adm', role: Role.BodyAdmin, awardingBodyId: null } }))).toBeNull();
  });
});
