import { calendarDaysBetween, DEFAULT_TIME_ZONE, extendDeadline } from '../../libs/calendar';
import { CaseStatus, DecisionResult, NotificationTemplate, Recommendation } from '../../libs/domain';
import { answerEvidenceRequestUpdate, appealUpdate, assignAssessorUpdate, reopenUpdate, requestEvidenceUpdate, resolveAttentionUpdate } from '../../workflows/messages';
import { recordHistory } from '../replay/record-histories';
import { CaseHarness, days, justAfter, rejection } from './support';
import type { CaseScenario } from './support';

/**
 * A case whose run ended while the case was open (a failure, an operator's termination, the history limit) is
 * started again from its records and goes on where it stood. Once a run has been terminated, the test server
 * skips time slowly: the one test that waits for time runs first.
 */
// A restarted run's first task waits out the test server's sticky-queue timeout (about 5 s): allow for it.
jest.setTimeout(180_000);

describe('case workflow: every case always has its process', () => {
  let h: CaseHarness;
  beforeAll(async () => {
    h = await CaseHarness.start();
  }, 120_000);
  afterAll(async () => {
    await h?.stop();
  });

  async function terminateAndRestart(c: CaseScenario): Promise<void> {
    await c.handle.terminate('an operator ends the run');
    await c.restart();
    await c.state();
  }

  it('gives back the days a case spent parked: an evidence request due while it was parked can still be answered', async () => {
    const c = await h.newCase({ settings: { evidenceRequestDays: 7 } });
    await c.submitUntil();
    const { assessorId } = await c.state();
    await c.accept(assessorId!);
    await c.handle.executeUpdate(requestEvidenceUpdate, { args: [{ assessorId: assessorId!, message: 'Please add a recording.', learningOutcomeIds: [] }] });
    const due = (await c.caseRow()).evidenceDueAt!;
    const answer = (note: string) => c.handle.executeUpdate(answerEvidenceRequestUpdate, { args: [{ actorId: c.candidate.id, note }] });

    // PostgreSQL refuses the NUL character in the message the candidate's answer sends (sent straight to the
    // process: the API refuses it at its door): the case is parked, and waits 10 days for an admin.
    expect((await rejection(answer('recording added \u0000'))).message).toMatch(/^this step could not be taken/);
    const parkedAt = (await c.untilStatus(CaseStatus.NeedsAttention)).statusChangedAt!;
    await h.sleep(days(10));
    expect((await h.now()).getTime()).toBeGreaterThan(due.getTime());

    // Retried, the case is back where it was, its deadline moved by the local days it was parked.
    await c.handle.executeUpdate(resolveAttentionUpdate, { args: [{ actorId: c.admin.id, action: 'retry', reason: 'looked at it' }] });
    const resumed = await c.untilStatus(CaseStatus.EvidenceRequested);
    const daysParked = calendarDaysBetween(parkedAt, resumed.statusChangedAt!, DEFAULT_TIME_ZONE);
    expect(daysParked).toBeGreaterThanOrEqual(10);
    expect(resumed.evidenceDueAt!.toISOString()).toBe(extendDeadline(due, daysParked, DEFAULT_TIME_ZONE).toISOString());
    expect((await c.events()).at(-1)).toMatchObject({ toStatus: CaseStatus.EvidenceRequested, data: { deadlinesExtendedByDays: daysParked } });

    // The candidate answers within the moved deadline, and the case goes on.
    await c.state();
    expect(await answer('recording added')).toMatchObject({ status: CaseStatus.UnderAssessment });
    await c.expectNoDuplicates();
  });

  it('restarts a lapsed case with its reopen deadline, and the candidate reopens it', async () => {
    const c = await h.newCase({ settings: { inactivityReminderDays: 5, inactivityLapseDays: 10, reopenWindowDays: 20 } });
    await h.sleep(justAfter(10));
    await c.untilStatus(CaseStatus.Lapsed);
    const { reopenDeadline } = await c.caseRow();
    expect(reopenDeadline).not.toBeNull();
    await terminateAndRestart(c);
    expect(await c.state()).toMatchObject({ status: CaseStatus.Lapsed, reopenDeadline: reopenDeadline!.toISOString(), reopened: false });
    expect(await c.handle.executeUpdate(reopenUpdate, { args: [{ actorId: c.candidate.id }] })).toMatchObject({ status: CaseStatus.Draft });
    expect((await c.caseRow()).reopenDeadline).toBeNull();
    await c.withdraw();
    await c.expectNoDuplicates();
  });

  it('restarts under assessment, with an open evidence request, and takes the case on to its decision', async () => {
    const c = await h.newCase();
    await c.submitUntil();
    const { assessorId } = await c.state();
    await c.accept(assessorId!);
    await terminateAndRestart(c);
    expect((await c.state()).assessorId).toBe(assessorId);

    await c.handle.executeUpdate(requestEvidenceUpdate, { args: [{ assessorId: assessorId!, message: 'Please add a recording.', learningOutcomeIds: [] }] });
    const { evidenceDueAt } = await c.caseRow();
    await terminateAndRestart(c);
    // the request and its deadline are where they were; the same assessor holds the case
    expect(await c.state()).toMatchObject({ status: CaseStatus.EvidenceRequested, assessorId, evidenceDueAt: evidenceDueAt!.toISOString() });

    await c.handle.executeUpdate(answerEvidenceRequestUpdate, { args: [{ actorId: c.candidate.id, note: 'recording added' }] });
    await c.recordAssessment(assessorId!, Recommendation.Award);
    await terminateAndRestart(c);
    expect(await c.decide(DecisionResult.Awarded, c.outcomeIds, 'all evidenced')).toMatchObject({ status: CaseStatus.Awarded });
    expect(await c.credentials()).toHaveLength(1);
    await terminateAndRestart(c);
    // still in its appeal window: the candidate can appeal
    expect(await c.handle.executeUpdate(appealUpdate, { args: [{ actorId: c.candidate.id, reason: 'one outcome was misread' }] })).toMatchObject({
      status: CaseStatus.Appealed,
    });
    await c.untilStatus(CaseStatus.AssessorAssigned);
    expect((await c.state()).assessorId).not.toBe(assessorId);
    await c.expectNoDuplicates();
    const restarts = (await c.events()).filter((e) => e.type === 'transition');
    expect(restarts.map((e) => e.toStatus)).toEqual([
      CaseStatus.Submitted,
      CaseStatus.Screening,
      CaseStatus.AssessorAssigned,
      CaseStatus.UnderAssessment,
      CaseStatus.EvidenceRequested,
      CaseStatus.UnderAssessment,
      CaseStatus.AwaitingDecision,
      CaseStatus.Awarded,
      CaseStatus.Appealed,
      CaseStatus.AssessorAssigned,
    ]);
  });

  it('restarts a case waiting for an assessor without telling the admins again, and an admin assigns one by hand', async () => {
    const c = await h.newCase({ assessors: 0 });
    await c.submitUntil(CaseStatus.AwaitingAssessor);
    await terminateAndRestart(c);
    const assessor = await h.addAssessor(c);
    expect(
      await c.handle.executeUpdate(assignAssessorUpdate, { args: [{ actorId: c.admin.id, assessorId: assessor.id, reason: 'new in the team' }] }),
    ).toMatchObject({ status: CaseStatus.AssessorAssigned });
    expect(await c.templatesFor(c.admin.id)).toEqual([NotificationTemplate.NoAssessorAvailable]);
    expect(await c.templatesFor(assessor.id)).toEqual([NotificationTemplate.AssessorAssigned]);
    await c.withdraw();
    await c.expectNoDuplicates();
  });

  it('the reconciler restarts an open case whose run ended, notes it in the log, and parks one that keeps stopping', async () => {
    const c = await h.newCase();
    await c.submitUntil();
    await c.handle.terminate('the history limit, say');
    const reconcile = (caseIds: string[]) => h.activities.reconcileOpenCases({ maxRestartsPerDay: 2, caseIds });
    expect(await reconcile([c.caseId])).toEqual({ running: 0, restarted: [c.caseId], parked: [] });
    c.handle = h.env.client.workflow.getHandle(c.handle.workflowId);
    await c.state();
    expect((await c.events()).at(-1)).toMatchObject({ type: 'process_restarted', reason: expect.stringContaining('terminated while the case was assigned to an assessor') });
    expect(await reconcile([c.caseId])).toEqual({ running: 1, restarted: [], parked: [] });

    await c.handle.terminate('again');
    expect((await reconcile([c.caseId])).restarted).toEqual([c.caseId]);
    await c.state();
    await c.handle.terminate('and again');
    // a third stop within the day: parked for a person, then started so an admin can act on it
    expect(await reconcile([c.caseId])).toEqual({ running: 0, restarted: [c.caseId], parked: [c.caseId] });
    await c.untilStatus(CaseStatus.NeedsAttention);
    expect((await c.caseRow()).attentionReason).toMatch(/after 2 restarts in a day: a person must look at it/);
    expect(await c.templatesFor(c.admin.id)).toEqual([NotificationTemplate.CaseNeedsAttention]);
    expect(await c.handle.executeUpdate(resolveAttentionUpdate, { args: [{ actorId: c.admin.id, action: 'retry', reason: 'looked at it' }] })).toMatchObject({
      status: CaseStatus.AssessorAssigned,
    });
    await c.untilStatus(CaseStatus.AssessorAssigned);
    await c.state();
    await c.withdraw();
    await recordHistory(c.handle, 'needs-attention-and-retry');
    await c.expectNoDuplicates();
  });

});
