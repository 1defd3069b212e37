/**
 * Assessment sessions: an interview, an observation, a simulation or a jury the candidate and the assessor meet
 * for, at a time and place or online. The assessor proposes one; the candidate confirms it or asks for another
 * time (a limited number of times); after it the assessor records what happened.
 */
export enum SessionStatus {
  Proposed = 'proposed',
  Confirmed = 'confirmed',
  /** The candidate asked for another time: this session will not take place; the assessor proposes another. */
  RescheduleRequested = 'reschedule_requested',
  Held = 'held',
  /** The candidate did not come and had not asked for another time. */
  CandidateAbsent = 'candidate_absent',
  /** The assessor called it off (or moved it); they propose another. */
  Postponed = 'postponed',
  /** Ended by the process: the case was reassigned, withdrawn or closed. */
  Cancelled = 'cancelled',
}

/** Sessions still to take place. */
export const PENDING_SESSION_STATUSES: readonly SessionStatus[] = [SessionStatus.Proposed, SessionStatus.Confirmed];

/** What the assessor records after a session's time (postponed also before it). */
export type SessionOutcome = SessionStatus.Held | SessionStatus.CandidateAbsent | SessionStatus.Postponed;
export const SESSION_OUTCOMES: readonly SessionOutcome[] = [SessionStatus.Held, SessionStatus.CandidateAbsent, SessionStatus.Postponed];

/**
 * What a body does when a candidate misses a second session without notice (the first miss always gets one new
 * session): withdraw the case, or assess it on the portfolio alone.
 */
export enum NoShowRule {
  Withdraw = 'withdraw',
  Portfolio = 'portfolio',
}

/** Missed sessions (without notice) a candidate is allowed before the body's no-show rule applies. */
export const SESSIONS_MISSED_BEFORE_RULE = 1;

/** A person taking part in a session besides the candidate and the assessor (an observer, a jury member). */
export interface SessionAttendee {
  name: string;
  role: string;
}

/** Bounds of a session's duration, in minutes. */
export const SESSION_MINUTES_MIN = 10;
export const SESSION_MINUTES_MAX = 8 * 60;

/** How far ahead a session may be planned, in days: an assessment is not kept waiting longer for one. */
export const SESSION_HORIZON_DAYS = 180;

/** Sessions one case may have proposed in all: a bound on the messages (and invitations) a candidate is sent. */
export const SESSIONS_MAX_PER_CASE = 10;

/** The learning outcomes a method assesses: those that name it, and those that name no method (all assess them). */
export function outcomesAssessedBy(methodCode: string, outcomes: readonly { id: string; assessmentMethods: readonly string[] }[]): string[] {
  return outcomes.filter((o) => !o.assessmentMethods.length || o.assessmentMethods.includes(methodCode)).map((o) => o.id);
}

/**
 * Problems with the judgements recorded after a session, as sentences: each criterion once, and only criteria of
 * the learning outcomes the session's method assesses (`assessed`: their criterion ids).
 */
export function sessionJudgementProblems(assessed: ReadonlySet<string>, methodCode: string, judgements: readonly { criterionId: string }[]): string[] {
  const problems: string[] = [];
  const ids = judgements.map((j) => j.criterionId);
  const twice = [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))];
  if (twice.length) problems.push(`judgements name a criterion twice: ${twice.join(', ')}`);
  const outside = [...new Set(ids.filter((id) => !assessed.has(id)))];
  if (outside.length) problems.push(`judgements name criteria that method ${methodCode} does not assess in this standard: ${outside.join(', ')}`);
  return problems;
}
