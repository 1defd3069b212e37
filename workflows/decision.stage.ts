import { ActivityFailure, ApplicationFailure } from '@temporalio/workflow';
import { AssessmentPurpose, CaseFailure, CaseOutcome, CaseStatus, DecisionResult, NotificationTemplate } from '../libs/domain';
import { assess } from './assessment.stage';
import type { StandingAssessment } from './assessment.stage';
import { credentials, records } from './case-activities';
import type { CaseRun } from './case-run';
import { days, iso } from './case-run';

interface DecisionTaken {
  sequence: number;
  result: DecisionResult;
}

const OUTCOME_OF: Record<DecisionResult, CaseOutcome> = {
  [DecisionResult.Awarded]: CaseOutcome.Awarded,
  [DecisionResult.PartiallyAwarded]: CaseOutcome.PartiallyAwarded,
  [DecisionResult.NotAwarded]: CaseOutcome.NotAwarded,
};

/**
 * Certification: a body admin decides; an award issues the micro-credential. During the appeal window the
 * candidate may appeal once (a new assessor, then a final decision that supersedes the first) and the body
 * may revoke its decision (back to awaiting decision); when the window ends the case closes.
 */
export async function decideAndClose(run: CaseRun, standing: StandingAssessment): Promise<never> {
  let superseded: DecisionTaken | null = null;
  for (;;) {
    const decision = await takeDecision(run, superseded);
    const closing = { outcome: OUTCOME_OF[decision.result], actorId: null, assignmentEnd: 'completed', notice: NotificationTemplate.CaseClosed } as const;
    if (run.state.appealed) {
      return run.endCase(CaseStatus.Closed, { ...closing, reason: 'decided after appeal; no further appeal' });
    }
    const wake = await run.wait({ accept: ['appeal', 'revokeDecision'], until: Date.parse(run.state.appealDeadline ?? run.now()) });
    if (wake.kind !== 'step') {
      return run.endCase(CaseStatus.Closed, { ...closing, reason: `no appeal within ${run.settings.appealWindowDays} days of the decision` });
    }
    const step = wake.step;
    if (step.kind === 'revokeDecision') {
      await revokeByBody(run, decision, step.input.actorId, step.input.reason, standing);
      superseded = null;
      continue;
    }
    run.state.appealed = true;
    await run.transition(CaseStatus.Appealed, { actorId: step.input.actorId, reason: `appealed by the candidate: ${step.input.reason}` });
    await run.notifyBodyAdmins(NotificationTemplate.AppealReceived, { reason: step.input.reason });
    standing = await assess(run, AssessmentPurpose.Appeal);
    superseded = decision;
  }
}

/** Awaiting decision: the admin's decision is saved, a decision it supersedes is revoked, the credential follows. */
async function takeDecision(run: CaseRun, superseded: DecisionTaken | null): Promise<DecisionTaken> {
  const { actorId, result, recognisedOutcomeIds, reason } = (await run.waitForStep(['decide'])).input;
  const sequence = run.state.decisionSequence + 1;
  const { decisionId } = await records.saveDecision({ caseId: run.caseId, sequence, result, recognisedOutcomeIds, reason, actorId, at: run.now() });
  run.state.decisionSequence = sequence;
  if (superseded) await revokeDecision(run, superseded.sequence, null, 'superseded after appeal');
  const awards = result !== DecisionResult.NotAwarded;
  const appealDeadline = run.state.appealed ? null : iso(Date.now() + days(run.settings.appealWindowDays));
  await run.transition(awards ? CaseStatus.Awarded : CaseStatus.NotAwarded, {
    actorId,
    reason,
    deadlines: { appealDeadline },
    data: { decisionId, sequence, result, recognisedOutcomeIds },
  });
  if (awards) await issueCredential(run, sequence);
  else if (run.credentialActive) await revokeCredential(run, 'the decision after appeal does not award');
  await run.notifyCandidate(NotificationTemplate.DecisionMade, { result, reason, appealDeadline: appealDeadline?.slice(0, 10) ?? null });
  return { sequence, result };
}

/** The body revokes its decision during the appeal window: the credential goes with it and the case is decided again. */
async function revokeByBody(run: CaseRun, decision: DecisionTaken, actorId: string, reason: string, standing: StandingAssessment): Promise<void> {
  await revokeDecision(run, decision.sequence, actorId, reason);
  if (run.credentialActive) await revokeCredential(run, `decision revoked: ${reason}`);
  await run.transition(CaseStatus.AwaitingDecision, { actorId, reason: `decision ${decision.sequence} revoked: ${reason}`, data: { sequence: decision.sequence } });
  await run.notifyCandidate(NotificationTemplate.DecisionRevoked, { reason });
  await run.notifyBodyAdmins(NotificationTemplate.DecisionNeeded, { recommendation: standing.recommendation });
}

async function revokeDecision(run: CaseRun, sequence: number, actorId: string | null, reason: string): Promise<void> {
  await records.revokeDecision({ caseId: run.caseId, sequence, actorId, reason, at: run.now() });
  await run.event('decision_revoked', { actorId, reason, data: { sequence } });
}

async function issueCredential(run: CaseRun, decisionSequence: number): Promise<void> {
  try {
    const { credentialId } = await credentials.issueCredential({ caseId: run.caseId, decisionSequence, at: run.now() });
    run.credentialActive = true;
    await run.event('credential_issued', { actorId: null, reason: 'micro-credential issued', data: { credentialId, decisionSequence } });
  } catch (err) {
    // A credential the specification cannot support is recorded for the body to fix; the award itself stands.
    const cause = err instanceof ActivityFailure ? err.cause : undefined;
    if (!(cause instanceof ApplicationFailure) || cause.type !== CaseFailure.InvalidInput) throw err;
    await run.event('credential_not_issued', { actorId: null, reason: cause.message, data: { decisionSequence } });
  }
}

async function revokeCredential(run: CaseRun, reason: string): Promise<void> {
  await records.revokeCredential({ caseId: run.caseId, reason, at: run.now() });
  run.credentialActive = false;
  await run.event('credential_revoked', { actorId: null, reason });
}
