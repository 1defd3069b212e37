import { ActivityFailure, ApplicationFailure } from '@temporalio/workflow';
import {
  AssessmentPurpose,
  CaseFailure,
  CaseStatus,
  DAY_MS,
  isBorderline,
  NotificationTemplate,
  purposeWords,
  recommendationWords,
  sampledForModeration,
  shareMet,
} from '../libs/domain';
import type { MessagePhrase } from '../libs/domain';
import type { AssignmentEnd, TransitionSpec } from './activities';
import { records } from './case-activities';
import type { CaseRun, StepSpec } from './case-run';
import { deadlineText } from './case-steps';
import { answerReason, expireEvidenceRequest } from './screening.stage';
import { answerSession, cancelPendingSession, proposeSession, recordSession, remindOfSession, sessionAlarm } from './session.stage';
import type { RecordAssessmentInput } from './types';

type HoldingStep = 'acceptAssignment' | 'recordAssessment' | 'requestEvidence' | 'proposeSession' | 'answerSession' | 'recordSession';

/**
 * Assessment: an assessor of the body (a new one for an appeal) holds the case under the SLA until they
 * record an assessment; a borderline or sampled first assessment is moderated by a second assessor, whose
 * assessment then stands. Ends awaiting the body's decision. Resumes wherever the case stands.
 */
export async function assess(run: CaseRun): Promise<void> {
  const purpose = purposeNow(run);
  if (purpose !== AssessmentPurpose.Moderation) await holdUntilAssessed(run, purpose);
  if (purposeNow(run) === AssessmentPurpose.Moderation && run.state.status !== CaseStatus.AwaitingDecision) {
    await holdUntilAssessed(run, AssessmentPurpose.Moderation);
  }
}

/** Which round of assessment the case is in: from the active assignment, or what it waits an assessor for. */
function purposeNow(run: CaseRun): AssessmentPurpose {
  if (run.assignment) return run.assignment.purpose;
  const waitingFor = run.statusData.purpose as AssessmentPurpose | undefined;
  if (run.state.status === CaseStatus.AwaitingAssessor && waitingFor) return waitingFor;
  return run.state.appealed ? AssessmentPurpose.Appeal : AssessmentPurpose.Assessment;
}

/**
 * Assessors who may not take this round: a moderator is never the assessor moderated, an appeal goes to
 * someone who never held the case. (Assessors passed over for a missed SLA are left out only by the automatic pick.)
 */
function ruledOut(run: CaseRun, purpose: AssessmentPurpose): string[] {
  if (purpose === AssessmentPurpose.Appeal) return [...run.state.pastAssessorIds];
  if (purpose === AssessmentPurpose.Moderation && run.standing) return [run.standing.assessorId];
  return [];
}

/** One assessor holds the case until they record an assessment; missing the SLA or a conflict passes it on. */
async function holdUntilAssessed(run: CaseRun, purpose: AssessmentPurpose): Promise<void> {
  if (!run.assignment) await assignAssessor(run, purpose, [], firstReason(purpose));
  const accepted: readonly HoldingStep[] =
    purpose === AssessmentPurpose.Moderation
      ? ['recordAssessment']
      : ['acceptAssignment', 'recordAssessment', 'requestEvidence', 'proposeSession', 'answerSession', 'recordSession'];
  for (;;) {
    const holder = run.assignment!.assessorId;
    if (run.state.status === CaseStatus.EvidenceRequested) {
      await awaitAssessorEvidence(run, holder);
      continue;
    }
    const dueAt = run.state.assessmentDueAt;
    const remindAt = dueAt ? new Date(Date.parse(dueAt) - (run.settings.assessorSlaDays - run.settings.assessorReminderDays) * DAY_MS).toISOString() : null;
    const slaAlarm = run.assessorReminded ? dueAt : remindAt;
    const sessionAt = sessionAlarm(run);
    const until = sessionAt && (!slaAlarm || Date.parse(sessionAt) < Date.parse(slaAlarm)) ? sessionAt : slaAlarm;
    const wake = await run.wait({ accept: accepted, until, holder });
    if (wake.kind === 'timeout') {
      if (sessionAt && Date.now() >= Date.parse(sessionAt)) {
        await remindOfSession(run);
        continue;
      }
      if (run.assessorReminded) {
        await passOn(run, purpose, 'reassigned', `no assessment within ${run.settings.assessorSlaDays} days`, { phrase: 'assessment_overdue', days: run.settings.assessorSlaDays });
        continue;
      }
      await run.record({
        events: [{ type: 'assessor_reminder', reason: `assessment due on ${deadlineText(run, 'assessmentDueAt') ?? dueAt}`, data: { assessorId: holder, purpose, dueAt } }],
        notifications: [run.message(NotificationTemplate.AssessorReminder, { userId: holder }, { purpose }, { dueDate: { deadline: 'assessmentDueAt' } })],
      });
      run.assessorReminded = true;
      continue;
    }
    if (wake.kind === 'conflict') {
      await passOn(run, purpose, 'conflict', 'the assessor declared a conflict of interest with the candidate', { phrase: 'conflict_declared' });
      continue;
    }
    const step = wake.step;
    switch (step.kind) {
      case 'acceptAssignment':
        await run.record({
          actorId: holder,
          transitions: [{ to: CaseStatus.UnderAssessment, reason: 'assignment accepted by the assessor', deadlines: keepSla(run) }],
        });
        continue;
      case 'requestEvidence':
        await run.record({
          actorId: holder,
          transitions: [
            {
              to: CaseStatus.EvidenceRequested,
              reason: step.input.message,
              deadlines: { evidenceDueAt: { days: run.settings.evidenceRequestDays } },
              data: { requestedBy: holder, purpose, learningOutcomeIds: step.input.learningOutcomeIds },
            },
          ],
          notifications: [run.toCandidate(NotificationTemplate.EvidenceRequested, { reason: step.input.message }, { dueDate: { deadline: 'evidenceDueAt' } })],
        });
        continue;
      case 'recordAssessment':
        if (await completeAssessment(run, purpose, step.input)) return;
        await passOn(run, purpose, 'conflict', 'the assessor declared a conflict of interest with the candidate', { phrase: 'conflict_declared' });
        continue;
      case 'proposeSession':
        await proposeSession(run, step.input);
        continue;
      case 'answerSession':
        await answerSession(run, step.input);
        continue;
      case 'recordSession':
        await recordSession(run, step.input);
        continue;
    }
  }
}

function firstReason(purpose: AssessmentPurpose): string {
  if (purpose === AssessmentPurpose.Moderation) return 'moderation by a second assessor';
  if (purpose === AssessmentPurpose.Appeal) return 'appeal: a new assessor reassesses the case';
  return 'assigned to the least-loaded assessor of the body';
}

function keepSla(run: CaseRun): TransitionSpec['deadlines'] {
  return run.state.assessmentDueAt ? { assessmentDueAt: { at: run.state.assessmentDueAt } } : {};
}

/**
 * The assessor asked the candidate for more: the candidate answers before the deadline (the SLA starts again
 * for the assessor) or the case is withdrawn.
 */
async function awaitAssessorEvidence(run: CaseRun, holder: string): Promise<void> {
  for (;;) {
    const wake = await run.wait({ accept: ['answerEvidenceRequest'], until: run.state.evidenceDueAt, holder });
    if (wake.kind === 'timeout') await expireEvidenceRequest(run);
    if (wake.kind === 'conflict') {
      await passOn(run, purposeNow(run), 'conflict', 'the assessor declared a conflict of interest with the candidate', { phrase: 'conflict_declared' });
      return;
    }
    if (wake.kind !== 'step') continue;
    const answer = wake.step.input;
    await run.record({
      actorId: answer.actorId,
      transitions: [{ to: CaseStatus.UnderAssessment, reason: answerReason(answer), deadlines: { assessmentDueAt: { days: run.settings.assessorSlaDays } } }],
      notifications: [
        run.message(NotificationTemplate.EvidenceProvided, { userId: holder }, { candidateNote: answer.note?.trim() || null }, { dueDate: { deadline: 'assessmentDueAt' } }),
      ],
    });
    run.assessorReminded = false;
    return;
  }
}

/**
 * Records the holder's assessment, in the same step as where the case goes next: moderation (borderline or
 * sampled first assessments) or the body's decision. False when the assessor has a conflict of interest with
 * the candidate recorded meanwhile: the assessment is turned down and never stands.
 */
async function completeAssessment(run: CaseRun, purpose: AssessmentPurpose, input: RecordAssessmentInput): Promise<boolean> {
  const assignment = run.assignment!;
  const { recommendation, judgements } = input.assessment;
  // Recording an assessment without accepting first accepts the assignment.
  const accepted: TransitionSpec[] =
    run.state.status === CaseStatus.AssessorAssigned
      ? [{ to: CaseStatus.UnderAssessment, reason: 'assignment accepted by recording an assessment', deadlines: keepSla(run) }]
      : [];
  const share = shareMet(judgements);
  const { borderlineLow, borderlineHigh, moderationSampleRate } = run.settings;
  const borderline = isBorderline(recommendation, share, { borderlineLow, borderlineHigh });
  const moderate = purpose === AssessmentPurpose.Assessment && (borderline || sampledForModeration(run.caseId, moderationSampleRate));
  let next: StepSpec;
  if (moderate) {
    const cause = borderline ? 'borderline' : 'sampled';
    const moderator = await records.pickAssessor({ caseId: run.caseId, excludeAssessorIds: [input.assessorId, ...run.conflicted] });
    next = moderator
      ? assignmentStep(run, AssessmentPurpose.Moderation, moderator, `moderation by a second assessor: the assessment is ${cause}`, { cause })
      : noAssessorStep(run, AssessmentPurpose.Moderation, [input.assessorId], { cause });
  } else {
    next = {
      transitions: [
        {
          to: CaseStatus.AwaitingDecision,
          reason: `${purposeWords(purpose)} recorded (recommendation: ${recommendationWords(recommendation)}); the awarding body decides`,
          data: { purpose, recommendation },
        },
      ],
      notifications: [run.toBodyAdmins(NotificationTemplate.DecisionNeeded, { recommendation })],
    };
  }
  const spec: StepSpec = {
    ...next,
    actorId: input.assessorId,
    assessment: { assessorId: input.assessorId, purpose, round: assignment.round, assessment: input.assessment },
    endAssignment: { purpose, round: assignment.round, end: 'completed' },
    events: [
      { type: 'assessment_recorded', reason: `${purposeWords(purpose)} recorded, recommending: ${recommendationWords(recommendation)}`, data: { purpose, round: assignment.round, recommendation } },
    ],
    transitions: [...accepted, ...(next.transitions ?? [])],
  };
  try {
    const saved = await run.record(spec);
    if (saved.assessment) {
      run.standing = { ...saved.assessment, assessorId: input.assessorId, purpose, round: assignment.round, recommendation };
    }
    return true;
  } catch (err) {
    if (!isFailure(err, CaseFailure.ConflictOfInterest)) throw err;
    run.reject({ type: CaseFailure.NotTheActor, message: 'you declared a conflict of interest with this candidate: your assessment cannot stand' });
    run.conflicted.add(input.assessorId);
    return false;
  }
}

export function isFailure(err: unknown, type: CaseFailure): boolean {
  const cause = err instanceof ActivityFailure ? err.cause : err;
  return cause instanceof ApplicationFailure && cause.type === type;
}

/** The step that puts an assessor on the case for a round. */
function assignmentStep(run: CaseRun, purpose: AssessmentPurpose, assessorId: string, reason: string, data: Record<string, unknown> = {}): StepSpec {
  const round = run.rounds[purpose] + 1;
  const moderation = purpose === AssessmentPurpose.Moderation;
  const note: MessagePhrase = { phrase: purpose === AssessmentPurpose.Appeal ? 'appeal_reassessment' : 'new_case_assigned' };
  return {
    startAssignment: { purpose, round, assessorId },
    transitions: [
      {
        to: moderation ? CaseStatus.Moderation : CaseStatus.AssessorAssigned,
        reason,
        deadlines: { assessmentDueAt: { days: run.settings.assessorSlaDays } },
        data: { ...data, assessorId, purpose, round },
      },
    ],
    notifications: [
      moderation
        ? run.message(NotificationTemplate.ModerationAssigned, { userId: assessorId }, {}, { dueDate: { deadline: 'assessmentDueAt' } })
        : run.message(NotificationTemplate.AssessorAssigned, { userId: assessorId }, { purpose, note }, { dueDate: { deadline: 'assessmentDueAt' } }),
    ],
  };
}

/** The step that tells the body's admins, once, that no eligible assessor is free for a round. */
function noAssessorStep(run: CaseRun, purpose: AssessmentPurpose, excluded: string[], data: Record<string, unknown> = {}): StepSpec {
  return {
    transitions: [
      {
        to: CaseStatus.AwaitingAssessor,
        reason: `no eligible assessor of the body is free for the ${purposeWords(purpose)}; an admin can assign one by hand`,
        data: { ...data, purpose, excludeAssessorIds: excluded },
      },
    ],
    notifications: [run.toBodyAdmins(NotificationTemplate.NoAssessorAvailable, { purpose })],
  };
}

/** The holder's assignment ends (missed SLA, conflict) and the case goes to the next eligible assessor. */
async function passOn(run: CaseRun, purpose: AssessmentPurpose, end: AssignmentEnd, why: string, said: MessagePhrase): Promise<void> {
  const ending = run.assignment!;
  const passedOver = [ending.assessorId, ...ruledOut(run, purpose)];
  const next = await records.pickAssessor({ caseId: run.caseId, excludeAssessorIds: [...new Set([...passedOver, ...run.conflicted])] });
  const then = next ? assignmentStep(run, purpose, next, `reassigned: ${why}`) : noAssessorStep(run, purpose, passedOver);
  const cancel = cancelPendingSession(run, { phrase: 'case_passed_on' });
  await run.record({
    ...then,
    session: cancel.session,
    endAssignment: { purpose, round: ending.round, end },
    notifications: [
      run.message(NotificationTemplate.AssessorReassigned, { userId: ending.assessorId }, { reason: said }),
      ...(then.notifications ?? []),
      ...(cancel.notifications ?? []),
    ],
  });
  if (!next) await awaitAssessor(run, purpose);
}

/**
 * Puts the least-loaded eligible assessor on the case. When none is free, the body's admins are told once;
 * the case then waits for an admin to assign one by hand, trying again quietly every assessorRetryDays.
 */
async function assignAssessor(run: CaseRun, purpose: AssessmentPurpose, exclude: string[], reason: string): Promise<void> {
  if (run.state.status !== CaseStatus.AwaitingAssessor) {
    const excluded = [...new Set([...exclude, ...ruledOut(run, purpose)])];
    const picked = await records.pickAssessor({ caseId: run.caseId, excludeAssessorIds: [...new Set([...excluded, ...run.conflicted])] });
    await run.record(picked ? assignmentStep(run, purpose, picked, reason) : noAssessorStep(run, purpose, excluded));
    if (picked) return;
  }
  await awaitAssessor(run, purpose);
}

async function awaitAssessor(run: CaseRun, purpose: AssessmentPurpose): Promise<void> {
  for (;;) {
    const retryAt = new Date(Date.now() + run.settings.assessorRetryDays * DAY_MS).toISOString();
    const wake = await run.wait({ accept: ['assignAssessor'], until: retryAt });
    if (wake.kind === 'timeout') {
      const excluded = (run.statusData.excludeAssessorIds as string[] | undefined) ?? ruledOut(run, purpose);
      const picked = await records.pickAssessor({ caseId: run.caseId, excludeAssessorIds: [...new Set([...excluded, ...run.conflicted])] });
      if (!picked) continue;
      await run.record(assignmentStep(run, purpose, picked, 'an eligible assessor became free'));
      return;
    }
    if (wake.kind !== 'step') continue;
    const { actorId, assessorId, reason } = wake.step.input;
    if (ruledOut(run, purpose).includes(assessorId)) {
      run.reject({
        type: CaseFailure.InvalidInput,
        message: purpose === AssessmentPurpose.Appeal ? 'an appeal goes to an assessor who never held the case' : 'a moderator cannot moderate their own assessment',
      });
      continue;
    }
    const eligibility = await records.assessorEligible({ caseId: run.caseId, assessorId });
    if (!eligibility.eligible) {
      run.reject({ type: eligibility.conflict ? CaseFailure.ConflictOfInterest : CaseFailure.InvalidInput, message: eligibility.reason });
      continue;
    }
    await run.record({ ...assignmentStep(run, purpose, assessorId, `assigned by hand: ${reason.trim()}`), actorId });
    return;
  }
}

/**
 * The assessor whose assessment the body is about to decide on declared a conflict of interest with the
 * candidate: that assessment cannot stand. It is set aside and the same round of assessment starts again with
 * another eligible assessor (or waits for one).
 */
export async function setAsideStanding(run: CaseRun): Promise<void> {
  const standing = run.standing!;
  const purpose = standing.purpose;
  const why = 'the assessor declared a conflict of interest with the candidate';
  const excluded = [...new Set([standing.assessorId, ...ruledOut(run, purpose)])];
  const next = await records.pickAssessor({ caseId: run.caseId, excludeAssessorIds: [...new Set([...excluded, ...run.conflicted])] });
  const then = next ? assignmentStep(run, purpose, next, `assessed again: ${why}`) : noAssessorStep(run, purpose, excluded);
  await run.record({
    ...then,
    events: [{ type: 'assessment_set_aside', reason: why, actorId: null, data: { assessmentId: standing.assessmentId, assessorId: standing.assessorId, purpose } }],
  });
}
