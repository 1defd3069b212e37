import {
  canWithdraw,
  caseIs,
  CaseFailure,
  CaseStatus,
  decisionProblems,
  assessmentProblems,
  onlyWhile,
} from '../libs/domain';
import type { CaseContext, DeadlineName, DeadlineWords } from './activities';
import type {
  AcceptAssignmentInput,
  AdmissibilityInput,
  AnswerEvidenceRequestInput,
  AppealInput,
  AssignAssessorInput,
  CaseState,
  DecideInput,
  RecordAssessmentInput,
  ReopenInput,
  RequestEvidenceInput,
  ResolveAttentionInput,
  RevokeDecisionInput,
  SubmitInput,
  WithdrawInput,
} from './types';

/** A human step sent by the API as an update, named after the update. */
export type Step =
  | { kind: 'submit'; input: SubmitInput }
  | { kind: 'answerEvidenceRequest'; input: AnswerEvidenceRequestInput }
  | { kind: 'withdraw'; input: WithdrawInput }
  | { kind: 'decideAdmissibility'; input: AdmissibilityInput }
  | { kind: 'acceptAssignment'; input: AcceptAssignmentInput }
  | { kind: 'recordAssessment'; input: RecordAssessmentInput }
  | { kind: 'requestEvidence'; input: RequestEvidenceInput }
  | { kind: 'decide'; input: DecideInput }
  | { kind: 'revokeDecision'; input: RevokeDecisionInput }
  | { kind: 'appeal'; input: AppealInput }
  | { kind: 'reopen'; input: ReopenInput }
  | { kind: 'assignAssessor'; input: AssignAssessorInput }
  | { kind: 'resolveAttention'; input: ResolveAttentionInput };

export type StepKind = Step['kind'];
export type StepOf<K extends StepKind> = Extract<Step, { kind: K }>;

export interface Rejection {
  type: CaseFailure;
  message: string;
}

/** What the step checks need to know about the case besides its live state. */
export interface StepView {
  state: CaseState;
  context: CaseContext | null;
  /** The deadlines of `state` as people read them (in the body's zone), when the activities gave them. */
  deadlineWords: Partial<DeadlineWords>;
}

/** Each step as a noun phrase: "the case is lapsed: submitting is allowed only while it is a draft". */
export const STEP_NAMES: Record<StepKind, string> = {
  submit: 'submitting',
  answerEvidenceRequest: 'answering an evidence request',
  withdraw: 'withdrawal',
  decideAdmissibility: 'an admissibility decision',
  acceptAssignment: 'accepting the assignment',
  recordAssessment: 'recording an assessment',
  requestEvidence: 'requesting evidence',
  decide: 'a decision',
  revokeDecision: 'revoking the decision',
  appeal: 'an appeal',
  reopen: 'reopening',
  assignAssessor: 'assigning an assessor by hand',
  resolveAttention: 'resolving a case that needs attention',
};

function wrongStatus(kind: StepKind, status: CaseStatus, allowed: readonly CaseStatus[]): Rejection {
  return {
    type: CaseFailure.NotAllowedInStatus,
    message: `${caseIs(status)}: ${STEP_NAMES[kind]} is allowed ${onlyWhile(allowed)}`,
  };
}

function notTheActor(message: string): Rejection {
  return { type: CaseFailure.NotTheActor, message };
}

function invalid(message: string): Rejection {
  return { type: CaseFailure.InvalidInput, message };
}

function requireStatus(kind: StepKind, status: CaseStatus, allowed: readonly CaseStatus[]): Rejection | null {
  return allowed.includes(status) ? null : wrongStatus(kind, status, allowed);
}

/**
 * The deadline has passed by the workflow's clock (the time of the task that runs the check). Stated as people
 * read it (date, time and the body's zone); the instant itself only when no wording was given (a step recorded
 * before deadlines were worded).
 */
function pastDeadline(view: StepView, name: DeadlineName, now: number, what: string): Rejection | null {
  const deadline = view.state[name];
  if (!deadline || now <= Date.parse(deadline)) return null;
  return { type: CaseFailure.DeadlinePassed, message: `${what} ended on ${deadlineText(view, name) ?? deadline}` };
}

/** A deadline of the case as people read it, or null when the activities gave no wording for it. */
export function deadlineText(view: Pick<StepView, 'deadlineWords'>, name: DeadlineName): string | null {
  return view.deadlineWords[name] ?? null;
}

const HOLDING_STATUSES = [CaseStatus.AssessorAssigned, CaseStatus.UnderAssessment] as const;
const DECIDED_STATUSES = [CaseStatus.Awarded, CaseStatus.NotAwarded] as const;

/**
 * Whether a step may be taken now (`now`: epoch ms of the workflow's clock) and by this actor. Used by the
 * update validators (so the API gets a clear rejection, and a deadline holds even when the worker is behind
 * on its timers) and again when the workflow takes the step from its inbox (the case may have moved meanwhile).
 */
export function stepProblem(view: StepView, step: Step, now: number): Rejection | null {
  const { state, context } = view;
  // Until the case is loaded (its first moments), a step is taken provisionally: the flow checks it again when it reaches it.
  if (!context) return null;
  const status = state.status;
  const isCandidate = (actorId: string) => actorId === context.candidateId;
  switch (step.kind) {
    case 'submit':
      return (
        requireStatus(step.kind, status, [CaseStatus.Draft]) ??
        (isCandidate(step.input.actorId) ? null : notTheActor('only the candidate of this case may submit it'))
      );
    case 'answerEvidenceRequest':
      return (
        requireStatus(step.kind, status, [CaseStatus.EvidenceRequested]) ??
        (isCandidate(step.input.actorId) ? null : notTheActor('only the candidate of this case may answer its evidence request')) ??
        pastDeadline(view, 'evidenceDueAt', now, 'the time to answer the evidence request')
      );
    case 'withdraw':
      if (!canWithdraw(status)) {
        return { type: CaseFailure.NotAllowedInStatus, message: `${caseIs(status)}: it can be withdrawn only before the awarding body's decision` };
      }
      return isCandidate(step.input.actorId) ? null : notTheActor('only the candidate of this case may withdraw it');
    case 'decideAdmissibility':
      if (status !== CaseStatus.AwaitingAdmissibility) return wrongStatus(step.kind, status, [CaseStatus.AwaitingAdmissibility]);
      return !step.input.admissible && !step.input.reason?.trim()
        ? invalid('a reason is required when a case is not admissible')
        : null;
    case 'acceptAssignment':
      return requireStatus(step.kind, status, [CaseStatus.AssessorAssigned]) ?? holderProblem(state.assessorId, step.input.assessorId);
    case 'recordAssessment': {
      const holder = status === CaseStatus.Moderation ? state.moderatorId : state.assessorId;
      return (
        requireStatus(step.kind, status, [...HOLDING_STATUSES, CaseStatus.Moderation]) ??
        holderProblem(holder, step.input.assessorId) ??
        assessmentProblem(context, step.input)
      );
    }
    case 'requestEvidence': {
      const known = new Set(context.learningOutcomes.map((o) => o.learningOutcomeId));
      const unknown = (step.input.learningOutcomeIds ?? []).filter((id) => !known.has(id));
      return (
        requireStatus(step.kind, status, HOLDING_STATUSES) ??
        holderProblem(state.assessorId, step.input.assessorId) ??
        (!step.input.message?.trim() ? invalid('the evidence request needs a message to the candidate') : null) ??
        (unknown.length ? invalid(`learningOutcomeIds has learning outcomes that are not in this standard: ${unknown.join(', ')}`) : null)
      );
    }
    case 'decide': {
      const problems = decisionProblems(
        step.input.result,
        step.input.recognisedOutcomeIds ?? [],
        context.learningOutcomes.map((o) => o.learningOutcomeId),
      );
      return (
        requireStatus(step.kind, status, [CaseStatus.AwaitingDecision]) ??
        (problems.length ? invalid(problems.join('; ')) : null) ??
        (!step.input.reason?.trim() ? invalid('a decision needs a reason') : null)
      );
    }
    case 'revokeDecision':
      if (!DECIDED_STATUSES.includes(status as (typeof DECIDED_STATUSES)[number]) || state.appealed) {
        return { type: CaseFailure.NotAllowedInStatus, message: `${caseIs(status)}: a decision can be revoked only during its appeal window` };
      }
      return pastDeadline(view, 'appealDeadline', now, 'the appeal window') ?? (!step.input.reason?.trim() ? invalid('revoking a decision needs a reason') : null);
    case 'appeal':
      return (
        requireStatus(step.kind, status, DECIDED_STATUSES) ??
        (isCandidate(step.input.actorId) ? null : notTheActor('only the candidate of this case may appeal its decision')) ??
        (state.appealed ? { type: CaseFailure.AlreadyUsed, message: 'the case has already been appealed once' } : null) ??
        pastDeadline(view, 'appealDeadline', now, 'the appeal window')
      );
    case 'reopen':
      return (
        requireStatus(step.kind, status, [CaseStatus.Lapsed]) ??
        (isCandidate(step.input.actorId) ? null : notTheActor('only the candidate of this case may reopen it')) ??
        (state.reopened ? { type: CaseFailure.AlreadyUsed, message: 'the case has already been reopened once' } : null) ??
        pastDeadline(view, 'reopenDeadline', now, 'the time to reopen the case')
      );
    case 'assignAssessor':
      return (
        requireStatus(step.kind, status, [CaseStatus.AwaitingAssessor]) ??
        (!step.input.reason?.trim() ? invalid('assigning an assessor by hand needs a reason') : null)
      );
    case 'resolveAttention':
      return (
        requireStatus(step.kind, status, [CaseStatus.NeedsAttention]) ??
        (step.input.action !== 'retry' && step.input.action !== 'close' ? invalid('action must be retry or close') : null) ??
        (!step.input.reason?.trim() ? invalid('resolving a case that needs attention needs a reason') : null)
      );
  }
}

function holderProblem(holder: string | null, actorId: string): Rejection | null {
  if (!holder) return notTheActor('no assessor holds this case at the moment');
  return holder === actorId ? null : notTheActor('this case is assigned to another assessor');
}

function assessmentProblem(context: CaseContext, input: RecordAssessmentInput): Rejection | null {
  const judgements = input.assessment?.judgements ?? [];
  const problems = assessmentProblems(context.learningOutcomes, judgements, input.assessment?.recommendation);
  const badScores = judgements.filter((j) => j.score !== null && !(Number.isInteger(j.score) && j.score >= 0 && j.score <= 100));
  if (badScores.length) problems.push(`scores must be whole numbers from 0 to 100: ${badScores.map((j) => j.criterionId).join(', ')}`);
  return problems.length ? invalid(problems.join('; ')) : null;
}
