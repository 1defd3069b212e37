import { CaseFailure, CaseStage, CaseStatus, DecisionResult, DEFAULT_PROCESS_SETTINGS } from '../libs/domain';
import type { CaseContext } from './activities';
import { stepProblem } from './case-steps';
import type { StepView } from './case-steps';
import type { DeadlineWords } from './activities';
import type { CaseState } from './types';

/**
 * The update validators check deadlines with the workflow's clock, so a step after its deadline is refused even
 * when the worker is behind on the timer that would have closed the window.
 */
describe('step rules: deadlines', () => {
  const candidateId = 'candidate-1';
  const context: CaseContext = {
    caseId: 'case-1',
    candidateId,
    awardingBodyId: 'body-1',
    standardId: 'standard-1',
    standardTitle: 'Facilitating online learning',
    learningOutcomes: [{ learningOutcomeId: 'lo-1', criterionIds: ['c-1'] }],
    settings: { ...DEFAULT_PROCESS_SETTINGS },
    timeZone: 'Europe/Helsinki',
  };
  const deadline = '2027-04-11T20:59:59.999Z'; // 11 April 2027, 23:59:59 in Helsinki
  const view = (state: Partial<CaseState>, deadlineWords: Partial<DeadlineWords> = {}): StepView => ({
    context,
    deadlineWords,
    state: {
      caseId: 'case-1',
      status: CaseStatus.Awarded,
      stage: CaseStage.Certification,
      outcome: null,
      assessorId: null,
      moderatorId: null,
      pastAssessorIds: [],
      evidenceDueAt: null,
      assessmentDueAt: null,
      appealDeadline: null,
      reopenDeadline: null,
      attentionReason: null,
      loaded: true,
      appealed: false,
      reopened: false,
      assessorReminded: false,
      decisionSequence: 1,
      sessions: { pending: null, proposed: 0, held: 0, missed: 0, rescheduled: 0, portfolioOnly: false },
      ...state,
    },
  });
  const lastEvening = Date.parse('2027-04-11T19:30:00Z'); // 22:30 in Helsinki on the last day
  const nextMorning = Date.parse('2027-04-12T05:00:00Z');

  it('takes an appeal on the evening of the last day and refuses it the next morning, stating the deadline as worded in the body\'s zone', () => {
    const step = { kind: 'appeal' as const, input: { actorId: candidateId, reason: 'misread' } };
    const words = { appealDeadline: '11 April 2027, 23:59 (Europe/Helsinki)' };
    expect(stepProblem(view({ appealDeadline: deadline }, words), step, lastEvening)).toBeNull();
    expect(stepProblem(view({ appealDeadline: deadline }, words), step, nextMorning)).toEqual({
      type: CaseFailure.DeadlinePassed,
      message: 'the appeal window ended on 11 April 2027, 23:59 (Europe/Helsinki)',
    });
    // A run whose steps were recorded before deadlines were worded still names the instant.
    expect(stepProblem(view({ appealDeadline: deadline }), step, nextMorning)?.message).toBe(`the appeal window ended on ${deadline}`);
  });

  it('words the status in a refusal as people say it', () => {
    const decide = { kind: 'decide' as const, input: { actorId: 'admin-1', result: DecisionResult.Awarded, recognisedOutcomeIds: ['lo-1'], reason: 'ok' } };
    expect(stepProblem(view({ status: CaseStatus.Moderation }), decide, lastEvening)?.message).toBe(
      'the case is in moderation: a decision is allowed only while it is awaiting a decision',
    );
    const assess = { kind: 'requestEvidence' as const, input: { assessorId: 'a-1', message: 'more', learningOutcomeIds: [] } };
    expect(stepProblem(view({ status: CaseStatus.AwaitingDecision }), assess, lastEvening)?.message).toBe(
      'the case is awaiting a decision: requesting evidence is allowed only while it is assigned to an assessor or under assessment',
    );
  });

  it('refuses an answer to an evidence request, a reopening and a revocation after their deadlines', () => {
    const answer = { kind: 'answerEvidenceRequest' as const, input: { actorId: candidateId, note: 'added' } };
    expect(stepProblem(view({ status: CaseStatus.EvidenceRequested, evidenceDueAt: deadline }), answer, nextMorning)?.type).toBe(CaseFailure.DeadlinePassed);
    expect(stepProblem(view({ status: CaseStatus.EvidenceRequested, evidenceDueAt: deadline }), answer, lastEvening)).toBeNull();
    const reopen = { kind: 'reopen' as const, input: { actorId: candidateId } };
    expect(stepProblem(view({ status: CaseStatus.Lapsed, reopenDeadline: deadline }), reopen, nextMorning)?.type).toBe(CaseFailure.DeadlinePassed);
    const revoke = { kind: 'revokeDecision' as const, input: { actorId: 'admin-1', reason: 'error in the evidence' } };
    expect(stepProblem(view({ appealDeadline: deadline }), revoke, nextMorning)?.type).toBe(CaseFailure.DeadlinePassed);
    expect(stepProblem(view({ appealDeadline: deadline }), revoke, lastEvening)).toBeNull();
  });
});
