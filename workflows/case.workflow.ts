import {
  ActivityFailure,
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  setHandler,
  setWorkflowOptions,
  workflowInfo,
} from '@temporalio/workflow';
import { CaseFailure, CaseOutcome, CaseStage, CaseStatus, isFinal, NotificationTemplate } from '../libs/domain';
import { assess } from './assessment.stage';
import { records } from './case-activities';
import { CaseEnded, CaseRun, ContinueNow } from './case-run';
import type { Rejection, Step } from './case-steps';
import { decideAndClose } from './decision.stage';
import { awaitSubmission } from './draft.stage';
import { CASE_WORKFLOW_VERSION } from './ids';
import {
  acceptAssignmentUpdate,
  answerEvidenceRequestUpdate,
  answerSessionUpdate,
  appealUpdate,
  assignAssessorUpdate,
  caseStateQuery,
  conflictDeclaredSignal,
  decideAdmissibilityUpdate,
  decideUpdate,
  openedUpdate,
  proposeSessionUpdate,
  recordAssessmentUpdate,
  recordSessionUpdate,
  reopenUpdate,
  requestEvidenceUpdate,
  resolveAttentionUpdate,
  revokeDecisionUpdate,
  submitUpdate,
  withdrawUpdate,
} from './messages';
import { screen } from './screening.stage';
import type { CaseState, CaseWorkflowInput, RunCause, UpdateResult } from './types';

type RunEnd = { next: 'ended' } | { next: 'continue'; cause: RunCause };

/**
 * One candidate's validation case, from draft to closure: identification, documentation (screening),
 * assessment (with moderation) and certification (decision, credential, appeal). Each run starts from the case
 * as PostgreSQL holds it, so a run may end at any stage boundary (continue-as-new) or be restarted after it
 * ended, and the case goes on where it stands. A fault a person must look at parks the case as
 * needs_attention until a body admin retries or closes it.
 */
export async function caseWorkflow(input: CaseWorkflowInput): Promise<CaseState> {
  const run = new CaseRun(input.caseId, input.historyLimit);
  registerHandlers(run);
  const end = await runCase(run, input);
  run.finish();
  await condition(allHandlersFinished);
  if (end.next === 'continue') {
    return continueAsNew<typeof caseWorkflow>({ version: CASE_WORKFLOW_VERSION, caseId: input.caseId, cause: end.cause, historyLimit: input.historyLimit });
  }
  return run.snapshot();
}

// A plain Error thrown by a bug fails the run instead of retrying its workflow task forever; the reconciler
// then restarts the case from its records, and a fault that repeats parks it for a person.
setWorkflowOptions({ failureExceptionTypes: [Error] }, caseWorkflow);

async function runCase(run: CaseRun, input: CaseWorkflowInput): Promise<RunEnd> {
  try {
    if (!input.open) run.opening = { opened: true };
    else if (!(await open(run, input))) return { next: 'ended' };
    run.load(await records.loadCase({ caseId: input.caseId, runId: workflowInfo().runId, cause: input.cause ?? 'opened' }));
    if (isFinal(run.state.status)) return { next: 'ended' };
    if (run.state.status === CaseStatus.NeedsAttention) return await attend(run, null);
    await runStages(run);
    return { next: 'ended' };
  } catch (err) {
    if (err instanceof CaseEnded) return { next: 'ended' };
    if (err instanceof ContinueNow) return { next: 'continue', cause: 'continued' };
    return attend(run, err);
  }
}

/** The stages in order, from wherever the case stands; each boundary hands over to a new run. */
async function runStages(run: CaseRun): Promise<void> {
  const stage = run.state.status === CaseStatus.EvidenceRequested && run.assignment ? CaseStage.Assessment : run.state.stage;
  if (stage === CaseStage.Identification) {
    await awaitSubmission(run);
    run.handOver = true;
  }
  if (stage === CaseStage.Identification || stage === CaseStage.Documentation) {
    await screen(run);
    run.handOver = true;
  }
  if (stage !== CaseStage.Certification) {
    await assess(run);
    run.handOver = true;
  }
  await decideAndClose(run);
}

/** First run: writes the case row itself; false when the candidate already has an open case on the standard. */
async function open(run: CaseRun, input: CaseWorkflowInput): Promise<boolean> {
  const { candidateId, standardId } = input.open!;
  const opened = await records.openCase({ caseId: input.caseId, candidateId, standardId, key: `${workflowInfo().runId}/0`, at: run.now() });
  run.opening = opened;
  return opened.opened;
}

/**
 * Needs attention: the case is parked with the fault's reason and the body's admins are told; it waits for an
 * admin to retry (a new run resumes from the status the case had) or to close it, or for the candidate to withdraw.
 * A person's step whose write failed is refused in plain words, never answered as if it had been taken.
 */
async function attend(run: CaseRun, fault: unknown): Promise<RunEnd> {
  try {
    if (fault) run.reject(STOPPED_ON_FAULT);
    if (run.state.status !== CaseStatus.NeedsAttention) {
      const reason = faultReason(fault);
      // Parked from wherever the records hold the case: they are the system of record, and the retry resumes from them.
      const parked = await run.record({
        anyFrom: true,
        transitions: [{ to: CaseStatus.NeedsAttention, reason, keepDeadlines: true }],
        attention: reason,
        notifications: [run.toBodyAdmins(NotificationTemplate.CaseNeedsAttention, { reason: { phrase: 'process_fault', detail: faultDetail(fault) } })],
      });
      run.resumeStatus = parked.statusBefore;
    }
    for (;;) {
      try {
        return await resolveAttention(run);
      } catch (err) {
        // A step taken while parked could not be written (the records refused it): the case stays parked.
        if (!(err instanceof ActivityFailure)) throw err;
        run.reject(NOT_RECORDED_WHILE_PARKED);
      }
    }
  } catch (err) {
    if (err instanceof CaseEnded) return { next: 'ended' };
    // Parked right after a stage boundary, the wait hands over to a new run, which resumes the parked case from its records.
    if (err instanceof ContinueNow) return { next: 'continue', cause: 'continued' };
    // Parking itself failed (the records cannot be written): fail the run; the reconciler restarts it later.
    throw ApplicationFailure.create({ type: CaseFailure.ProcessFault, message: `the case could not be parked: ${faultReason(err)}`, nonRetryable: true });
  }
}

/** The admin's retry (resume from the status the records held) or close; a withdrawal ends the case from the wait. */
async function resolveAttention(run: CaseRun): Promise<RunEnd> {
  const { actorId, action, reason } = (await run.waitForStep(['resolveAttention'])).input;
  if (action === 'close') {
    await run.endCase(CaseStatus.Closed, { outcome: CaseOutcome.ClosedByBody, reason: reason.trim(), actorId, assignmentEnd: 'withdrawn', notice: NotificationTemplate.CaseClosed });
  }
  const resumeStatus = run.resumeStatus ?? CaseStatus.Draft;
  await run.record({
    actorId,
    transitions: [{ to: resumeStatus, reason: `retried by the awarding body: ${reason.trim()}`, keepDeadlines: true }],
    attention: null,
  });
  return { next: 'continue', cause: 'retried' };
}

const STOPPED_ON_FAULT: Rejection = {
  type: CaseFailure.ProcessFault,
  message: "this step could not be taken: the case's process stopped on a fault. The case is parked and the awarding body's admins have been told.",
};
const NOT_RECORDED_WHILE_PARKED: Rejection = {
  type: CaseFailure.ProcessFault,
  message: "this step could not be recorded: the case's records refused it. The case stays parked for the awarding body's admins.",
};

/** One sentence for the admins: the failure's own message, without the SDK's wrapping. */
function faultReason(err: unknown): string {
  return `the case's process stopped on a fault: ${faultDetail(err)}`.slice(0, 2000);
}

/** The failure's own message (technical, as the code wrote it), for the messages that word the rest. */
function faultDetail(err: unknown): string {
  let cause = err as { message?: string; cause?: unknown } | undefined;
  while (cause && typeof cause === 'object' && cause.cause && typeof cause.cause === 'object') cause = cause.cause as typeof cause;
  return (cause?.message || (cause instanceof Error ? cause.name : String(err))).slice(0, 2000);
}

// Handlers are registered before the first await, so no message sent right after the start is lost.
function registerHandlers(run: CaseRun): void {
  setHandler(caseStateQuery, () => run.snapshot());
  setHandler(conflictDeclaredSignal, ({ assessorId }) => {
    run.conflicted.add(assessorId);
  });
  setHandler(openedUpdate, async (): Promise<UpdateResult> => {
    await condition(() => run.opening !== null);
    const opening = run.opening!;
    if (!opening.opened) throw ApplicationFailure.create({ type: CaseFailure.AlreadyUsed, message: opening.reason, nonRetryable: true });
    return { status: CaseStatus.Draft, stage: CaseStage.Identification };
  });
  const steps = {
    submit: submitUpdate,
    answerEvidenceRequest: answerEvidenceRequestUpdate,
    withdraw: withdrawUpdate,
    decideAdmissibility: decideAdmissibilityUpdate,
    acceptAssignment: acceptAssignmentUpdate,
    recordAssessment: recordAssessmentUpdate,
    requestEvidence: requestEvidenceUpdate,
    decide: decideUpdate,
    revokeDecision: revokeDecisionUpdate,
    appeal: appealUpdate,
    reopen: reopenUpdate,
    assignAssessor: assignAssessorUpdate,
    resolveAttention: resolveAttentionUpdate,
    proposeSession: proposeSessionUpdate,
    answerSession: answerSessionUpdate,
    recordSession: recordSessionUpdate,
  } as const;
  for (const [kind, update] of Object.entries(steps)) {
    const asStep = (input: unknown) => ({ kind, input }) as Step;
    setHandler(update as typeof submitUpdate, (input) => run.submit(asStep(input)), { validator: (input) => run.check(asStep(input)) });
  }
}
