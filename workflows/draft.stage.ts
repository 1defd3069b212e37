import { CaseOutcome, CaseStatus, NotificationTemplate } from '../libs/domain';
import type { CaseRun } from './case-run';
import { days, iso } from './case-run';

/**
 * Identification: the candidate builds the portfolio and submits it. A candidate who goes quiet is reminded,
 * then the case lapses; a lapsed case may be reopened once within the reopen window, or it closes.
 */
export async function awaitSubmission(run: CaseRun): Promise<void> {
  for (;;) {
    if (await draftUntilSubmittedOrIdle(run)) return;
    await lapse(run);
  }
}

/** True when submitted; false when the candidate stayed inactive until the lapse day. */
async function draftUntilSubmittedOrIdle(run: CaseRun): Promise<boolean> {
  let remindedAt: number | null = null;
  for (;;) {
    const idleSince = run.candidateActiveAt;
    const reminded = remindedAt !== null && remindedAt >= idleSince;
    const lapseAt = idleSince + days(run.settings.inactivityLapseDays);
    const until = reminded ? lapseAt : idleSince + days(run.settings.inactivityReminderDays);
    const wake = await run.wait({ accept: ['submit'], until, candidateActivityAfter: idleSince });
    switch (wake.kind) {
      case 'candidateActivity':
        continue;
      case 'timeout':
        if (reminded) return false;
        remindedAt = Date.now();
        await run.event('inactivity_reminder', {
          actorId: null,
          reason: `no activity from the candidate for ${run.settings.inactivityReminderDays} days`,
          data: { lapsesAt: iso(lapseAt) },
        });
        await run.notifyCandidate(NotificationTemplate.InactivityReminder, { lapseDate: iso(lapseAt).slice(0, 10) });
        continue;
      case 'step':
        await submit(run, wake.step.input.actorId);
        return true;
      case 'conflict':
        continue;
    }
  }
}

async function submit(run: CaseRun, actorId: string): Promise<void> {
  await run.transition(CaseStatus.Submitted, { actorId, reason: 'submitted by the candidate' });
  await run.notifyCandidate(NotificationTemplate.CaseSubmitted);
  await run.transition(CaseStatus.Screening, { actorId: null, reason: 'screening: checking every learning outcome has evidence' });
}

/** Lapsed: waits for the candidate to reopen (once) until the reopen window ends; returns when reopened. */
async function lapse(run: CaseRun): Promise<void> {
  const { inactivityLapseDays, reopenWindowDays } = run.settings;
  await run.transition(CaseStatus.Lapsed, { actorId: null, reason: `no activity from the candidate for ${inactivityLapseDays} days` });
  const endOptions = { outcome: CaseOutcome.Lapsed, actorId: null, assignmentEnd: 'lapsed', notice: NotificationTemplate.CaseClosed } as const;
  if (run.state.reopened) {
    await run.endCase(CaseStatus.Closed, { ...endOptions, reason: 'lapsed again after being reopened; a case can be reopened only once' });
  }
  const reopenBy = Date.now() + days(reopenWindowDays);
  run.state.reopenDeadline = iso(reopenBy);
  await run.notifyCandidate(NotificationTemplate.CaseLapsed, { reopenDeadline: iso(reopenBy).slice(0, 10) });
  const wake = await run.wait({ accept: ['reopen'], until: reopenBy });
  if (wake.kind !== 'step') {
    await run.endCase(CaseStatus.Closed, { ...endOptions, reason: `not reopened within ${reopenWindowDays} days of lapsing` });
  }
  run.state.reopened = true;
  run.state.reopenDeadline = null;
  await run.transition(CaseStatus.Draft, { actorId: run.ctx.candidateId, reason: 'reopened by the candidate' });
  run.candidateActiveAt = Date.now();
}
