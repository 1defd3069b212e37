import { CaseStatus, CriterionResult, SESSION_MINUTES_MAX, SESSION_MINUTES_MIN, SESSION_OUTCOMES, SESSIONS_MAX_PER_CASE, SESSIONS_MISSED_BEFORE_RULE, SessionStatus } from '../../../../../libs/domain';
import type { CaseDetailResponse } from '../../cases/dto/case.response';
import type { SessionResponse } from '../../sessions/dto/session.response';
import type { SessionOverview } from '../../sessions/sessions.service';
import type { FieldError } from '../portal-form';
import { errorsByField } from '../portal-form';

// What the case pages show of assessment sessions, built from SessionsService.overview: plain values the strict
// templates read. The rules of when a step is open mirror the process's (workflows/case-steps.ts), so a page offers
// only what the process would take; the process still decides.

/** A session form sent back with mistakes. */
export interface SessionFormState {
  form: 'propose' | 'record' | 'reschedule';
  values: Record<string, string>;
  errors: FieldError[];
}

const PENDING: readonly SessionStatus[] = [SessionStatus.Proposed, SessionStatus.Confirmed];
/** While an assessor holds the case: the only time sessions are planned, answered and recorded. */
const HOLDING: readonly CaseStatus[] = [CaseStatus.AssessorAssigned, CaseStatus.UnderAssessment];

/** How many extra people a proposal names on the page (the JSON API takes up to 10). */
export const ATTENDEE_ROWS = 3;

function sessionRow(s: SessionResponse, now: Date) {
  return {
    id: s.id,
    sequence: s.sequence,
    methodKey: `session.method.${s.methodType}`,
    methodCode: s.methodCode,
    status: s.status,
    statusKey: `session.status.${s.status}`,
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    durationMinutes: s.durationMinutes,
    location: s.location,
    onlineUrl: s.onlineUrl,
    attendees: s.attendees,
    candidateNote: s.candidateNote,
    outcomeNote: s.outcomeNote,
    invitationPath: s.invitation,
    pending: PENDING.includes(s.status),
    begun: Date.parse(s.startsAt) <= now.getTime(),
  };
}

function pendingOf(overview: SessionOverview) {
  return overview.items.find((s) => PENDING.includes(s.status)) ?? null;
}

/** The candidate's part: their sessions, and the answer they may give to the one still to take place. */
export function candidateSessions(overview: SessionOverview, status: CaseStatus, now: Date, state: SessionFormState | null) {
  const pending = pendingOf(overview);
  const open = pending !== null && HOLDING.includes(status) && Date.parse(pending.startsAt) > now.getTime();
  return {
    items: overview.items.map((s) => sessionRow(s, now)),
    pendingId: pending?.id ?? null,
    canConfirm: open && pending?.status === SessionStatus.Proposed,
    canReschedule: open && overview.reschedulesLeft > 0,
    noMoreReschedules: open && overview.reschedulesLeft === 0,
    reschedulesLeft: overview.reschedulesLeft,
    timeZone: overview.timeZone,
    reschedule: { note: state?.form === 'reschedule' ? (state.values.note ?? '') : '', errors: errorsByField(state?.form === 'reschedule' ? state.errors : []) },
  };
}

/**
 * The holder's part: the sessions, a proposal when none is planned, and the record of the one planned. Also says
 * whether the assessment must wait for a session (a standard assessed by an interview or the like is assessed once
 * one was held, unless the candidate missed two and the body's rule left the portfolio alone).
 */
export function assessorSessions(overview: SessionOverview, detail: CaseDetailResponse, holding: boolean, now: Date, state: SessionFormState | null) {
  const pending = pendingOf(overview);
  const held = overview.items.some((s) => s.status === SessionStatus.Held);
  const missed = overview.items.filter((s) => s.status === SessionStatus.CandidateAbsent).length;
  const portfolioOnly = missed > SESSIONS_MISSED_BEFORE_RULE;
  const holdingStatus = holding && HOLDING.includes(detail.status);
  const values = (form: SessionFormState['form']) => (state?.form === form ? state.values : {});
  const errors = (form: SessionFormState['form']) => errorsByField(state?.form === form ? state.errors : []);
  const proposeValues = values('propose');
  const recordValues = values('record');
  const recordErrors = errors('record');
  const method = pending ? overview.methods.find((m) => m.code === pending.methodCode) : undefined;
  const assessed = new Set(method?.learningOutcomeIds ?? []);
  const results = [CriterionResult.Met, CriterionResult.NotMet, CriterionResult.InsufficientEvidence];
  return {
    items: overview.items.map((s) => sessionRow(s, now)),
    /** Planned or needed, a session keeps the rubric and the evidence request closed until it is recorded. */
    blocksAssessment: pending !== null || (overview.methods.length > 0 && !held && !portfolioOnly),
    waitingForRecord: pending !== null,
    portfolioOnly,
    canPropose: holdingStatus && overview.methods.length > 0 && !pending && !portfolioOnly && overview.items.length < SESSIONS_MAX_PER_CASE,
    timeZone: overview.timeZone,
    propose: {
      methods: overview.methods.map((m, i) => ({
        id: i === 0 ? 'field-methodCode' : `field-methodCode-${m.code}`,
        value: m.code,
        labelKey: `session.method.${m.type}`,
        code: m.code,
        description: m.description,
        checked: (proposeValues.methodCode ?? (overview.methods.length === 1 ? m.code : undefined)) === m.code,
      })),
      startsAt: proposeValues.startsAt ?? '',
      durationMinutes: proposeValues.durationMinutes ?? '60',
      location: proposeValues.location ?? '',
      onlineUrl: proposeValues.onlineUrl ?? '',
      attendees: Array.from({ length: ATTENDEE_ROWS }, (_, i) => ({
        n: i + 1,
        name: proposeValues[`attendeeName${i + 1}`] ?? '',
        role: proposeValues[`attendeeRole${i + 1}`] ?? '',
      })),
      minutes: { min: SESSION_MINUTES_MIN, max: SESSION_MINUTES_MAX },
      errors: errors('propose'),
    },
    record:
      holdingStatus && pending
        ? {
            sessionId: pending.id,
            begun: Date.parse(pending.startsAt) <= now.getTime(),
            outcomes: SESSION_OUTCOMES.map((value, i) => ({
              id: i === 0 ? 'field-outcome' : `field-outcome-${value}`,
              value,
              labelKey: `session.record.outcome.${value}`,
              checked: recordValues.outcome === value,
            })),
            note: recordValues.note ?? '',
            criteria: detail.standard.learningOutcomes
              .filter((o) => assessed.has(o.id))
              .flatMap((o) =>
                o.criteria.map((c) => ({
                  outcomeCode: o.code,
                  code: c.code,
                  description: c.description,
                  commentName: `comment-${c.id}`,
                  comment: recordValues[`comment-${c.id}`] ?? '',
                  resultError: recordErrors[`result-${c.id}`] ?? null,
                  choices: results.map((value, i) => ({
                    id: i === 0 ? `field-result-${c.id}` : `field-result-${c.id}-${value}`,
                    name: `result-${c.id}`,
                    value,
                    labelKey: `assessor.result.${value}`,
                    checked: recordValues[`result-${c.id}`] === value,
                  })),
                })),
              ),
            errors: recordErrors,
          }
        : null,
  };
}
