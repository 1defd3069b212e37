import { ApplicationFailure, allHandlersFinished, condition, setHandler } from '@temporalio/workflow';
import { AssessmentPurpose, CaseFailure, CaseStatus, isFinal, NotificationTemplate } from '../libs/domain';
import { assess } from './assessment.stage';
import { records } from './case-activities';
import { CaseEnded, CaseRun } from './case-run';
import { decideAndClose } from './decision.stage';
import { awaitSubmission } from './draft.stage';
import {
  acceptAssignmentUpdate,
  answerEvidenceRequestUpdate,
  appealUpdate,
  candidateActivitySignal,
  caseStateQuery,
  conflictDeclaredSignal,
  decideAdmissibilityUpdate,
  decideUpdate,
  recordAssessmentUpdate,
  reopenUpdate,
  requestEvidenceUpdate,
  revokeDecisionUpdate,
  submitUpdate,
  withdrawUpdate,
} from './messages';
import { screen } from './screening.stage';
import type { CaseState, CaseWorkflowInput } from './types';

/**
 * One candidate's validation case, from draft to closure: identification, documentation (screening),
 * assessment (with moderation) and certification (decision, credential, appeal). The candidate, assessors and
 * body admins act through updates the API sends; every status change is written by an activity.
 */
export async function caseWorkflow(input: CaseWorkflowInput): Promise<CaseState> {
  const run = new CaseRun(input.caseId);
  registerHandlers(run);
  try {
    await start(run);
    await awaitSubmission(run);
    await screen(run);
    const standing = await assess(run, AssessmentPurpose.Assessment);
    await decideAndClose(run, standing);
  } catch (err) {
    if (!(err instanceof CaseEnded)) throw err;
  }
  run.finish();
  await condition(allHandlersFinished);
  return run.snapshot();
}

/** Loads the case and its process settings; a case already ended has nothing left to run. */
async function start(run: CaseRun): Promise<void> {
  const context = await records.loadCaseContext(run.caseId);
  if (isFinal(context.status)) {
    run.state.status = context.status;
    throw new CaseEnded();
  }
  if (context.status !== CaseStatus.Draft) {
    throw ApplicationFailure.create({
      type: CaseFailure.NotAllowedInStatus,
      message: `the case is ${context.status}: its workflow starts only from draft`,
      nonRetryable: true,
    });
  }
  run.context = context;
  await run.event('case_created', { actorId: context.candidateId, reason: 'case started by the candidate', data: { standardId: context.standardId } });
  await run.notifyCandidate(NotificationTemplate.CaseStarted);
}

// Handlers are registered before the first await, so no message sent right after the start is lost.
function registerHandlers(run: CaseRun): void {
  setHandler(caseStateQuery, () => run.snapshot());
  setHandler(candidateActivitySignal, () => {
    run.candidateActiveAt = Date.now();
  });
  setHandler(conflictDeclaredSignal, ({ assessorId }) => {
    run.conflicted.add(assessorId);
  });
  setHandler(submitUpdate, (input) => run.submit({ kind: 'submit', input }), { validator: (input) => run.check({ kind: 'submit', input }) });
  setHandler(answerEvidenceRequestUpdate, (input) => run.submit({ kind: 'answerEvidenceRequest', input }), {
    validator: (input) => run.check({ kind: 'answerEvidenceRequest', input }),
  });
  setHandler(withdrawUpdate, (input) => run.submit({ kind: 'withdraw', input }), { validator: (input) => run.check({ kind: 'withdraw', input }) });
  setHandler(decideAdmissibilityUpdate, (input) => run.submit({ kind: 'decideAdmissibility', input }), {
    validator: (input) => run.check({ kind: 'decideAdmissibility', input }),
  });
  setHandler(acceptAssignmentUpdate, (input) => run.submit({ kind: 'acceptAssignment', input }), {
    validator: (input) => run.check({ kind: 'acceptAssignment', input }),
  });
  setHandler(recordAssessmentUpdate, (input) => run.submit({ kind: 'recordAssessment', input }), {
    validator: (input) => run.check({ kind: 'recordAssessment', input }),
  });
  setHandler(requestEvidenceUpdate, (input) => run.submit({ kind: 'requestEvidence', input }), {
    validator: (input) => run.check({ kind: 'requestEvidence', input }),
  });
  setHandler(decideUpdate, (input) => run.submit({ kind: 'decide', input }), { validator: (input) => run.check({ kind: 'decide', input }) });
  setHandler(revokeDecisionUpdate, (input) => run.submit({ kind: 'revokeDecision', input }), {
    validator: (input) => run.check({ kind: 'revokeDecision', input }),
  });
  setHandler(appealUpdate, (input) => run.submit({ kind: 'appeal', input }), { validator: (input) => run.check({ kind: 'appeal', input }) });
  setHandler(reopenUpdate, (input) => run.submit({ kind: 'reopen', input }), { validator: (input) => run.check({ kind: 'reopen', input }) });
}
