import { CaseFailure, CaseOutcome, CaseStage, CaseStatus, NotificationTemplate } from '../../libs/domain';
import { decideAdmissibilityUpdate, reopenUpdate } from '../../workflows/messages';
import { recordHistory } from '../replay/record-histories';
import { CaseHarness, days, justAfter, rejection } from './support';

describe('case workflow: inactivity, lapse, reopening and admissibility', () => {
  let h: CaseHarness;
  beforeAll(async () => {
    h = await CaseHarness.start();
  }, 120_000);
  afterAll(async () => {
    await h?.stop();
  });

  it('reminds an inactive candidate, resets the clock on activity, lapses the case and lets it be reopened once', async () => {
    const c = await h.newCase();
    const reminders = async () => (await c.events()).filter((e) => e.type === 'inactivity_reminder').length;
    const reopen = () => c.handle.executeUpdate(reopenUpdate, { args: [{ actorId: c.candidate.id }] });

    await h.sleep(days(59));
    expect(await reminders()).toBe(0);
    // Activity on day 59 (written on the case row, as the API does: no message to the workflow) moves the reminder to day 119.
    await c.touch();
    await h.sleep(days(59));
    expect(await reminders()).toBe(0);
    await h.sleep(days(2));
    expect(await reminders()).toBe(1);
    expect(await c.templatesFor(c.candidate.id)).toEqual([NotificationTemplate.CaseStarted, NotificationTemplate.InactivityReminder]);

    // Day 149 (90 days after the last activity): the case lapses.
    await h.sleep(justAfter(30));
    const lapsed = await c.until((s) => s.status === CaseStatus.Lapsed, 'lapsed');
    expect(lapsed.reopenDeadline).not.toBeNull();
    expect(await c.caseRow()).toMatchObject({ status: CaseStatus.Lapsed, stage: CaseStage.Identification, outcome: null });
    expect((await c.templatesFor(c.candidate.id)).at(-1)).toBe(NotificationTemplate.CaseLapsed);
    expect(await rejection(c.submit())).toEqual({ type: CaseFailure.NotAllowedInStatus, message: 'the case is lapsed: submitting is allowed only while it is a draft' });

    expect(await reopen()).toEqual({ status: CaseStatus.Draft, stage: CaseStage.Identification });
    expect(await c.state()).toMatchObject({ reopened: true, reopenDeadline: null });

    // Inactive again: a second reminder, then the case lapses for good, since it may be reopened only once.
    const final = await c.handle.result();
    await recordHistory(c.handle, 'lapse-and-reopen');
    expect(final).toMatchObject({ status: CaseStatus.Closed, outcome: CaseOutcome.Lapsed, reopened: true });
    expect(await reminders()).toBe(2);
    expect(await c.statusPath()).toEqual([CaseStatus.Lapsed, CaseStatus.Draft, CaseStatus.Lapsed, CaseStatus.Closed]);
    expect((await c.events()).at(-1)).toMatchObject({ reason: 'lapsed again after being reopened; a case can be reopened only once' });
    expect(await c.caseRow()).toMatchObject({ status: CaseStatus.Closed, outcome: CaseOutcome.Lapsed });
  });

  it('closes a lapsed case that is not reopened within the reopen window', async () => {
    const c = await h.newCase({ settings: { inactivityReminderDays: 5, inactivityLapseDays: 10, reopenWindowDays: 20 } });
    const final = await c.handle.result();
    expect(final).toMatchObject({ status: CaseStatus.Closed, outcome: CaseOutcome.Lapsed, reopened: false });
    const closing = (await c.events()).at(-1)!;
    expect(closing).toMatchObject({ fromStatus: CaseStatus.Lapsed, toStatus: CaseStatus.Closed, reason: 'not reopened within 20 days of lapsing' });
    expect((await c.templatesFor(c.candidate.id)).at(-1)).toBe(NotificationTemplate.CaseClosed);
  });

  it('lets the body find a case not admissible, which closes it with the reason', async () => {
    const c = await h.newCase({ settings: { requireAdmissibility: true } });
    expect(await c.submit()).toEqual({ status: CaseStatus.Submitted, stage: CaseStage.Documentation });
    await c.untilStatus(CaseStatus.AwaitingAdmissibility);
    expect(await c.templatesFor(c.admin.id)).toEqual([NotificationTemplate.AdmissibilityNeeded]);
    expect(await rejection(c.handle.executeUpdate(decideAdmissibilityUpdate, { args: [{ actorId: c.admin.id, admissible: false, reason: ' ' }] }))).toEqual({
      type: CaseFailure.InvalidInput,
      message: 'a reason is required when a case is not admissible',
    });
    expect(
      await c.handle.executeUpdate(decideAdmissibilityUpdate, { args: [{ actorId: c.admin.id, admissible: false, reason: 'the standard needs two years of practice' }] }),
    ).toEqual({ status: CaseStatus.Closed, stage: CaseStage.Certification });
    const final = await c.handle.result();
    await recordHistory(c.handle, 'admissibility-refused');
    expect(final).toMatchObject({ status: CaseStatus.Closed, outcome: CaseOutcome.Inadmissible });
    expect(await c.caseRow()).toMatchObject({ status: CaseStatus.Closed, outcome: CaseOutcome.Inadmissible });
    const events = await c.events();
    expect(events.find((e) => e.type === 'admissibility_decided')).toMatchObject({ actorId: c.admin.id, data: { admissible: false } });
    expect(events.at(-1)).toMatchObject({ toStatus: CaseStatus.Closed, actorId: c.admin.id, reason: 'the standard needs two years of practice' });
    expect((await c.templatesFor(c.candidate.id)).at(-1)).toBe(NotificationTemplate.CaseInadmissible);
  });

  it('assigns an assessor once the body finds the case admissible', async () => {
    const c = await h.newCase({ settings: { requireAdmissibility: true } });
    await c.submit();
    await c.untilStatus(CaseStatus.AwaitingAdmissibility);
    expect(
      await c.handle.executeUpdate(decideAdmissibilityUpdate, { args: [{ actorId: c.admin.id, admissible: true, reason: 'meets the entry conditions' }] }),
    ).toEqual({ status: CaseStatus.AwaitingAdmissibility, stage: CaseStage.Documentation });
    await c.untilStatus(CaseStatus.AssessorAssigned);
    await c.withdraw();
  });
});
