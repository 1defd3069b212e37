import { CaseFailure, CaseOutcome, CaseStatus, listWords, NotificationTemplate } from '../libs/domain';
import type { OutcomeName } from './activities';
import { records } from './case-activities';
import { deadlineText } from './case-steps';
import type { CaseRun } from './case-run';
import type { AnswerEvidenceRequestInput } from './types';

/**
 * Documentation: every learning outcome needs evidence (missing evidence goes back to the candidate with a
 * deadline); then, where the body asks for it, the body decides whether the case is admissible.
 */
export async function screen(run: CaseRun): Promise<void> {
  if (run.state.status === CaseStatus.Submitted) {
    await run.record({ transitions: [{ to: CaseStatus.Screening, reason: 'screening: checking every learning outcome has evidence' }] });
  }
  if (run.state.status !== CaseStatus.AwaitingAdmissibility) await untilComplete(run);
  if (run.settings.requireAdmissibility) await awaitAdmissibility(run);
}

/**
 * "learning outcomes LO1 (Plans a session) and LO2 (Runs a session)": as the standard names them; by id only when
 * the activity gave no names (a result recorded before it did).
 */
function outcomesWords(missing: { missingOutcomeIds: string[]; missingOutcomes?: OutcomeName[] }): string {
  const named = outcomeNames(missing);
  return `${named.length === 1 ? 'learning outcome' : 'learning outcomes'} ${listWords(named)}`;
}

function outcomeNames(missing: { missingOutcomeIds: string[]; missingOutcomes?: OutcomeName[] }): string[] {
  return missing.missingOutcomes?.length ? missing.missingOutcomes.map((o) => `${o.code} (${o.description})`) : missing.missingOutcomeIds;
}

export function answerReason(answer: AnswerEvidenceRequestInput): string {
  const note = answer.note?.trim();
  return note ? `evidence request answered: ${note}` : 'evidence request answered';
}

async function untilComplete(run: CaseRun): Promise<void> {
  if (run.state.status === CaseStatus.EvidenceRequested) return awaitScreeningAnswer(run);
  const completeness = await records.checkCompleteness(run.caseId);
  const { missingOutcomeIds } = completeness;
  if (missingOutcomeIds.length === 0) return;
  const reason = `evidence is missing for ${outcomesWords(completeness)}`;
  await run.record({
    transitions: [
      {
        to: CaseStatus.EvidenceRequested,
        reason,
        deadlines: { evidenceDueAt: { days: run.settings.evidenceRequestDays } },
        data: { requestedBy: null, learningOutcomeIds: missingOutcomeIds },
      },
    ],
    notifications: [run.toCandidate(NotificationTemplate.EvidenceRequested, { reason: { phrase: 'evidence_missing', outcomes: outcomeNames(completeness) } }, { dueDate: { deadline: 'evidenceDueAt' } })],
  });
  return awaitScreeningAnswer(run);
}

/**
 * Evidence requested at screening: the candidate has until the deadline to add what is missing and answer.
 * An answer that leaves an outcome without evidence is turned down and the deadline stays as it was; when
 * the deadline passes the case is withdrawn.
 */
async function awaitScreeningAnswer(run: CaseRun): Promise<void> {
  for (;;) {
    const wake = await run.wait({ accept: ['answerEvidenceRequest'], until: run.state.evidenceDueAt });
    if (wake.kind === 'timeout') await expireEvidenceRequest(run);
    if (wake.kind !== 'step') continue;
    const completeness = await records.checkCompleteness(run.caseId);
    if (completeness.missingOutcomeIds.length) {
      const due = deadlineText(run, 'evidenceDueAt') ?? run.state.evidenceDueAt;
      run.reject({
        type: CaseFailure.InvalidInput,
        message: `evidence is still missing for ${outcomesWords(completeness)}: add it, then answer; the deadline stays ${due}`,
      });
      continue;
    }
    await run.record({ actorId: wake.step.input.actorId, transitions: [{ to: CaseStatus.Screening, reason: answerReason(wake.step.input) }] });
    return;
  }
}

/** The candidate did not answer in time: the case is withdrawn. */
export function expireEvidenceRequest(run: CaseRun): Promise<never> {
  return run.endCase(CaseStatus.Withdrawn, {
    outcome: CaseOutcome.Withdrawn,
    reason: 'evidence request expired',
    said: { phrase: 'evidence_request_expired' },
    actorId: null,
    assignmentEnd: 'withdrawn',
    notice: NotificationTemplate.EvidenceRequestExpired,
  });
}

/** Awaiting admissibility: a body admin decides; an inadmissible case closes with the reason given. */
async function awaitAdmissibility(run: CaseRun): Promise<void> {
  if (run.admitted) return;
  if (run.state.status !== CaseStatus.AwaitingAdmissibility) {
    await run.record({
      transitions: [{ to: CaseStatus.AwaitingAdmissibility, reason: 'every learning outcome has evidence; the awarding body decides on admissibility' }],
      notifications: [run.toBodyAdmins(NotificationTemplate.AdmissibilityNeeded)],
    });
  }
  const { actorId, admissible, reason } = (await run.waitForStep(['decideAdmissibility'])).input;
  const decided = { type: 'admissibility_decided', actorId, reason: reason?.trim() || (admissible ? 'admissible' : 'not admissible'), data: { admissible } };
  if (!admissible) {
    await run.endCase(CaseStatus.Closed, {
      outcome: CaseOutcome.Inadmissible,
      reason,
      actorId,
      assignmentEnd: 'withdrawn',
      notice: NotificationTemplate.CaseInadmissible,
      events: [decided],
    });
  }
  await run.record({ actorId, events: [decided] });
  run.admitted = true;
}
