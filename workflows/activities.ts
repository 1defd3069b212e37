/**
 * Type-only contracts of the activities the case workflow calls. The worker's @Injectable class implements
 * these interfaces; the workflow proxies them. Every activity is idempotent on the key it is given, because
 * Temporal retries activities.
 */
import type {
  AssessmentMethodType,
  AssessmentPurpose,
  CaseOutcome,
  CaseStage,
  CaseStatus,
  DecisionResult,
  MessagePhrase,
  NotificationTemplate,
  OutcomeCriteria,
  ProcessSettings,
  Recommendation,
  SessionStatus,
} from '../libs/domain';
import type { AssessmentInput, SessionJudgementInput, SessionProposal, SessionsState } from './types';

export interface CaseContext {
  caseId: string;
  candidateId: string;
  awardingBodyId: string;
  standardId: string;
  standardTitle: string;
  learningOutcomes: OutcomeCriteria[];
  settings: ProcessSettings;
  /** IANA time zone of the awarding body: deadlines end at the end of a local day. */
  timeZone: string;
  /**
   * The standard's assessment methods, each with the learning outcomes it assesses (absent from contexts read before
   * methods existed: none; `learningOutcomeIds` absent before it was read: all).
   */
  assessmentMethods?: { code: string; type: AssessmentMethodType; learningOutcomeIds?: string[] }[];
}

export interface ActiveAssignment {
  purpose: AssessmentPurpose;
  round: number;
  assessorId: string;
}

/** The assessment the awarding body decides on: the assessor's, or the moderator's when the case was moderated. */
export interface StandingAssessment {
  assessmentId: string;
  assessorId: string;
  purpose: AssessmentPurpose;
  round: number;
  recommendation: Recommendation;
  recognisedOutcomeIds: string[];
  shareMet: number;
}

export interface DecisionTaken {
  sequence: number;
  result: DecisionResult;
}

/**
 * Everything the process needs to go on from where the case stands, read from PostgreSQL (the system of
 * record). A new run of the workflow (first start, continue-as-new, a restart after its run ended) begins
 * from this, so no state lives only in a workflow's memory across runs.
 */
export interface CaseSnapshot {
  context: CaseContext;
  status: CaseStatus;
  stage: CaseStage;
  outcome: CaseOutcome | null;
  /** The status the case had before it was parked as needs_attention, and why it was parked. */
  attention: { reason: string; resumeStatus: CaseStatus } | null;
  /** Data of the transition that entered the current status (the evidence request's outcomes, the purpose awaiting an assessor…). */
  statusData: Record<string, unknown>;
  deadlines: CaseDeadlines;
  /** The deadlines as people read them, in the body's zone (absent from results recorded before it existed). */
  deadlineWords?: DeadlineWords;
  /** Set once the current SLA's reminder went out. */
  assessorReminded: boolean;
  reopened: boolean;
  appealed: boolean;
  assignment: ActiveAssignment | null;
  rounds: Record<AssessmentPurpose, number>;
  /** Every assessor who has held the case, first first. */
  pastAssessorIds: string[];
  standing: StandingAssessment | null;
  decisionSequence: number;
  /** The latest decision not revoked. */
  decision: DecisionTaken | null;
  credentialActive: boolean;
  /** The body found the case admissible and it waits for its first assessor. */
  admitted: boolean;
  /** Assessors of the body who declared a conflict of interest with the candidate. */
  conflictedAssessorIds: string[];
  /** The case's assessment sessions (absent from snapshots read before sessions existed: none). */
  sessions?: SessionsState;
}

export interface CaseDeadlines {
  evidenceDueAt: string | null;
  assessmentDueAt: string | null;
  appealDeadline: string | null;
  reopenDeadline: string | null;
}

export type DeadlineName = keyof CaseDeadlines;

/**
 * Each deadline as people read it: date, time and the awarding body's zone ("29 December 2026, 23:59
 * (Europe/Dublin)"), null when unset. Worded by the activities, which know the zone; workflows only pass it on.
 */
export type DeadlineWords = Record<DeadlineName, string | null>;

/** A learning outcome as the standard names it, for sentences people read. */
export interface OutcomeName {
  id: string;
  code: string;
  description: string;
}

/** A deadline to set: n days (ending at 23:59:59 local time on the n-th day) or an instant kept from before. */
export type DeadlineSpec = { days: number } | { at: string };

export type AssignmentEnd = 'completed' | 'reassigned' | 'conflict' | 'withdrawn' | 'lapsed';

export interface TransitionSpec {
  to: CaseStatus;
  reason: string;
  /** Who caused it; defaults to the step's actor. */
  actorId?: string | null;
  outcome?: CaseOutcome;
  /** Deadlines open after the transition; those not named are cleared. */
  deadlines?: Partial<Record<DeadlineName, DeadlineSpec>>;
  /** Keep every deadline the case has (parking a case, resuming it): `deadlines` is then ignored. */
  keepDeadlines?: boolean;
  data?: Record<string, unknown>;
}

export interface EventSpec {
  type: string;
  reason: string;
  actorId?: string | null;
  data?: Record<string, unknown>;
}

/** To one user, or to every active admin of the case's awarding body. */
export type Recipient = { userId: string } | { bodyAdmins: true };

/** A message's values: codes, numbers and what people typed; the templates word them in the reader's language. */
export type MessageData = Record<string, string | number | boolean | null | MessagePhrase>;

/** A time a message states: one of the case's deadlines after the step, or an instant (ISO). */
export type MessageTime = { deadline: DeadlineName } | { at: string };

export interface NotificationSpec {
  template: NotificationTemplate;
  to: Recipient;
  data?: MessageData;
  /**
   * Template fields that state a time, written with date, time and zone in the recipient's own time zone (their
   * body's when they chose none); null when unset.
   */
  times?: Record<string, MessageTime>;
  /** Attach the session's iCalendar invitation (RFC 5545/5546): REQUEST to add or update it, CANCEL to remove it. */
  calendar?: { sessionId: string; method: 'REQUEST' | 'CANCEL' };
}

/** A session the step proposes (a new row), or a change to one of the case's sessions. */
export type SessionWrite =
  | { propose: SessionProposal & { sequence: number; assessorId: string; methodType: AssessmentMethodType; reminded: boolean } }
  | {
      update: {
        id: string;
        status?: SessionStatus;
        candidateNote?: string | null;
        outcomeNote?: string | null;
        judgements?: SessionJudgementInput[];
        reminded?: true;
        /** The change is sent to calendars (a cancellation): the invitation's SEQUENCE goes up. */
        calendarChange?: true;
      };
    };

/**
 * One step of the process, written in one PostgreSQL transaction: its status changes with their events, other
 * events, the assessor assignment it starts or ends, the assessment, decision or credential it records, and
 * the messages it sends (the outbox). A message can never be lost, nor sent for a step that did not happen.
 */
export interface StepRecord {
  caseId: string;
  /** `<workflow run id>/<n>`: unique per case; a retried activity finds the step and changes nothing. */
  key: string;
  at: string;
  actorId: string | null;
  /** Status the workflow believes the case has before the step (checked against the row). */
  from: CaseStatus;
  /**
   * Write the step whatever status the row holds (parking a case for attention: the records and the process
   * may be exactly what disagrees). The row's status before the step is returned as statusBefore.
   */
  anyFrom?: boolean;
  transitions?: TransitionSpec[];
  events?: EventSpec[];
  endAssignment?: { purpose: AssessmentPurpose; round: number; end: AssignmentEnd };
  startAssignment?: ActiveAssignment;
  assessment?: { assessorId: string; purpose: AssessmentPurpose; round: number; assessment: AssessmentInput };
  decision?: { sequence: number; result: DecisionResult; recognisedOutcomeIds: string[]; reason: string; actorId: string };
  /** Issues the micro-credential of the decision recorded in this step (or of the given sequence). */
  issueCredential?: { decisionSequence: number };
  revokeDecision?: { sequence: number; reason: string; actorId: string | null };
  revokeCredential?: { reason: string };
  /** Sets (string) or clears (null) why the case needs attention. */
  attention?: string | null;
  /** Proposes or changes an assessment session; written before the step's events and messages. */
  session?: SessionWrite;
  /** Moves deadlines without a change of status (a session later than the SLA extends it). */
  setDeadlines?: Partial<Record<DeadlineName, { at: string }>>;
  notifications?: NotificationSpec[];
}

export interface StepResult {
  /** The case's status in the records before the step. */
  statusBefore: CaseStatus;
  /** The case's deadlines after the step, as stored. */
  deadlines: CaseDeadlines;
  /** The same deadlines as people read them (absent from results recorded before it existed). */
  deadlineWords?: DeadlineWords;
  assessment?: { assessmentId: string; recognisedOutcomeIds: string[]; shareMet: number };
  decisionId?: string;
  credential?: { credentialId: string } | { notIssued: string };
  /** The case's sessions after a step that wrote one. */
  sessions?: SessionsState;
}

export interface OpenCaseRequest {
  caseId: string;
  candidateId: string;
  standardId: string;
  key: string;
  at: string;
}

export type OpenCaseResult = { opened: true } | { opened: false; reason: string; openCaseId: string | null };

/** When the draft's inactivity reminder and lapse fall, from the candidate's last activity stored on the row. */
export interface DraftClock {
  /** Whether the inactivity reminder went out after the last activity. */
  reminded: boolean;
  remindAt: string;
  lapseAt: string;
}

/** The case workflow's reads and writes of PostgreSQL; each short, idempotent and retried until PostgreSQL answers. */
export interface CaseRecordActivities {
  /** Creates the case row (a draft) with its first event and message; refused when the candidate has an open case on the standard. */
  openCase(req: OpenCaseRequest): Promise<OpenCaseResult>;
  /** Where the case stands, for a new run; records the run id as the case's process. */
  loadCase(input: { caseId: string; runId: string; cause: string }): Promise<CaseSnapshot>;
  recordStep(step: StepRecord): Promise<StepResult>;
  draftClock(caseId: string): Promise<DraftClock>;
  /** Learning outcomes with no evidence mapped to them, by id and as the standard names them (in the standard's order). */
  checkCompleteness(caseId: string): Promise<{ missingOutcomeIds: string[]; missingOutcomes?: OutcomeName[] }>;
  /** The least-loaded active assessor of the case's body with no declared conflict with the candidate, excluding some. */
  pickAssessor(input: { caseId: string; excludeAssessorIds: string[] }): Promise<string | null>;
  /** Whether the user is an active admin of the case's awarding body: the only actor of the body's steps. */
  isBodyAdmin(input: { caseId: string; userId: string }): Promise<boolean>;
  /** Whether this assessor may be assigned by hand: of the body, active, no conflict with the candidate. */
  /** `conflict`: not eligible because of a declared conflict of interest (absent from results recorded before it was added). */
  assessorEligible(input: { caseId: string; assessorId: string }): Promise<{ eligible: boolean; reason: string; conflict?: boolean }>;
}


export interface ReconcileReport {
  /** Open cases whose workflow was running. */
  running: number;
  /** Open cases whose workflow was not running and was started again from the case's records. */
  restarted: string[];
  /** Cases whose process kept stopping: parked as needs_attention before the restart. */
  parked: string[];
}

/** The reconciler's sweep, run on a Temporal Schedule. */
export interface ReconcilerActivities {
  /** Every open case, or only those named (an operator's sweep of a few cases). */
  /** `at`: the sweep's time as the reconciler workflow sees it (written on the steps it records); now if absent. */
  reconcileOpenCases(input: { maxRestartsPerDay: number; caseIds?: string[]; at?: string }): Promise<ReconcileReport>;
}

/** What one expiry sweep did. */
export interface ExpiryReminderReport {
  /** Credentials whose holder was reminded in this sweep. */
  reminded: string[];
}

export interface CredentialExpiryActivities {
  /**
   * Reminds the holder of every credential in force whose validUntil falls within the configured days after `at`,
   * once per credential (its expiry_reminded_at is set with the outbox message).
   */
  remindExpiringCredentials(input: { at: string }): Promise<ExpiryReminderReport>;
}

export type CaseActivities = CaseRecordActivities & ReconcilerActivities & CredentialExpiryActivities;
