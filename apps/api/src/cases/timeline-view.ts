import { CaseOutcome, CaseStatus, DecisionResult, statusWords } from '../../../../libs/domain';
import type { CriterionResult } from '../../../../libs/domain';
import { ViewerKind, visibleAt } from './case-access.policy';
import type { CaseViewer } from './case-access.policy';

/**
 * What each reader sees of a case's event log (docs/visibility.md is the same table in words). The log holds the
 * process's internal facts: recommendations, assessor ids, who was excluded for a conflict of interest, fault text
 * when the case was parked. Only a body admin reads it as written; everyone else gets events chosen for their role,
 * data fields from an allow-list, and a reason sentence written here from the event's type and safe data, never
 * copied from the log's reason (except text written by or for that reader: see `ownWords`).
 */

export interface LoggedEvent {
  seq: number;
  type: string;
  fromStatus: CaseStatus | null;
  toStatus: CaseStatus;
  actorId: string | null;
  reason: string;
  data: Record<string, unknown>;
  occurredAt: Date;
}

export interface ViewedEvent {
  seq: number;
  type: string;
  fromStatus: CaseStatus | null;
  toStatus: CaseStatus;
  actorId: string | null;
  reason: string;
  data: Record<string, unknown>;
  occurredAt: string;
}

/** The feedback per learning outcome a candidate gets with the decision: no assessor, no scores, no recommendation. */
export interface OutcomeFeedback {
  learningOutcomeId: string;
  code: string;
  recognised: boolean;
  criteria: { criterionId: string; code: string; result: CriterionResult; comment: string | null }[];
}

type Audience = 'candidate' | 'assessor';

/** The steps of an assessment session (workflows/session.stage.ts): the candidate and the assessors see them all. */
export const SESSION_EVENTS = [
  'session_proposed',
  'session_confirmed',
  'session_reschedule_requested',
  'session_reminder',
  'session_held',
  'session_postponed',
  'session_missed',
  'sessions_ended',
] as const;
/** Event types a candidate sees; every other type (assessment_recorded, assessor_reminder, ...) is not theirs. */
const CANDIDATE_EVENTS: ReadonlySet<string> = new Set(['case_created', 'transition', 'admissibility_decided', 'inactivity_reminder', ...SESSION_EVENTS]);
/** Event types an assessor sees (process_restarted and inactivity_reminder are the body's and the candidate's). */
const ASSESSOR_EVENTS: ReadonlySet<string> = new Set([
  'case_created',
  'transition',
  'admissibility_decided',
  'assessor_reminder',
  'assessment_recorded',
  'assessment_set_aside',
  ...SESSION_EVENTS,
]);

const DEADLINE_FIELDS = ['evidenceDueAt', 'appealDeadline', 'reopenDeadline'] as const;
const CANDIDATE_FIELDS: ReadonlySet<string> = new Set([
  'stage',
  'outcome',
  ...DEADLINE_FIELDS,
  'deadlinesExtendedByDays',
  'learningOutcomeIds',
  'standardId',
  'sequence',
  'result',
  'recognisedOutcomeIds',
  'admissible',
  // a session's own facts: which, when, how long (never who assesses it, nor what they recorded)
  'sessionId',
  'methodType',
  'startsAt',
  'durationMinutes',
]);
const ASSESSOR_FIELDS: ReadonlySet<string> = new Set([...CANDIDATE_FIELDS, 'assessmentDueAt', 'purpose', 'round', 'cause', 'recommendation']);
/** Fields naming an assessor: an assessor sees them only when they name themselves; a candidate never. */
const ASSESSOR_ID_FIELDS: ReadonlySet<string> = new Set(['assessorId', 'requestedBy']);

const DECIDED: readonly CaseStatus[] = [CaseStatus.Awarded, CaseStatus.NotAwarded];

/**
 * The timeline for one viewer, in the log's order. `feedback` is attached, for the candidate, to the event of the
 * decision that stands (the last one not revoked), when there is one.
 */
export function timelineFor(
  viewer: CaseViewer,
  events: readonly LoggedEvent[],
  options: { feedback?: OutcomeFeedback[] | null; standingDecisionSeq?: string | number | null } = {},
): ViewedEvent[] {
  if (viewer.kind === ViewerKind.BodyAdmin) return events.map(asWritten);
  const audience: Audience = viewer.kind === ViewerKind.Candidate ? 'candidate' : 'assessor';
  // a page of the log is given the standing decision found in the whole log
  const standingSeq = options.standingDecisionSeq !== undefined ? options.standingDecisionSeq : audience === 'candidate' ? standingDecisionSeq(events) : null;
  const standingDecision = standingSeq === null ? null : (events.find((e) => String(e.seq) === String(standingSeq)) ?? null);
  return events
    .filter((e) => shown(viewer, audience, e))
    .map((e) => {
      const viewed: ViewedEvent = {
        seq: e.seq,
        type: e.type,
        fromStatus: e.fromStatus,
        toStatus: e.toStatus,
        actorId: e.actorId === viewer.actorId || e.actorId === viewer.candidateId ? e.actorId : null,
        reason: audience === 'candidate' ? candidateReason(e, viewer) : assessorReason(e, viewer),
        data: dataFor(audience, viewer, e.data),
        occurredAt: e.occurredAt.toISOString(),
      };
      if (e === standingDecision && options.feedback) viewed.data.feedback = options.feedback;
      // the assessor's request in their own words, apart from the sentence around it (the portal words that itself)
      if (audience === 'candidate' && e.toStatus === CaseStatus.EvidenceRequested && e.data.requestedBy) viewed.data.assessorMessage = e.reason;
      return viewed;
    });
}

/** The event as written, in the declared shape (the row's own id, case id and step key stay internal). */
function asWritten(e: LoggedEvent): ViewedEvent {
  return { seq: e.seq, type: e.type, fromStatus: e.fromStatus, toStatus: e.toStatus, actorId: e.actorId, reason: e.reason, data: { ...e.data }, occurredAt: e.occurredAt.toISOString() };
}

function shown(viewer: CaseViewer, audience: Audience, e: LoggedEvent): boolean {
  if (!(audience === 'candidate' ? CANDIDATE_EVENTS : ASSESSOR_EVENTS).has(e.type)) return false;
  if (!visibleAt(viewer, e.occurredAt)) return false;
  // A reminder is the reminded assessor's; a past assessor sees only their own assessment.
  if (e.type === 'assessor_reminder') return e.data.assessorId === viewer.actorId;
  if (e.type === 'assessment_recorded' && viewer.kind === ViewerKind.PastAssessor) return e.actorId === viewer.actorId;
  return true;
}

function dataFor(audience: Audience, viewer: CaseViewer, data: Record<string, unknown>): Record<string, unknown> {
  const allowed = audience === 'candidate' ? CANDIDATE_FIELDS : ASSESSOR_FIELDS;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (allowed.has(key)) out[key] = value;
    else if (audience === 'assessor' && ASSESSOR_ID_FIELDS.has(key) && value === viewer.actorId) out[key] = value;
  }
  return out;
}

/** The decision event that stands: the last transition to a decided status not followed by its revocation. */
/** The seq of the transition to the decision that stands (none once revoked), in the whole log. */
export function standingDecisionSeq(events: readonly LoggedEvent[]): string | number | null {
  return lastDecisionStanding(events)?.seq ?? null;
}

function lastDecisionStanding(events: readonly LoggedEvent[]): LoggedEvent | null {
  let standing: LoggedEvent | null = null;
  for (const e of events) {
    if (e.type !== 'transition') continue;
    if (DECIDED.includes(e.toStatus)) standing = e;
    else if (e.fromStatus && DECIDED.includes(e.fromStatus) && e.toStatus === CaseStatus.AwaitingDecision) standing = null;
  }
  return standing;
}

/** Text written by this reader, or addressed to them, that the log keeps in its reason: shown as written. */
function ownWords(e: LoggedEvent, viewer: CaseViewer): boolean {
  return e.actorId !== null && e.actorId === viewer.actorId;
}

function candidateReason(e: LoggedEvent, viewer: CaseViewer): string {
  switch (e.type) {
    case 'case_created':
      return 'you started the case';
    case 'inactivity_reminder':
      return 'reminder: nobody has worked on your draft for a while';
    case 'admissibility_decided':
      return e.data.admissible ? 'the awarding body found your case admissible' : 'the awarding body found your case not admissible';
  }
  if (isSessionEvent(e)) return sessionReason(e, 'candidate');
  const from = e.fromStatus;
  // A parked case resumed by the awarding body, whatever status it resumes: the retry's reason is the admin's.
  if (from === CaseStatus.NeedsAttention && e.toStatus !== CaseStatus.Withdrawn && e.toStatus !== CaseStatus.Closed) return 'the awarding body resumed your case';
  switch (e.toStatus) {
    case CaseStatus.Draft:
      return from === CaseStatus.Lapsed ? 'you reopened the case' : 'the awarding body resumed your case';
    case CaseStatus.Submitted:
      return 'you submitted the case';
    case CaseStatus.Screening:
      return from === CaseStatus.EvidenceRequested ? 'you answered the evidence request; the portfolio is checked again' : 'the portfolio is checked: every learning outcome needs evidence';
    case CaseStatus.EvidenceRequested:
      // the assessor's request is written to the candidate (and sent to them); the screening's names the outcomes
      // by their code and description only (screening.stage.ts), as the candidate's e-mail does
      return e.data.requestedBy ? `the assessor asks for more evidence: ${e.reason}` : `${e.reason}: add it and answer the request`;
    case CaseStatus.AwaitingAdmissibility:
      return 'the awarding body decides whether your case is admissible';
    case CaseStatus.AwaitingAssessor:
      return 'your case waits for an assessor to become available';
    case CaseStatus.AssessorAssigned:
      return from === CaseStatus.Appealed ? 'after your appeal, a new assessor reassesses the case' : 'an assessor is assigned to your case';
    case CaseStatus.UnderAssessment:
      return from === CaseStatus.EvidenceRequested ? 'you answered the evidence request; the assessment goes on' : 'the assessment of your case started';
    case CaseStatus.Moderation:
      return 'a second assessor reviews the assessment (quality assurance)';
    case CaseStatus.AwaitingDecision:
      if (from && DECIDED.includes(from)) return 'the awarding body revoked its decision and decides again';
      return 'the assessment is complete; the awarding body decides';
    case CaseStatus.Awarded:
      return `${awardWords(e)}: ${e.reason}`;
    case CaseStatus.NotAwarded:
      return `the awarding body decided not to award the credential: ${e.reason}`;
    case CaseStatus.Appealed:
      return 'you appealed the decision';
    case CaseStatus.Withdrawn:
      if (ownWords(e, viewer)) return 'you withdrew the case';
      if (e.data.cause === 'sessions_missed') return "the case is withdrawn: you missed a second assessment session without notice (the awarding body's rule)";
      return 'the case is withdrawn: the evidence request was not answered in time';
    case CaseStatus.Lapsed:
      return 'the draft lapsed after a long time without activity; you can reopen it once';
    case CaseStatus.NeedsAttention:
      return 'the awarding body is looking into a problem with processing your case; your deadlines are extended by the time it takes';
    case CaseStatus.Closed:
      return closedReason(e);
    default:
      return 'the case moved on';
  }
}

function isSessionEvent(e: LoggedEvent): boolean {
  return (SESSION_EVENTS as readonly string[]).includes(e.type);
}

/** A session's step in the reader's words; the time is in the event's data (startsAt), for the reader's zone. */
function sessionReason(e: LoggedEvent, audience: Audience): string {
  const method = typeof e.data.methodType === 'string' ? e.data.methodType : 'session';
  const you = audience === 'candidate';
  switch (e.type) {
    case 'session_proposed':
      return you ? `${/^[aeiou]/.test(method) ? 'an' : 'a'} ${method} is proposed: confirm it, or ask for another time` : `${method} proposed to the candidate`;
    case 'session_confirmed':
      return you ? 'you confirmed the session' : 'the candidate confirmed the session';
    case 'session_reschedule_requested':
      return you ? 'you asked for another time for the session' : 'the candidate asked for another time for the session';
    case 'session_reminder':
      return 'reminder: the session is soon';
    case 'session_held':
      return 'the session was held';
    case 'session_postponed':
      return you ? 'the session was postponed; a new time will be proposed' : 'the session was postponed';
    case 'session_missed':
      return you ? 'you were recorded as absent from the session' : 'the candidate was absent from the session';
    default:
      return you ? 'after a second missed session, your case is assessed on your portfolio alone' : 'the candidate missed a second session: the case is assessed on the portfolio alone';
  }
}

function closedReason(e: LoggedEvent): string {
  switch (e.data.outcome) {
    case CaseOutcome.ClosedByBody:
      return 'the awarding body closed the case';
    case CaseOutcome.Inadmissible:
      return 'the case is closed: the awarding body found it not admissible';
    default:
      return 'the case is closed';
  }
}

function assessorReason(e: LoggedEvent, viewer: CaseViewer): string {
  const purpose = typeof e.data.purpose === 'string' ? e.data.purpose : 'assessment';
  switch (e.type) {
    case 'case_created':
      return 'the candidate started the case';
    case 'admissibility_decided':
      return e.data.admissible ? 'the awarding body found the case admissible' : 'the awarding body found the case not admissible';
    case 'assessor_reminder':
      return `reminder: your ${purpose} is due`;
    case 'assessment_recorded':
      return `${purpose} recorded: ${String(e.data.recommendation)}`;
    case 'assessment_set_aside':
      return `an earlier ${purpose} was set aside and does not stand`;
  }
  if (isSessionEvent(e)) return sessionReason(e, 'assessor');
  const from = e.fromStatus;
  if (from === CaseStatus.NeedsAttention) return 'the awarding body resumed the case';
  switch (e.toStatus) {
    case CaseStatus.EvidenceRequested:
      // an assessor's request is shown to the assessors of the case; the screening's names the outcomes in data
      return e.data.requestedBy ? `more evidence requested: ${e.reason}` : 'evidence is missing for some learning outcomes';
    case CaseStatus.AssessorAssigned:
    case CaseStatus.Moderation:
      return e.data.assessorId === viewer.actorId ? `assigned to you for ${purpose}` : `assigned to another assessor for ${purpose}`;
    case CaseStatus.AwaitingAssessor:
      return `waiting for an eligible assessor for ${purpose}`;
    case CaseStatus.UnderAssessment:
      return from === CaseStatus.EvidenceRequested ? 'the candidate answered the evidence request' : 'the assessment started';
    case CaseStatus.AwaitingDecision:
      return from && DECIDED.includes(from) ? 'the awarding body revoked its decision' : 'the assessment is complete; the awarding body decides';
    case CaseStatus.Awarded:
      return awardWords(e);
    case CaseStatus.NotAwarded:
      return 'the awarding body decided not to award the credential';
    case CaseStatus.Appealed:
      return 'the candidate appealed the decision';
    case CaseStatus.NeedsAttention:
      return 'the process is paused while the awarding body looks into a problem';
    case CaseStatus.Withdrawn:
      return 'the case is withdrawn';
    case CaseStatus.Closed:
      return closedReason(e);
    default:
      return `the case is now ${statusWords(e.toStatus)}`;
  }
}

/**
 * The candidate's feedback once the body has decided: for every learning outcome, whether the decision recognises
 * it, and the result of each criterion with the assessor's comment on it (the assessment that stands). The
 * assessor's identity, scores, recommendation and overall comment are not part of it.
 */
export function feedbackFor(
  outcomes: readonly { id: string; code: string; criteria?: readonly { id: string; code: string }[] }[],
  recognisedOutcomeIds: readonly string[],
  judgements: readonly { criterionId: string; result: CriterionResult; comment: string | null }[],
): OutcomeFeedback[] {
  const byCriterion = new Map(judgements.map((j) => [j.criterionId, j]));
  return outcomes.map((o) => ({
    learningOutcomeId: o.id,
    code: o.code,
    recognised: recognisedOutcomeIds.includes(o.id),
    criteria: (o.criteria ?? [])
      .filter((c) => byCriterion.has(c.id))
      .map((c) => ({ criterionId: c.id, code: c.code, result: byCriterion.get(c.id)!.result, comment: byCriterion.get(c.id)!.comment })),
  }));
}

/** An award recognises every learning outcome; a partial award some of them, which the words must not hide. */
function awardWords(e: LoggedEvent): string {
  return e.data.result === DecisionResult.PartiallyAwarded
    ? 'the awarding body awarded the credential for some of the learning outcomes (a partial award)'
    : 'the awarding body awarded the credential';
}
