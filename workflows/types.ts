import type {
  AssessmentMethodType,
  CaseOutcome,
  CaseStage,
  CaseStatus,
  CriterionResult,
  DecisionResult,
  Recommendation,
  SessionAttendee,
  SessionOutcome,
  SessionStatus,
} from '../libs/domain';

/** Why a run of the case workflow started. */
export type RunCause = 'opened' | 'continued' | 'restarted' | 'retried';

export interface CaseWorkflowInput {
  version: 2;
  caseId: string;
  /** First run only: the case to open; the workflow writes the case row itself, so no row exists without its process. */
  open?: { candidateId: string; standardId: string };
  /** Absent on the first run. */
  cause?: RunCause;
  /**
   * Continue-as-new once the run's history has this many events (Temporal's own suggestion applies too).
   * Tests set it low to exercise continue-as-new; production leaves it at its default.
   */
  historyLimit?: number;
}

/** The case's live state, answered by the `caseState` query. */
export interface CaseState {
  caseId: string;
  status: CaseStatus;
  stage: CaseStage;
  outcome: CaseOutcome | null;
  /** The assessor currently responsible (assessment, appeal), or null. */
  assessorId: string | null;
  /** The second assessor moderating, or null. */
  moderatorId: string | null;
  /** Every assessor who has held the case, in order. */
  pastAssessorIds: string[];
  evidenceDueAt: string | null;
  assessmentDueAt: string | null;
  appealDeadline: string | null;
  reopenDeadline: string | null;
  attentionReason: string | null;
  /** False in a new run's first moments, before it has read the case's records. */
  loaded: boolean;
  appealed: boolean;
  reopened: boolean;
  /** The assessor holding the case has been reminded of the SLA now running. */
  assessorReminded: boolean;
  decisionSequence: number;
  /** The case's assessment sessions: the one still to take place, and how the earlier ones went. */
  sessions: SessionsState;
}

/** A session still to take place, as the process follows it. */
export interface PendingSession {
  id: string;
  sequence: number;
  assessorId: string;
  methodCode: string;
  methodType: AssessmentMethodType;
  status: SessionStatus.Proposed | SessionStatus.Confirmed;
  startsAt: string;
  endsAt: string;
  /** When it starts, as people read it (in the body's zone), worded by the activities. */
  when: string;
  reminded: boolean;
}

export interface SessionsState {
  pending: PendingSession | null;
  /** Sessions proposed so far (the next one is proposed + 1). */
  proposed: number;
  held: number;
  /** Sessions the candidate missed without notice. */
  missed: number;
  /** Times the candidate asked for another time. */
  rescheduled: number;
  /** The body's no-show rule ended the sessions: the case is assessed on the portfolio alone. */
  portfolioOnly: boolean;
}

export interface CriterionJudgementInput {
  criterionId: string;
  result: CriterionResult;
  score: number | null;
  comment: string | null;
}

export interface AssessmentInput {
  judgements: CriterionJudgementInput[];
  recommendation: Recommendation;
  comment: string;
}

export interface SubmitInput {
  actorId: string;
}
export interface AnswerEvidenceRequestInput {
  actorId: string;
  note: string;
}
export interface WithdrawInput {
  actorId: string;
  reason: string;
}
export interface AdmissibilityInput {
  actorId: string;
  admissible: boolean;
  reason: string;
}
export interface AcceptAssignmentInput {
  assessorId: string;
}
export interface RecordAssessmentInput {
  assessorId: string;
  assessment: AssessmentInput;
}
export interface RequestEvidenceInput {
  assessorId: string;
  message: string;
  learningOutcomeIds: string[];
}
export interface DecideInput {
  actorId: string;
  result: DecisionResult;
  recognisedOutcomeIds: string[];
  reason: string;
}
export interface RevokeDecisionInput {
  actorId: string;
  reason: string;
}
export interface AppealInput {
  actorId: string;
  reason: string;
}
export interface ReopenInput {
  actorId: string;
}
export interface ConflictDeclaredInput {
  assessorId: string;
}
export interface AssignAssessorInput {
  actorId: string;
  assessorId: string;
  reason: string;
}
export type AttentionAction = 'retry' | 'close';
export interface ResolveAttentionInput {
  actorId: string;
  action: AttentionAction;
  reason: string;
}

/** A session as the assessor proposes it; the API has turned the candidate's local time into an instant. */
export interface SessionProposal {
  /** Chosen by the API, so a retried proposal names the same session. */
  id: string;
  methodCode: string;
  startsAt: string;
  durationMinutes: number;
  /** The candidate's IANA zone, in which the time was chosen. */
  timeZone: string;
  location: string | null;
  onlineUrl: string | null;
  attendees: SessionAttendee[];
}
export interface ProposeSessionInput {
  assessorId: string;
  session: SessionProposal;
}
export type SessionAnswer = 'confirm' | 'reschedule';
export interface AnswerSessionInput {
  actorId: string;
  sessionId: string;
  answer: SessionAnswer;
  note: string;
}
export interface SessionJudgementInput {
  criterionId: string;
  result: CriterionResult;
  comment: string | null;
}
export interface RecordSessionInput {
  assessorId: string;
  sessionId: string;
  outcome: SessionOutcome;
  note: string;
  /** Only with `held`: judgements on the criteria the session assessed. */
  judgements: SessionJudgementInput[];
}

/** What every update answers: the case as it stands once the step itself has been recorded. */
export interface UpdateResult {
  status: CaseStatus;
  stage: CaseStage;
}
