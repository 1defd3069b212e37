/**
 * Type-only contracts of the activities the case workflow calls. The worker's @Injectable classes implement
 * these interfaces; the workflow proxies them. Every activity is idempotent on the key or natural key it is
 * given, because Temporal retries activities.
 */
import type {
  AssessmentPurpose,
  CaseOutcome,
  CaseStage,
  CaseStatus,
  DecisionResult,
  NotificationTemplate,
  OutcomeCriteria,
  ProcessSettings,
} from '../libs/domain';
import type { AssessmentInput } from './types';

export interface CaseContext {
  caseId: string;
  candidateId: string;
  awardingBodyId: string;
  standardId: string;
  standardTitle: string;
  learningOutcomes: OutcomeCriteria[];
  settings: ProcessSettings;
  /** Status in PostgreSQL when the workflow (re)started. */
  status: CaseStatus;
}

export interface CaseDeadlines {
  evidenceDueAt?: string | null;
  assessmentDueAt?: string | null;
  appealDeadline?: string | null;
}

/** A status change of the case, written with its event in one transaction. */
export interface TransitionRecord {
  caseId: string;
  /** Unique per case; a retried activity with the same key changes nothing. */
  key: string;
  from: CaseStatus;
  to: CaseStatus;
  stage: CaseStage;
  /** The user who caused it, or null for the system (timers, rules). */
  actorId: string | null;
  reason: string;
  at: string;
  outcome?: CaseOutcome | null;
  deadlines?: CaseDeadlines;
  data?: Record<string, unknown>;
}

/** A fact in the case's event log that does not change its status (reminders, admissibility, requests). */
export interface EventRecord {
  caseId: string;
  key: string;
  type: string;
  status: CaseStatus;
  actorId: string | null;
  reason: string;
  at: string;
  data?: Record<string, unknown>;
}

export interface AssignmentRecord {
  caseId: string;
  assessorId: string;
  purpose: AssessmentPurpose;
  /** 1 for the first assessor of that purpose, +1 on every reassignment. */
  round: number;
  at: string;
}

export type AssignmentEnd = 'completed' | 'reassigned' | 'conflict' | 'withdrawn' | 'lapsed';

export interface AssignmentEndRecord {
  caseId: string;
  purpose: AssessmentPurpose;
  round: number;
  end: AssignmentEnd;
  at: string;
}

export interface AssessmentRecord {
  caseId: string;
  assessorId: string;
  purpose: AssessmentPurpose;
  round: number;
  assessment: AssessmentInput;
  at: string;
}

export interface SavedAssessment {
  assessmentId: string;
  recognisedOutcomeIds: string[];
  shareMet: number;
}

export interface DecisionRecord {
  caseId: string;
  /** 1 for the first decision, +1 for each later one (after revocation or appeal). */
  sequence: number;
  result: DecisionResult;
  recognisedOutcomeIds: string[];
  reason: string;
  actorId: string;
  at: string;
}

export interface DecisionRevocation {
  caseId: string;
  sequence: number;
  actorId: string | null;
  reason: string;
  at: string;
}

export interface CredentialIssue {
  caseId: string;
  decisionSequence: number;
  at: string;
}


/** To one user, or to every admin of the case's awarding body. */
export type Recipient = { userId: string } | { bodyAdmins: true };

export interface NotificationRequest {
  caseId: string;
  /** Unique per case together with the recipient: a retried activity writes no second message. */
  key: string;
  template: NotificationTemplate;
  to: Recipient;
  data: Record<string, string | number | boolean | null>;
}

/** Writes of the case's records; each one short and idempotent, retried until PostgreSQL answers. */
export interface CaseRecordActivities {
  loadCaseContext(caseId: string): Promise<CaseContext>;
  recordTransition(t: TransitionRecord): Promise<void>;
  recordEvent(e: EventRecord): Promise<void>;
  /** Learning outcomes with no evidence mapped to them. */
  checkCompleteness(caseId: string): Promise<{ missingOutcomeIds: string[] }>;
  /** The least-loaded assessor of the case's body with no declared conflict with the candidate, excluding some. */
  pickAssessor(input: { caseId: string; excludeAssessorIds: string[] }): Promise<string | null>;
  assignAssessor(a: AssignmentRecord): Promise<void>;
  endAssignment(e: AssignmentEndRecord): Promise<void>;
  saveAssessment(a: AssessmentRecord): Promise<SavedAssessment>;
  saveDecision(d: DecisionRecord): Promise<{ decisionId: string }>;
  revokeDecision(r: DecisionRevocation): Promise<void>;
  /** One credential per case: issuing again returns the same one. */
  issueCredential(c: CredentialIssue): Promise<{ credentialId: string }>;
  revokeCredential(r: { caseId: string; reason: string; at: string }): Promise<void>;
}

/** Messages to the actors, rendered from templates into the outbox. */
export interface NotificationActivities {
  notify(n: NotificationRequest): Promise<void>;
}

export type CaseActivities = CaseRecordActivities & NotificationActivities;
