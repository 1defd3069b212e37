import { formatDeadline } from '../../libs/calendar';
import { AssessmentPurpose, CaseFailure, CaseStage, CaseStatus, NotificationTemplate, Role } from '../../libs/domain';
import { assignAssessorUpdate } from '../../workflows/messages';
import { factories } from '../factories';
import { recordHistory } from '../replay/record-histories';
import { CaseHarness, days, justAfter, rejection } from './support';

describe('case workflow: assessors, their SLA and conflicts of interest', () => {
  let h: CaseHarness;
  beforeAll(async () => {
    h = await CaseHarness.start();
  }, 120_000);
  afterAll(async () => {
    await h?.stop();
  });

  it('reminds the assessor on day 10 and passes the case to another assessor on day 14', async () => {
    const c = await h.newCase({ assessors: 2 });
    const [first, second] = c.assessors;
    await c.submitUntil();
    expect((await c.state()).assessorId).toBe(first.id);
    await c.accept(first.id);

    await h.sleep(justAfter(10));
    const reminders = async () => (await c.events()).filter((e) => e.type === 'assessor_reminder');
    expect(await reminders()).toHaveLength(1);
    // The log states the due date as people read it, in the body's zone.
    const { assessmentDueAt } = await c.caseRow();
    expect((await reminders())[0].reason).toBe(`assessment due on ${formatDeadline(assessmentDueAt!, 'Europe/Paris')}`);
    expect((await reminders())[0].reason).toMatch(/, 23:59 \(Europe\/Paris\)$/);
    expect(await c.templatesFor(first.id)).toEqual([NotificationTemplate.AssessorAssigned, NotificationTemplate.AssessorReminder]);
    expect((await c.state()).assessorId).toBe(first.id);

    await h.sleep(days(4));
    const moved = await c.until((s) => s.assessorId === second.id, 'reassigned to the second assessor');
    expect(moved.status).toBe(CaseStatus.AssessorAssigned);
    expect(moved.pastAssessorIds).toEqual([first.id, second.id]);
    expect((await c.assignments()).map((a) => [a.assessorId, a.round, a.status])).toEqual([
      [first.id, 1, 'reassigned'],
      [second.id, 2, 'active'],
    ]);
    expect(await c.templatesFor(first.id)).toEqual([
      NotificationTemplate.AssessorAssigned,
      NotificationTemplate.AssessorReminder,
      NotificationTemplate.AssessorReassigned,
    ]);
    expect(await c.templatesFor(second.id)).toEqual([NotificationTemplate.AssessorAssigned]);
    expect((await c.events()).at(-1)).toMatchObject({
      fromStatus: CaseStatus.UnderAssessment,
      toStatus: CaseStatus.AssessorAssigned,
      reason: 'reassigned: no assessment within 14 days',
    });
    expect(await reminders()).toHaveLength(1);
    await c.withdraw();
    await recordHistory(c.handle, 'sla-reminder-and-reassignment');
  });

  it('reassigns the case when its assessor declares a conflict of interest, and never picks them again', async () => {
    const c = await h.newCase({ assessors: 2 });
    const [first, second] = c.assessors;
    await c.submitUntil();
    expect((await c.state()).assessorId).toBe(first.id);

    await c.declareConflict(first.id);
    const moved = await c.until((s) => s.assessorId === second.id, 'reassigned after the conflict');
    expect(moved.status).toBe(CaseStatus.AssessorAssigned);
    expect((await c.assignments()).map((a) => [a.assessorId, a.status])).toEqual([
      [first.id, 'conflict'],
      [second.id, 'active'],
    ]);
    // The second assessor also misses the SLA: with the first excluded by the conflict, nobody is free.
    await h.sleep(justAfter(14));
    await c.untilStatus(CaseStatus.AwaitingAssessor);
    const waiting = (await c.events()).at(-1)!;
    expect(waiting).toMatchObject({ type: 'transition', toStatus: CaseStatus.AwaitingAssessor, data: { purpose: AssessmentPurpose.Assessment } });
    expect(await c.templatesFor(c.admin.id)).toEqual([NotificationTemplate.NoAssessorAvailable]);

    // An admin assigns by hand: never the assessor with a conflict, but the one passed over for the missed SLA may be.
    const assign = (assessorId: string) =>
      c.handle.executeUpdate(assignAssessorUpdate, { args: [{ actorId: c.admin.id, assessorId, reason: 'only assessor available this month' }] });
    expect(await rejection(assign(first.id))).toEqual({ type: CaseFailure.ConflictOfInterest, message: 'this assessor declared a conflict of interest with the candidate' });
    expect(await assign(second.id)).toEqual({ status: CaseStatus.AssessorAssigned, stage: CaseStage.Assessment });
    const byHand = (await c.events()).at(-1)!;
    expect(byHand).toMatchObject({ toStatus: CaseStatus.AssessorAssigned, actorId: c.admin.id, reason: 'assigned by hand: only assessor available this month' });
    expect((await c.assignments()).map((a) => [a.assessorId, a.round, a.status])).toEqual([
      [first.id, 1, 'conflict'],
      [second.id, 2, 'reassigned'],
      [second.id, 3, 'active'],
    ]);
    await c.withdraw();
    await recordHistory(c.handle, 'conflict-and-assignment-by-hand');
  });

  it('tells the body admins once when no assessor is free, retries quietly and assigns the first one who becomes free', async () => {
    const c = await h.newCase({ assessors: 0, settings: { assessorRetryDays: 2 } });
    await c.submitUntil(CaseStatus.AwaitingAssessor);
    expect(await c.templatesFor(c.admin.id)).toEqual([NotificationTemplate.NoAssessorAvailable]);
    // Days of retries add no message.
    await h.sleep(justAfter(6));
    expect(await c.templatesFor(c.admin.id)).toEqual([NotificationTemplate.NoAssessorAvailable]);
    expect((await c.caseRow()).status).toBe(CaseStatus.AwaitingAssessor);

    const newcomer = await factories(h.ds).user(Role.Assessor, c.standard.awardingBodyId);
    await h.sleep(justAfter(2));
    await c.untilStatus(CaseStatus.AssessorAssigned);
    expect((await c.state()).assessorId).toBe(newcomer.id);
    await c.withdraw();
    await recordHistory(c.handle, 'no-assessor-free');
  });

  // Last: once a run is terminated, the test server skips time slowly.
  it('does not remind the assessor again when the process is started again from the records after the reminder', async () => {
    const c = await h.newCase({ assessors: 2 });
    await c.submitUntil();
    const { assessorId } = await c.state();
    await c.accept(assessorId!);
    await h.sleep(justAfter(10));
    const reminders = async () => (await c.events()).filter((e) => e.type === 'assessor_reminder');
    expect(await reminders()).toHaveLength(1);
    expect((await reminders())[0].data).toMatchObject({ assessorId, dueAt: (await c.caseRow()).assessmentDueAt!.toISOString() });

    await c.handle.terminate('an operator ends the run');
    await c.restart();
    // the new run knows the reminder went out, so it waits for the due date instead of reminding again
    expect(await c.until((s) => s.loaded, 'the new run has loaded the case')).toMatchObject({ assessorReminded: true, assessorId });
    expect(await c.templatesFor(assessorId!)).toEqual([NotificationTemplate.AssessorAssigned, NotificationTemplate.AssessorReminder]);
    await c.withdraw();
    expect(await reminders()).toHaveLength(1);
  });
});
