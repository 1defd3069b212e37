import {
  CriterionResult,
  needsSession,
  SESSION_HORIZON_DAYS,
  SESSION_MINUTES_MAX,
  sessionJudgementProblems,
  SESSIONS_MAX_PER_CASE,
  SESSION_MINUTES_MIN,
  SESSION_OUTCOMES,
  SessionStatus,
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
  AnswerSessionInput,
  AppealInput,
  AssignAssessorInput,
  CaseState,
  DecideInput,
  ProposeSessionInput,
  RecordAssessmentInput,
  RecordSessionInput,
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
  | { kind: 'resolveAttention'; input: ResolveAttentionInput }
  | { kind: 'proposeSession'; input: ProposeSessionInput }
  | { kind: 'answerSession'; input: AnswerSessionInput }
  | { kind: 'recordSession'; input: RecordSessionInput };

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
  proposeSession: 'proposing an assessment session',
  answerSession: 'answering a session proposal',
  recordSession: 'recording an assessment session',
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
        (status === CaseStatus.Moderation ? null : (sessionPlanned(view, 'recording the assessment') ?? sessionStillNeeded(view))) ??
        assessmentProblem(context, step.input)
      );
    }
    case 'requestEvidence': {
      const known = new Set(context.learningOutcomes.map((o) => o.learningOutcomeId));
      const unknown = (step.input.learningOutcomeIds ?? []).filter((id) => !known.has(id));
      return (
        requireStatus(step.kind, status, HOLDING_STATUSES) ??
        holderProblem(state.assessorId, step.input.assessorId) ??
        sessionPlanned(view, 'requesting evidence') ??
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
    case 'proposeSession':
      return requireStatus(step.kind, status, HOLDING_STATUSES) ?? holderProblem(state.assessorId, step.input.assessorId) ?? proposalProblem(view, step.input, now);
    case 'answerSession':
      return (
        requireStatus(step.kind, status, HOLDING_STATUSES) ??
        (isCandidate(step.input.actorId) ? null : notTheActor('only the candidate of this case may answer a session proposal')) ??
        answerProblem(view, step.input, now)
      );
    case 'recordSession':
      return requireStatus(step.kind, status, HOLDING_STATUSES) ?? holderProblem(state.assessorId, step.input.assessorId) ?? sessionRecordProblem(view, step.input, now);
  }
}

/** A session answered, recorded or called off meanwhile (by another step that came first). */
const SESSION_GONE = 'this session is no longer planned: another answer or step on it was recorded first; reload the case to see where it stands';

/** A session that is still to take place blocks what would leave it hanging. */
function sessionPlanned(view: StepView, what: string): Rejection | null {
  const pending = view.state.sessions?.pending;
  if (!pending) return null;
  return {
    type: CaseFailure.NotAllowedInStatus,
    message: `a session is planned for ${pending.when}: record how it went (or that it is postponed) before ${what}`,
  };
}

/** A standard assessed by a method with a session is assessed only once such a session was held (or the no-show rule waived it). */
function sessionStillNeeded(view: StepView): Rejection | null {
  const methods = (view.context?.assessmentMethods ?? []).filter((m) => needsSession(m.type));
  const sessions = view.state.sessions;
  if (!methods.length || !sessions || sessions.held > 0 || sessions.portfolioOnly) return null;
  return {
    type: CaseFailure.NotAllowedInStatus,
    message: `this standard is assessed by ${methods.map((m) => `${m.type} (${m.code})`).join(' and ')} as well: propose a session and record it as held before recording the assessment`,
  };
}

function proposalProblem(view: StepView, input: ProposeSessionInput, now: number): Rejection | null {
  const p = input.session;
  const sessions = view.state.sessions;
  const method = (view.context?.assessmentMethods ?? []).find((m) => m.code === p?.methodCode);
  if (!p || !method) return invalid(`methodCode must be one of this standard's assessment methods that need a session`);
  if (!needsSession(method.type)) return invalid(`method ${method.code} is a ${method.type}: it needs no session`);
  if (sessions?.portfolioOnly) {
    return { type: CaseFailure.AlreadyUsed, message: 'the candidate missed two sessions: under the body\'s rule the case is assessed on the portfolio alone' };
  }
  if (sessions?.pending) {
    return { type: CaseFailure.NotAllowedInStatus, message: `a session is already planned for ${sessions.pending.when}: record it as postponed before proposing another` };
  }
  if ((sessions?.proposed ?? 0) >= SESSIONS_MAX_PER_CASE) {
    return { type: CaseFailure.AlreadyUsed, message: `${SESSIONS_MAX_PER_CASE} sessions have been proposed on this case, the most one case may have: ask the awarding body's admins` };
  }
  const startsAt = Date.parse(p.startsAt);
  const notice = view.context?.settings.sessionNoticeMinutes ?? 0;
  if (!Number.isFinite(startsAt) || startsAt <= now + notice * 60_000) {
    return invalid(notice ? `startsAt must be at least ${notice} minutes from now: the awarding body asks for that much notice` : 'startsAt must be in the future');
  }
  if (startsAt > now + SESSION_HORIZON_DAYS * 24 * 60 * 60_000) return invalid(`startsAt must be within ${SESSION_HORIZON_DAYS} days from now`);
  if (!Number.isInteger(p.durationMinutes) || p.durationMinutes < SESSION_MINUTES_MIN || p.durationMinutes > SESSION_MINUTES_MAX) {
    return invalid(`durationMinutes must be a whole number from ${SESSION_MINUTES_MIN} to ${SESSION_MINUTES_MAX}`);
  }
  if (!p.location?.trim() && !p.onlineUrl?.trim()) return invalid('a session needs a location or an online link');
  return null;
}

function answerProblem(view: StepView, input: AnswerSessionInput, now: number): Rejection | null {
  const pending = view.state.sessions?.pending;
  if (!pending || pending.id !== input.sessionId) return { type: CaseFailure.NotAllowedInStatus, message: SESSION_GONE };
  if (now >= Date.parse(pending.startsAt)) return { type: CaseFailure.DeadlinePassed, message: `the session began on ${pending.when}: it can no longer be answered` };
  if (input.answer === 'confirm') {
    return pending.status === SessionStatus.Proposed ? null : { type: CaseFailure.AlreadyUsed, message: 'you have already confirmed this session' };
  }
  if (input.answer !== 'reschedule') return invalid('answer must be confirm or reschedule');
  const limit = view.context?.settings.sessionRescheduleLimit ?? 0;
  if ((view.state.sessions?.rescheduled ?? 0) >= limit) {
    return {
      type: CaseFailure.AlreadyUsed,
      message: `you have asked for another time ${limit === 1 ? 'once' : `${limit} times`}, as often as this awarding body allows: confirm this session or withdraw the case`,
    };
  }
  return !input.note?.trim() ? invalid('asking for another time needs a note: say when you can come') : null;
}

function sessionRecordProblem(view: StepView, input: RecordSessionInput, now: number): Rejection | null {
  const pending = view.state.sessions?.pending;
  if (!pending || pending.id !== input.sessionId) return { type: CaseFailure.NotAllowedInStatus, message: SESSION_GONE };
  if (!SESSION_OUTCOMES.includes(input.outcome)) return invalid(`outcome must be one of ${SESSION_OUTCOMES.join(', ')}`);
  if (input.outcome !== SessionStatus.Postponed && now < Date.parse(pending.startsAt)) {
    return { type: CaseFailure.NotAllowedInStatus, message: `the session begins on ${pending.when}: until then it can only be postponed` };
  }
  const judgements = input.judgements ?? [];
  if (judgements.length && input.outcome !== SessionStatus.Held) return invalid('judgements are recorded only for a session that was held');
  const method = (view.context?.assessmentMethods ?? []).find((m) => m.code === pending.methodCode);
  const outcomes = new Set(method?.learningOutcomeIds ?? (view.context?.learningOutcomes ?? []).map((o) => o.learningOutcomeId));
  const assessed = new Set((view.context?.learningOutcomes ?? []).filter((o) => outcomes.has(o.learningOutcomeId)).flatMap((o) => o.criterionIds));
  const problems = sessionJudgementProblems(assessed, pending.methodCode, judgements);
  if (problems.length) return invalid(problems.join('; '));
  const results = Object.values(CriterionResult) as string[];
  if (judgements.some((j) => !results.includes(j.result))) return invalid(`each judgement's result must be one of ${results.join(', ')}`);
  if (input.outcome === SessionStatus.CandidateAbsent && !input.note?.trim()) return invalid('recording a candidate as absent needs a note');
  return null;
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
