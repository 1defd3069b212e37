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
