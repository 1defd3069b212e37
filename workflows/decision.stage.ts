import { CaseOutcome, CaseStatus, DecisionResult, NotificationTemplate } from '../libs/domain';
import { assess, setAsideStanding } from './assessment.stage';
import type { CaseRun } from './case-run';

const OUTCOME_OF: Record<DecisionResult, CaseOutcome> = {
  [DecisionResult.Awarded]: CaseOutcome.Awarded,
  [DecisionResult.PartiallyAwarded]: CaseOutcome.PartiallyAwarded,
  [DecisionResult.NotAwarded]: CaseOutcome.NotAwarded,
};

const DECIDED: readonly CaseStatus[] = [CaseStatus.Awarded, CaseStatus.NotAwarded];

/**
 * Certification: a body admin decides; an award issues the micro-credential. During the appeal window the
 * candidate may appeal once (a new assessor, then a final decision that supersedes the first) and the body
 * may revoke its decision (back to awaiting decision); when the window ends the case closes.
 */
export async function decideAndClose(run: CaseRun): Promise<never> {
  for (;;) {
    if (run.state.status === CaseStatus.AwaitingDecision) await takeDecision(run);
    else if (!DECIDED.includes(run.state.status)) await assess(run);
    else await awaitAppealWindow(run);
  }
}

/**
 * Awaiting decision: the admin's decision, a decision it supersedes and the credential are one recorded step.
 * If the assessor whose assessment stands declares a conflict of interest first, it is set aside and assessed again.
 */
async function takeDecision(run: CaseRun): Promise<void> {
  const wake = await run.wait({ accept: ['decide'], holder: run.standing?.assessorId ?? null });
  if (wake.kind === 'conflict') return setAsideStanding(run);
  if (wake.kind !== 'step') return;
  const { actorId, result, recognisedOutcomeIds, reason } = wake.step.input;
  const sequence = run.state.decisionSequence + 1;
  const superseded = run.state.appealed ? run.decision : null;
  const awards = result !== DecisionResult.NotAwarded;
  const appealWindow = !run.state.appealed;
  await run.record({
    actorId,
    decision: { sequence, result, recognisedOutcomeIds, reason, actorId },
    revokeDecision: superseded ? { sequence: superseded.sequence, reason: 'superseded after appeal', actorId: null } : undefined,
    issueCredential: awards ? { decisionSequence: sequence } : undefined,
    revokeCredential: !awards && run.credentialActive ? { reason: 'the decision after appeal does not award' } : undefined,
    transitions: [
      {
        to: awards ? CaseStatus.Awarded : CaseStatus.NotAwarded,
        reason,
        deadlines: appealWindow ? { appealDeadline: { days: run.settings.appealWindowDays } } : {},
        data: { sequence, result, recognisedOutcomeIds },
      },
    ],
    notifications: [run.toCandidate(NotificationTemplate.DecisionMade, { result, reason }, { appealDeadline: { deadline: 'appealDeadline' } })],
  });
  run.state.decisionSequence = sequence;
  run.decision = { sequence, result };
  run.credentialActive = awards;
}

/** Decided: the candidate may appeal once and the body may revoke its decision until the window ends; then the case closes. */
async function awaitAppealWindow(run: CaseRun): Promise<void> {
  const decision = run.decision;
  const closing = {
    outcome: decision ? OUTCOME_OF[decision.result] : CaseOutcome.NotAwarded,
    actorId: null,
    assignmentEnd: 'completed',
    notice: NotificationTemplate.CaseClosed,
  } as const;
  if (run.state.appealed) await run.endCase(CaseStatus.Closed, { ...closing, reason: 'decided after appeal; no further appeal', said: { phrase: 'decided_after_appeal' } });
  const wake = await run.wait({ accept: ['appeal', 'revokeDecision'], until: run.state.appealDeadline });
  if (wake.kind === 'timeout') {
    await run.endCase(CaseStatus.Closed, { ...closing, reason: `no appeal within ${run.settings.appealWindowDays} days of the decision`,
      said: { phrase: 'no_appeal_in_window', days: run.settings.appealWindowDays },
    });
  }
  if (wake.kind !== 'step') return;
  const step = wake.step;
  if (step.kind === 'revokeDecision') {
    const { actorId, reason } = step.input;
    const sequence = decision?.sequence ?? run.state.decisionSequence;
    await run.record({
      actorId,
      revokeDecision: { sequence, reason, actorId },
      revokeCredential: run.credentialActive ? { reason: `decision revoked: ${reason}` } : undefined,
      transitions: [{ to: CaseStatus.AwaitingDecision, reason: `decision ${sequence} revoked: ${reason}`, data: { sequence } }],
      notifications: [
        run.toCandidate(NotificationTemplate.DecisionRevoked, { reason }),
        run.toBodyAdmins(NotificationTemplate.DecisionNeeded, {
          recommendation: run.standing ? run.standing.recommendation : 'none',
        }),
      ],
    });
    run.decision = null;
    run.credentialActive = false;
    return;
  }
  await run.record({
    actorId: step.input.actorId,
    transitions: [{ to: CaseStatus.Appealed, reason: `appealed by the candidate: ${step.input.reason}` }],
    notifications: [run.toBodyAdmins(NotificationTemplate.AppealReceived, { reason: step.input.reason })],
  });
  run.state.appealed = true;
}
