import { CaseFailure, CaseOutcome, CaseStatus, DecisionResult, NotificationTemplate, Recommendation } from '../../libs/domain';
import { CaseStepEntity } from '../../libs/persistence/entities';
import { recordHistory } from '../replay/record-histories';
import { resolveAttentionUpdate } from '../../workflows/messages';
import { CaseHarness, rejection } from './support';

/**
 * The process stays bounded and honest over months: continue-as-new whenever the history grows, an assessment
 * set aside when its assessor declares a conflict.
 */
// A restarted run's first task waits out the test server's sticky-queue timeout (about 5 s): allow for it.
jest.setTimeout(180_000);

describe('case workflow: bounded and honest over months', () => {
  let h: CaseHarness;
  beforeAll(async () => {
    h = await CaseHarness.start();
  }, 120_000);
  afterAll(async () => {
    await h?.stop();
  });

  it('refuses a step whose write the records refuse, parks the case, and keeps it parked and running when another such step comes', async () => {
    // PostgreSQL refuses the NUL character in a reason sent straight to the process (the API refuses it at its door).
    const MARK = '\u0000';
    const c = await h.newCase();
    await c.state();
    // The candidate's withdrawal cannot be written: the candidate is told so, not answered with a status.
    expect(await rejection(c.withdraw(`moving abroad ${MARK}`))).toEqual({
      type: CaseFailure.ProcessFault,
      message: expect.stringMatching(/^this step could not be taken: the case's process stopped on a fault/),
    });
    const parked = await c.untilStatus(CaseStatus.NeedsAttention);
    expect(parked.attentionReason).toMatch(/SQLSTATE 22021/);

    // Parked, another step the records refuse is turned down and the case stays parked, its process waiting.
    expect(await rejection(c.withdraw(`still moving ${MARK}`))).toEqual({
      type: CaseFailure.ProcessFault,
      message: expect.stringMatching(/^this step could not be recorded: the case's records refused it/),
    });
    expect((await c.handle.describe()).status.name).toBe('RUNNING');
    expect((await c.caseRow()).status).toBe(CaseStatus.NeedsAttention);
    expect(await c.templatesFor(c.admin.id)).toEqual([NotificationTemplate.CaseNeedsAttention]);

    // The admin's retry resumes the draft, and the candidate can withdraw in plain words.
    await c.handle.executeUpdate(resolveAttentionUpdate, { args: [{ actorId: c.admin.id, action: 'retry', reason: 'the text is fixed' }] });
    await c.untilStatus(CaseStatus.Draft);
    await c.state();
    await c.withdraw('moving abroad');
    expect(await c.handle.result()).toMatchObject({ status: CaseStatus.Withdrawn });
    expect(await c.statusPath()).toEqual([CaseStatus.NeedsAttention, CaseStatus.Draft, CaseStatus.Withdrawn]);
    await c.expectNoDuplicates();
  });

  it('sets aside an assessment whose assessor declares a conflict before the decision, and assesses again', async () => {
    const c = await h.newCase({ assessors: 2 });
    const [first, second] = c.assessors;
    await c.submitUntil();
    await c.accept(first.id);
    await c.recordAssessment(first.id, Recommendation.Award);
    await c.declareConflict(first.id);
    await c.untilStatus(CaseStatus.AssessorAssigned);
    const events = await c.events();
    expect(events.find((e) => e.type === 'assessment_set_aside')).toMatchObject({ data: { assessorId: first.id, purpose: 'assessment' } });
    expect((await c.state()).assessorId).toBe(second.id);
    expect(await rejection(c.decide(DecisionResult.Awarded, c.outcomeIds))).toMatchObject({ message: expect.stringContaining('the case is assigned to an assessor') });
    await c.recordAssessment(second.id, Recommendation.Award);
    await c.decide(DecisionResult.Awarded, c.outcomeIds, 'on the second assessment');
    const [decision] = await c.decisions();
    expect(decision).toMatchObject({ sequence: 1, result: DecisionResult.Awarded });
    await c.expectNoDuplicates();
  });

  it('continues as new whenever the history grows long, and the case still runs its course', async () => {
    // a low limit stands in for Temporal's own suggestion: every run hands over at its first wait past it
    const c = await h.newCase({ historyLimit: 15, settings: { inactivityReminderDays: 5, inactivityLapseDays: 10, reopenWindowDays: 20 } });
    expect(await c.handle.result()).toMatchObject({ status: CaseStatus.Closed, outcome: CaseOutcome.Lapsed });
    const runs = await c.runs();
    expect(runs.length).toBeGreaterThanOrEqual(3);
    // a run hands over at its first wait past the limit: never far past it
    for (const run of runs) expect(run.events?.length ?? 0).toBeLessThan(15 + 45);
    expect(await c.statusPath()).toEqual([CaseStatus.Lapsed, CaseStatus.Closed]);
    expect((await c.events()).filter((e) => e.type === 'inactivity_reminder')).toHaveLength(1);
    expect(await c.templatesFor(c.candidate.id)).toEqual([
      NotificationTemplate.CaseStarted,
      NotificationTemplate.InactivityReminder,
      NotificationTemplate.CaseLapsed,
      NotificationTemplate.CaseClosed,
    ]);
    // every run wrote its own steps: keys never met across runs
    const steps = await h.ds.getRepository(CaseStepEntity).findBy({ caseId: c.caseId });
    expect(new Set(steps.map((s) => s.key.split('/')[0])).size).toBeGreaterThanOrEqual(3);
    await c.expectNoDuplicates();
    await recordHistory(c.handle, 'continue-as-new');
  });

});
