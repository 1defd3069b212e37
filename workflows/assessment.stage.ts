import { AssessmentPurpose, CaseStatus, isBorderline, NotificationTemplate, sampledForModeration } from '../libs/domain';
import type { Recommendation } from '../libs/domain';
import type { AssignmentEnd, SavedAssessment } from './activities';
import { records } from './case-activities';
import type { CaseRun } from './case-run';
import { days, iso } from './case-run';
import { answerReason, awaitCandidateEvidence } from './screening.stage';
import type { RecordAssessmentInput } from './types';

/** The assessment the awarding body decides on: the assessor's, or the moderator's when the case was moderated. */
export interface StandingAssessment extends SavedAssessment {
  assessorId: string;
  purpose: AssessmentPurpose;
  recommendation: Recommendation;
}

interface Sla {
  dueAt: number;
  remindAt: number;
  reminded: boolean;
}

type HoldingStep = 'acceptAssignment' | 'recordAssessment' | 'requestEvidence';

/**
 * Assessment: an assessor of the body (a new one for an appeal) holds the case under the SLA until they
 * record an assessment; a borderline or sampled first assessment is moderated by a second assessor, whose
 * assessment then stands. Ends awaiting the body's decision.
 */
export async function assess(run: CaseRun, purpose: AssessmentPurpose.Assessment | AssessmentPurpose.Appeal): Promise<StandingAssessment> {
  let standing = await holdUntilAssessed(run, purpose, null);
  if (purpose === AssessmentPurpose.Assessment) {
    const { borderlineLow, borderlineHigh, moderationSampleRate } = run.settings;
    const borderline = isBorderline(standing.recommendation, standing.shareMet, { borderlineLow, borderlineHigh });
    if (borderline || sampledForModeration(run.caseId, moderationSampleRate)) {
      standing = await holdUntilAssessed(run, AssessmentPurpose.Moderation, standing.assessorId, borderline ? 'borderline' : 'sampled');
    }
  }
  await run.transition(CaseStatus.AwaitingDecision, {
    actorId: null,
    reason: `${standing.purpose} recorded (${standing.recommendation}); the awarding body decides`,
    data: { assessmentId: standing.assessmentId, purpose: standing.purpose, recommendation: standing.recommendation },
  });
  await run.notifyBodyAdmins(NotificationTemplate.DecisionNeeded, { recommendation: standing.recommendation });
  return standing;
}

/** One assessor holds the case until they record an assessment; missing the SLA or a conflict passes it on. */
async function holdUntilAssessed(
  run: CaseRun,
  purpose: AssessmentPurpose,
  moderatedAssessorId: string | null,
  moderationCause?: 'borderline' | 'sampled',
): Promise<StandingAssessment> {
  const exclusions = (previous: string | null): string[] => {
    const ids = new Set<string>(purpose === AssessmentPurpose.Appeal ? run.state.pastAssessorIds : []);
    if (moderatedAssessorId) ids.add(moderatedAssessorId);
    if (previous) ids.add(previous);
    return [...ids];
  };
  const firstReason =
    purpose === AssessmentPurpose.Moderation
      ? `moderation by a second assessor: the assessment is ${moderationCause}`
      : purpose === AssessmentPurpose.Appeal
        ? 'appeal: a new assessor reassesses the case'
        : 'assigned to the least-loaded assessor of the body';
  let { assessorId: holder, sla } = await assignAssessor(run, purpose, exclusions(null), firstReason);
  const accepted: readonly HoldingStep[] =
    purpose === AssessmentPurpose.Moderation ? ['recordAssessment'] : ['acceptAssignment', 'recordAssessment', 'requestEvidence'];

  const passOn = async (end: AssignmentEnd, why: string): Promise<void> => {
    await run.endActiveAssignment(end);
    await run.notify(NotificationTemplate.AssessorReassigned, { userId: holder }, { reason: why });
    ({ assessorId: holder, sla } = await assignAssessor(run, purpose, exclusions(holder), `reassigned: ${why}`));
  };

  for (;;) {
    const wake = await run.wait({ accept: accepted, until: sla.reminded ? sla.dueAt : sla.remindAt, holder });
    if (wake.kind === 'candidateActivity') continue;
    if (wake.kind === 'timeout') {
      if (sla.reminded) {
        await passOn('reassigned', `no assessment within ${run.settings.assessorSlaDays} days`);
        continue;
      }
      sla.reminded = true;
      await run.event('assessor_reminder', { actorId: null, reason: `assessment due on ${iso(sla.dueAt)}`, data: { assessorId: holder, purpose } });
      await run.notify(NotificationTemplate.AssessorReminder, { userId: holder }, { dueDate: iso(sla.dueAt).slice(0, 10), purpose });
      continue;
    }
    if (wake.kind === 'conflict') {
      await passOn('conflict', 'the assessor declared a conflict of interest with the candidate');
      continue;
    }
    const step = wake.step;
    switch (step.kind) {
      case 'acceptAssignment':
        await run.transition(CaseStatus.UnderAssessment, {
          actorId: holder,
          reason: 'assignment accepted by the assessor',
          deadlines: { assessmentDueAt: iso(sla.dueAt) },
        });
        continue;
      case 'requestEvidence': {
        const answer = await awaitCandidateEvidence(run, {
          requestedBy: holder,
          reason: step.input.message,
          learningOutcomeIds: step.input.learningOutcomeIds,
        });
        sla = startSla(run);
        await run.transition(CaseStatus.UnderAssessment, {
          actorId: answer.actorId,
          reason: answerReason(answer),
          deadlines: { assessmentDueAt: iso(sla.dueAt) },
        });
        await run.notify(NotificationTemplate.EvidenceProvided, { userId: holder }, {
          dueDate: iso(sla.dueAt).slice(0, 10),
          candidateNote: answer.note?.trim() || null,
        });
        continue;
      }
      case 'recordAssessment':
        return completeAssessment(run, purpose, step.input, sla);
    }
  }
}

async function completeAssessment(run: CaseRun, purpose: AssessmentPurpose, input: RecordAssessmentInput, sla: Sla): Promise<StandingAssessment> {
  const assignment = run.assignment;
  if (!assignment) throw new Error('an assessment was taken with no active assignment');
  if (run.state.status === CaseStatus.AssessorAssigned) {
    await run.transition(CaseStatus.UnderAssessment, {
      actorId: input.assessorId,
      reason: 'assignment accepted by recording an assessment',
      deadlines: { assessmentDueAt: iso(sla.dueAt) },
    });
  }
  const saved = await records.saveAssessment({
    caseId: run.caseId,
    assessorId: input.assessorId,
    purpose,
    round: assignment.round,
    assessment: input.assessment,
    at: run.now(),
  });
  await run.endActiveAssignment('completed');
  await run.event('assessment_recorded', {
    actorId: input.assessorId,
    reason: `${purpose} recorded: ${input.assessment.recommendation}`,
    data: { ...saved, purpose, round: assignment.round, recommendation: input.assessment.recommendation },
  });
  return { ...saved, assessorId: input.assessorId, purpose, recommendation: input.assessment.recommendation };
}

function startSla(run: CaseRun): Sla {
  const now = Date.now();
  return { dueAt: now + days(run.settings.assessorSlaDays), remindAt: now + days(run.settings.assessorReminderDays), reminded: false };
}

/**
 * Puts the least-loaded free assessor of the body on the case (never one with a conflict of interest, nor
 * one excluded); when none is free, tells the body's admins and tries again after assessorRetryDays.
 */
async function assignAssessor(
  run: CaseRun,
  purpose: AssessmentPurpose,
  exclude: string[],
  reason: string,
): Promise<{ assessorId: string; sla: Sla }> {
  for (;;) {
    const excludeAssessorIds = [...new Set([...exclude, ...run.conflicted])];
    const assessorId = await records.pickAssessor({ caseId: run.caseId, excludeAssessorIds });
    if (assessorId) {
      const round = run.rounds[purpose] + 1;
      await records.assignAssessor({ caseId: run.caseId, assessorId, purpose, round, at: run.now() });
      run.rounds[purpose] = round;
      run.assignment = { purpose, round, assessorId };
      if (purpose === AssessmentPurpose.Moderation) run.state.moderatorId = assessorId;
      else run.state.assessorId = assessorId;
      if (!run.state.pastAssessorIds.includes(assessorId)) run.state.pastAssessorIds.push(assessorId);
      const sla = startSla(run);
      const dueAt = sla.dueAt;
      const moderation = purpose === AssessmentPurpose.Moderation;
      await run.transition(moderation ? CaseStatus.Moderation : CaseStatus.AssessorAssigned, {
        actorId: null,
        reason,
        deadlines: { assessmentDueAt: iso(dueAt) },
        data: { assessorId, purpose, round },
      });
      if (moderation) {
        await run.notify(NotificationTemplate.ModerationAssigned, { userId: assessorId }, { dueDate: iso(dueAt).slice(0, 10) });
      } else {
        await run.notify(NotificationTemplate.AssessorAssigned, { userId: assessorId }, {
          purpose,
          dueDate: iso(dueAt).slice(0, 10),
          note: purpose === AssessmentPurpose.Appeal ? 'The candidate appealed the decision: you reassess the case afresh.' : 'A new case is assigned to you.',
        });
      }
      return { assessorId, sla };
    }
    const retryAt = Date.now() + days(run.settings.assessorRetryDays);
    await run.event('no_assessor_available', {
      actorId: null,
      reason: `no assessor of the body is free for ${purpose}; trying again on ${iso(retryAt)}`,
      data: { purpose, excludeAssessorIds },
    });
    await run.notifyBodyAdmins(NotificationTemplate.NoAssessorAvailable, { purpose, retryDate: iso(retryAt).slice(0, 10) });
    await run.wait({ accept: [], until: retryAt });
  }
}
