import { CaseOutcome, CaseStatus, NotificationTemplate } from '../libs/domain';
import { records } from './case-activities';
import type { CaseRun } from './case-run';

/**
 * Identification: the candidate builds the portfolio and submits it. A candidate who goes quiet is reminded,
 * then the case lapses; a lapsed case may be reopened once within the reopen window, or it closes.
 * Portfolio edits send the workflow nothing: the inactivity clock is read from the case row when it fires.
 */
export async function awaitSubmission(run: CaseRun): Promise<void> {
  for (;;) {
    if (run.state.status === CaseStatus.Lapsed) await awaitReopening(run);
    if (await draftUntilSubmittedOrIdle(run)) return;
    await lapse(run);
  }
}

/** True when submitted; false when the candidate stayed inactive until the lapse day. */
async function draftUntilSubmittedOrIdle(run: CaseRun): Promise<boolean> {
  for (;;) {
    const clock = await records.draftClock(run.caseId);
    const now = Date.now();
    if (clock.reminded && Date.parse(clock.lapseAt) <= now) return false;
    if (!clock.reminded && Date.parse(clock.remindAt) <= now) {
      await run.record({
        events: [{ type: 'inactivity_reminder', reason: `no activity from the candidate for ${run.settings.inactivityReminderDays} days` }],
        notifications: [run.toCandidate(NotificationTemplate.InactivityReminder, {}, { lapseDate: { at: clock.lapseAt } })],
      });
      continue;
    }
    const wake = await run.wait({ accept: ['submit'], until: clock.reminded ? clock.lapseAt : clock.remindAt });
    if (wake.kind === 'step') {
      await run.record({
        actorId: wake.step.input.actorId,
        transitions: [{ to: CaseStatus.Submitted, reason: 'submitted by the candidate' }],
        notifications: [run.toCandidate(NotificationTemplate.CaseSubmitted)],
      });
      return true;
    }
  }
}

async function lapse(run: CaseRun): Promise<void> {
  const { inactivityLapseDays, reopenWindowDays } = run.settings;
  const reopenable = !run.state.reopened;
  await run.record({
    transitions: [
      {
        to: CaseStatus.Lapsed,
        reason: `no activity from the candidate for ${inactivityLapseDays} days`,
        deadlines: reopenable ? { reopenDeadline: { days: reopenWindowDays } } : {},
      },
    ],
    notifications: reopenable ? [run.toCandidate(NotificationTemplate.CaseLapsed, {}, { reopenDeadline: { deadline: 'reopenDeadline' } })] : [],
  });
  if (!reopenable) {
    await run.endCase(CaseStatus.Closed, {
      outcome: CaseOutcome.Lapsed,
      actorId: null,
      assignmentEnd: 'lapsed',
      notice: NotificationTemplate.CaseClosed,
      reason: 'lapsed again after being reopened; a case can be reopened only once',
      said: { phrase: 'lapsed_again' },
    });
  }
}

/** Lapsed: waits for the candidate to reopen (once) until the reopen deadline; returns when reopened. */
async function awaitReopening(run: CaseRun): Promise<void> {
  const wake = await run.wait({ accept: ['reopen'], until: run.state.reopenDeadline });
  if (wake.kind !== 'step') {
    await run.endCase(CaseStatus.Closed, {
      outcome: CaseOutcome.Lapsed,
      actorId: null,
      assignmentEnd: 'lapsed',
      notice: NotificationTemplate.CaseClosed,
      reason: `not reopened within ${run.settings.reopenWindowDays} days of lapsing`,
      said: { phrase: 'not_reopened_in_window', days: run.settings.reopenWindowDays },
    });
  }
  // Reopening counts as activity: the row's last activity moves to now with the transition.
  await run.record({ actorId: run.ctx.candidateId, transitions: [{ to: CaseStatus.Draft, reason: 'reopened by the candidate' }] });
  run.state.reopened = true;
}
