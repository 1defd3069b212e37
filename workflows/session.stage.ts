import {
  CaseOutcome,
  CaseStatus,
  DAY_MS,
  NoShowRule,
  NotificationTemplate,
  SESSIONS_MISSED_BEFORE_RULE,
  SessionStatus,
} from '../libs/domain';
import type { MessagePhrase } from '../libs/domain';
import type { MessageData, NotificationSpec } from './activities';
import type { CaseRun, StepSpec } from './case-run';
import type { AnswerSessionInput, PendingSession, ProposeSessionInput, RecordSessionInput } from './types';

const HOUR_MS = 60 * 60 * 1000;

/**
 * Assessment sessions inside the assessment stage: while an assessor holds the case, they may propose an
 * interview, observation, simulation or jury; the candidate confirms it or asks for another time; both are
 * reminded before it; once its time has come the assessor records it as held, missed or postponed. A candidate
 * who misses one without notice gets one new session; after a second miss the body's no-show rule applies.
 * The stage's holding loop waits on `sessionAlarm` beside the assessor's SLA.
 */

/** When the pending session's reminder is due (null: no session, or reminded already). */
export function sessionAlarm(run: CaseRun): string | null {
  const pending = run.state.sessions.pending;
  if (!pending || pending.reminded) return null;
  return new Date(Date.parse(pending.startsAt) - run.settings.sessionReminderHours * HOUR_MS).toISOString();
}

/** A message about a session to the candidate or an assessor; its time is worded in the recipient's zone. */
function sessionMessage(
  run: CaseRun,
  template: NotificationTemplate,
  to: 'candidate' | string,
  session: Pick<PendingSession, 'id' | 'startsAt' | 'methodType'>,
  data: MessageData = {},
  calendar?: 'REQUEST' | 'CANCEL',
): NotificationSpec {
  const recipient = to === 'candidate' ? { userId: run.ctx.candidateId } : { userId: to };
  const message = run.message(template, recipient, { method: session.methodType, ...data }, { when: { at: session.startsAt } });
  return calendar ? { ...message, calendar: { sessionId: session.id, method: calendar } } : message;
}

export async function remindOfSession(run: CaseRun): Promise<void> {
  const session = run.state.sessions.pending!;
  await run.record({
    session: { update: { id: session.id, reminded: true } },
    events: [{ type: 'session_reminder', reason: `reminder of the ${session.methodType} on ${session.when}`, actorId: null, data: { sessionId: session.id } }],
    notifications: [
      sessionMessage(run, NotificationTemplate.SessionReminder, 'candidate', session),
      sessionMessage(run, NotificationTemplate.SessionReminder, session.assessorId, session),
    ],
  });
}

/**
 * The holder proposes a session. Proposing accepts the assignment; a session that ends too late for the
 * assessment's SLA moves the SLA to `sessionResultDays` after it.
 */
export async function proposeSession(run: CaseRun, input: ProposeSessionInput): Promise<void> {
  const p = input.session;
  const method = run.ctx.assessmentMethods!.find((m) => m.code === p.methodCode)!;
  const startsAt = Date.parse(p.startsAt);
  const endsAt = startsAt + p.durationMinutes * 60_000;
  const resultDue = new Date(endsAt + run.settings.sessionResultDays * DAY_MS).toISOString();
  const due = run.state.assessmentDueAt;
  const extend = !due || Date.parse(due) < Date.parse(resultDue);
  // a session proposed within its reminder window needs no reminder: the proposal is one
  const reminded = startsAt - Date.now() <= run.settings.sessionReminderHours * HOUR_MS;
  const session = { id: p.id, sequence: run.state.sessions.proposed + 1, methodType: method.type, startsAt: new Date(startsAt).toISOString() };
  const left = run.settings.sessionRescheduleLimit - run.state.sessions.rescheduled;
  await run.record({
    actorId: input.assessorId,
    transitions:
      run.state.status === CaseStatus.AssessorAssigned
        ? [{ to: CaseStatus.UnderAssessment, reason: 'assignment accepted by proposing a session', deadlines: due ? { assessmentDueAt: { at: due } } : {} }]
        : [],
    session: { propose: { ...p, startsAt: session.startsAt, sequence: session.sequence, assessorId: input.assessorId, methodType: method.type, reminded } },
    setDeadlines: extend ? { assessmentDueAt: { at: resultDue } } : undefined,
    events: [
      {
        type: 'session_proposed',
        reason: `${method.type} proposed`,
        data: { sessionId: p.id, sequence: session.sequence, methodCode: method.code, methodType: method.type, startsAt: session.startsAt, durationMinutes: p.durationMinutes },
      },
    ],
    notifications: [
      sessionMessage(
        run,
        NotificationTemplate.SessionProposed,
        'candidate',
        session,
        {
          durationMinutes: p.durationMinutes,
          place: [p.location, p.onlineUrl].filter(Boolean).join(' — '),
          attendees: p.attendees.length ? p.attendees.map((a) => `${a.name} (${a.role})`).join(', ') : null,
          // a count the template words ("once more", "encore 2 fois"); 0 leaves the offer out
          reschedulesLeft: Math.max(left, 0),
        },
        'REQUEST',
      ),
    ],
  });
  if (extend) run.assessorReminded = false;
}

/** The candidate confirms the session, or asks for another time (the assessor then proposes another). */
export async function answerSession(run: CaseRun, input: AnswerSessionInput): Promise<void> {
  const session = run.state.sessions.pending!;
  if (input.answer === 'confirm') {
    await run.record({
      actorId: input.actorId,
      session: { update: { id: session.id, status: SessionStatus.Confirmed } },
      events: [{ type: 'session_confirmed', reason: `the candidate confirmed the ${session.methodType}`, data: { sessionId: session.id } }],
      notifications: [sessionMessage(run, NotificationTemplate.SessionConfirmed, session.assessorId, session)],
    });
    return;
  }
  const note = input.note.trim();
  await run.record({
    actorId: input.actorId,
    session: { update: { id: session.id, status: SessionStatus.RescheduleRequested, candidateNote: note, calendarChange: true } },
    events: [{ type: 'session_reschedule_requested', reason: `the candidate asked for another time for the ${session.methodType}`, data: { sessionId: session.id } }],
    notifications: [
      sessionMessage(run, NotificationTemplate.SessionRescheduleRequested, session.assessorId, session, { candidateNote: note }),
      sessionMessage(run, NotificationTemplate.SessionCancelled, 'candidate', session, { reason: { phrase: 'reschedule_requested' } }, 'CANCEL'),
    ],
  });
}

/**
 * The holder records how the session went. Held: its judgements are kept for the assessment. Postponed: the
 * assessor proposes another. Missed without notice: the first time the candidate gets one new session; after
 * that the body's no-show rule withdraws the case or leaves it to be assessed on the portfolio alone.
 */
export async function recordSession(run: CaseRun, input: RecordSessionInput): Promise<void> {
  const session = run.state.sessions.pending!;
  const note = input.note?.trim() || null;
  const base = { actorId: input.assessorId };
  if (input.outcome === SessionStatus.Held) {
    await run.record({
      ...base,
      session: { update: { id: session.id, status: SessionStatus.Held, outcomeNote: note, judgements: input.judgements ?? [] } },
      events: [{ type: 'session_held', reason: `the ${session.methodType} was held`, data: { sessionId: session.id } }],
    });
    return;
  }
  if (input.outcome === SessionStatus.Postponed) {
    await run.record({
      ...base,
      session: { update: { id: session.id, status: SessionStatus.Postponed, outcomeNote: note, calendarChange: true } },
      events: [{ type: 'session_postponed', reason: `the ${session.methodType} was postponed by the assessor`, data: { sessionId: session.id } }],
      notifications: [
        sessionMessage(run, NotificationTemplate.SessionCancelled, 'candidate', session, { reason: { phrase: 'session_postponed' } }, 'CANCEL'),
      ],
    });
    return;
  }
  const missedBefore = run.state.sessions.missed;
  const absent: StepSpec = {
    ...base,
    session: { update: { id: session.id, status: SessionStatus.CandidateAbsent, outcomeNote: note } },
    events: [{ type: 'session_missed', reason: `the candidate did not come to the ${session.methodType}`, data: { sessionId: session.id, missed: missedBefore + 1 } }],
  };
  if (missedBefore < SESSIONS_MISSED_BEFORE_RULE) {
    await run.record({
      ...absent,
      notifications: [sessionMessage(run, NotificationTemplate.SessionMissed, 'candidate', session, { then: { phrase: 'session_missed_first', rule: run.settings.sessionNoShowRule } })],
    });
    return;
  }
  if (run.settings.sessionNoShowRule === NoShowRule.Withdraw) {
    await run.endCase(CaseStatus.Withdrawn, {
      outcome: CaseOutcome.Withdrawn,
      reason: `the candidate missed a second assessment session without notice; under the awarding body's rule the case is withdrawn`,
      said: { phrase: 'second_session_missed_withdrawn' },
      actorId: input.assessorId,
      assignmentEnd: 'withdrawn',
      notice: NotificationTemplate.CaseWithdrawn,
      data: { cause: 'sessions_missed' },
      session: absent.session,
      events: absent.events,
    });
  }
  await run.record({
    ...absent,
    events: [
      ...(absent.events ?? []),
      { type: 'sessions_ended', reason: 'the candidate missed a second session without notice: the case is assessed on the portfolio alone', actorId: null },
    ],
    notifications: [
      sessionMessage(run, NotificationTemplate.SessionMissed, 'candidate', session, { then: { phrase: 'session_missed_second_portfolio' } }),
    ],
  });
}

/**
 * What a step adds to call off the pending session when the case leaves its assessor (reassignment): the
 * session is cancelled and the candidate's calendar told; the next assessor proposes their own.
 */
export function cancelPendingSession(run: CaseRun, reason: MessagePhrase): Pick<StepSpec, 'session' | 'notifications'> {
  const session = run.state.sessions.pending;
  if (!session) return {};
  return {
    session: { update: { id: session.id, status: SessionStatus.Cancelled, calendarChange: true } },
    notifications: [sessionMessage(run, NotificationTemplate.SessionCancelled, 'candidate', session, { reason }, 'CANCEL')],
  };
}
