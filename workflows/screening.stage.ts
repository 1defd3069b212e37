import { CaseOutcome, CaseStatus, NotificationTemplate } from '../libs/domain';
import type { AnswerEvidenceRequestInput } from './types';
import { records } from './case-activities';
import type { CaseRun } from './case-run';
import { days, iso } from './case-run';

/**
 * Documentation: every learning outcome needs evidence (missing evidence goes back to the candidate with a
 * deadline); then, where the body asks for it, the body decides whether the case is admissible.
 */
export async function screen(run: CaseRun): Promise<void> {
  for (;;) {
    const { missingOutcomeIds } = await records.checkCompleteness(run.caseId);
    if (missingOutcomeIds.length === 0) break;
    const answer = await awaitCandidateEvidence(run, {
      requestedBy: null,
      reason: `evidence is missing for learning outcomes ${missingOutcomeIds.join(', ')}`,
      learningOutcomeIds: missingOutcomeIds,
    });
    await run.transition(CaseStatus.Screening, { actorId: answer.actorId, reason: answerReason(answer) });
  }
  if (run.settings.requireAdmissibility) await awaitAdmissibility(run);
}

export function answerReason(answer: AnswerEvidenceRequestInput): string {
  const note = answer.note?.trim();
  return note ? `evidence request answered: ${note}` : 'evidence request answered';
}

/**
 * Evidence requested: the candidate has evidenceRequestDays to answer; when the deadline passes the case is
 * withdrawn. Returns the answer; the caller records where the case goes next.
 */
export async function awaitCandidateEvidence(
  run: CaseRun,
  request: { requestedBy: string | null; reason: string; learningOutcomeIds: string[] },
): Promise<AnswerEvidenceRequestInput> {
  const dueAt = Date.now() + days(run.settings.evidenceRequestDays);
  await run.transition(CaseStatus.EvidenceRequested, {
    actorId: request.requestedBy,
    reason: request.reason,
    deadlines: { evidenceDueAt: iso(dueAt) },
    data: { learningOutcomeIds: request.learningOutcomeIds },
  });
  await run.notifyCandidate(NotificationTemplate.EvidenceRequested, { reason: request.reason, dueDate: iso(dueAt).slice(0, 10) });
  const wake = await run.wait({ accept: ['answerEvidenceRequest'], until: dueAt });
  if (wake.kind !== 'step') {
    return run.endCase(CaseStatus.Withdrawn, {
      outcome: CaseOutcome.Withdrawn,
      reason: 'evidence request expired',
      actorId: null,
      assignmentEnd: 'withdrawn',
      notice: NotificationTemplate.EvidenceRequestExpired,
    });
  }
  return wake.step.input;
}

/** Awaiting admissibility: a body admin decides; an inadmissible case closes with the reason given. */
async function awaitAdmissibility(run: CaseRun): Promise<void> {
  await run.transition(CaseStatus.AwaitingAdmissibility, {
    actorId: null,
    reason: 'every learning outcome has evidence; the awarding body decides on admissibility',
  });
  await run.notifyBodyAdmins(NotificationTemplate.AdmissibilityNeeded);
  const { actorId, admissible, reason } = (await run.waitForStep(['decideAdmissibility'])).input;
  run.admissibilityDecided = true;
  await run.event('admissibility_decided', {
    actorId,
    reason: reason?.trim() || (admissible ? 'admissible' : 'not admissible'),
    data: { admissible },
  });
  if (!admissible) {
    await run.endCase(CaseStatus.Closed, {
      outcome: CaseOutcome.Inadmissible,
      reason,
      actorId,
      assignmentEnd: 'withdrawn',
      notice: NotificationTemplate.CaseInadmissible,
    });
  }
}
