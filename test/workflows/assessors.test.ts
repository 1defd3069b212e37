import { AssessmentPurpose, CaseStatus, NotificationTemplate, Role } from '../../libs/domain';
import { factories } from '../factories';
import { CaseHarness, days, justAfter } from './support';

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
    await c.submit();
    expect((await c.state()).assessorId).toBe(first.id);
    await c.accept(first.id);

    await h.env.sleep(justAfter(10));
    const reminders = async () => (await c.events()).filter((e) => e.type === 'assessor_reminder');
    expect(await reminders()).toHaveLength(1);
    expect(await c.templatesFor(first.id)).toEqual([NotificationTemplate.AssessorAssigned, NotificationTemplate.AssessorReminder]);
    expect((await c.state()).assessorId).toBe(first.id);

    await h.env.sleep(days(4));
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
  });

  it('reassigns the case when its assessor declares a conflict of interest, and never picks them again', async () => {
    const c = await h.newCase({ assessors: 2 });
    const [first, second] = c.assessors;
    await c.submit();
    expect((await c.state()).assessorId).toBe(first.id);

    await c.declareConflict(first.id);
    const moved = await c.until((s) => s.assessorId === second.id, 'reassigned after the conflict');
    expect(moved.status).toBe(CaseStatus.AssessorAssigned);
    expect((await c.assignments()).map((a) => [a.assessorId, a.status])).toEqual([
      [first.id, 'conflict'],
      [second.id, 'active'],
    ]);
    // The second assessor also misses the SLA: with the first excluded by the conflict, nobody is free.
    await h.env.sleep(justAfter(14));
    await c.until((s) => s.assessorId === null, 'the second assessor released');
    const events = await c.events();
    expect(events.at(-1)).toMatchObject({ type: 'no_assessor_available', data: { purpose: AssessmentPurpose.Assessment } });
    expect(await c.templatesFor(c.admin.id)).toEqual([NotificationTemplate.NoAssessorAvailable]);
    await c.withdraw();
  });

  it('tells the body admins when no assessor is free and tries again after assessorRetryDays', async () => {
    const c = await h.newCase({ assessors: 0, settings: { assessorRetryDays: 2 } });
    expect((await c.submit()).status).toBe(CaseStatus.Screening);
    expect(await c.templatesFor(c.admin.id)).toEqual([NotificationTemplate.NoAssessorAvailable]);
    const noneFree = (await c.events()).at(-1)!;
    expect(noneFree).toMatchObject({ type: 'no_assessor_available', toStatus: CaseStatus.Screening });

    const newcomer = await factories(h.ds).user(Role.Assessor, c.standard.awardingBodyId);
    await h.env.sleep(justAfter(2));
    const assigned = await c.until((s) => s.status === CaseStatus.AssessorAssigned, 'assigned on retry');
    expect(assigned.assessorId).toBe(newcomer.id);
    await c.withdraw();
  });
});
