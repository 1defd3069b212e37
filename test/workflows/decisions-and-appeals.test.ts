import { AssessmentPurpose, CaseFailure, CaseOutcome, CaseStage, CaseStatus, DecisionResult, NotificationTemplate, Recommendation } from '../../libs/domain';
import { formatDeadline } from '../../libs/calendar';
import { revokeDecisionUpdate } from '../../workflows/messages';
import { recordHistory } from '../replay/record-histories';
import { CaseHarness, justAfter, rejection } from './support';
import type { CaseScenario } from './support';

describe('case workflow: decisions, revocation and appeals', () => {
  let h: CaseHarness;
  beforeAll(async () => {
    // No workflow cache: one test pauses the worker (see CaseHarness.start).
    h = await CaseHarness.start({ maxCachedWorkflows: 0 });
  }, 120_000);
  afterAll(async () => {
    await h?.stop();
  });

  async function assessedBy(c: CaseScenario, assessorId: string, recommendation: Recommendation, met: number): Promise<void> {
    await c.accept(assessorId);
    expect(await c.recordAssessment(assessorId, recommendation, met)).toEqual({ status: CaseStatus.AwaitingDecision, stage: CaseStage.Certification });
  }

  it('closes a decision not to award when the appeal window ends', async () => {
    const c = await h.newCase();
    await c.submitUntil();
    await assessedBy(c, c.assessors[0].id, Recommendation.NotAward, 0);
    expect(await rejection(c.decide(DecisionResult.Awarded, []))).toMatchObject({ type: CaseFailure.InvalidInput });
    expect(await c.decide(DecisionResult.NotAwarded, [], 'no outcome evidenced')).toEqual({ status: CaseStatus.NotAwarded, stage: CaseStage.Certification });
    expect(await rejection(c.withdraw())).toEqual({
      type: CaseFailure.NotAllowedInStatus,
      message: "the case is not awarded: it can be withdrawn only before the awarding body's decision",
    });

    const final = await c.handle.result();
    expect(final).toMatchObject({ status: CaseStatus.Closed, outcome: CaseOutcome.NotAwarded, appealed: false });
    expect(await c.caseRow()).toMatchObject({ status: CaseStatus.Closed, outcome: CaseOutcome.NotAwarded });
    expect(await c.credentials()).toEqual([]);
    expect((await c.events()).at(-1)).toMatchObject({ fromStatus: CaseStatus.NotAwarded, toStatus: CaseStatus.Closed, reason: 'no appeal within 30 days of the decision' });
  });

  it("refuses an appeal after its window, stating when the window ended in the body's time zone, even when the worker is behind on its timer", async () => {
    const c = await h.newCase({ timeZone: 'Pacific/Auckland' });
    await c.submitUntil();
    await assessedBy(c, c.assessors[0].id, Recommendation.Award, 2);
    await c.decide(DecisionResult.Awarded, c.outcomeIds, 'all evidenced');
    const { appealDeadline } = await c.caseRow();
    const local = formatDeadline(appealDeadline!, 'Pacific/Auckland');
    // 23:59 on the last local day in Auckland is not 23:59 in UTC: the refusal must be in the body's zone.
    expect(local).toMatch(/^\d{1,2} [A-Z][a-z]+ \d{4}, 23:59 \(Pacific\/Auckland\)$/);
    const decided = (await c.notifications()).find((n) => n.template === NotificationTemplate.DecisionMade)!;
    expect(decided.bodyText).toContain(`You may appeal once, until ${local}.`);

    // The worker is down while the window ends: the appeal reaches the run before the timer that closes the case.
    await h.pauseWorker();
    const skipping = h.sleep(justAfter(30));
    // Time skips to the timer and stops there until a worker takes the timer's task: just past the deadline.
    while ((await h.env.currentTimeMs()) <= appealDeadline!.getTime()) await new Promise((r) => setTimeout(r, 100));
    const late = rejection(c.appeal('too late?'));
    await h.resumeWorker();
    expect(await late).toEqual({ type: CaseFailure.DeadlinePassed, message: `the appeal window ended on ${local}` });
    await skipping;
    expect(await c.handle.result()).toMatchObject({ status: CaseStatus.Closed, outcome: CaseOutcome.Awarded, appealed: false });
  });

  it('upholds an appeal: a new assessor, a new decision superseding the first, and the credential it now earns', async () => {
    const c = await h.newCase({ assessors: 3 });
    const [first, second, third] = c.assessors;
    await c.submitUntil();
    await c.accept(first.id);
    // A partial award is borderline: the second assessor moderates.
    await c.recordAssessment(first.id, Recommendation.PartialAward, 1);
    expect((await c.state()).moderatorId).toBe(second.id);
    await c.recordAssessment(second.id, Recommendation.NotAward, 0);
    expect(await c.decide(DecisionResult.NotAwarded, [], 'no outcome evidenced')).toMatchObject({ status: CaseStatus.NotAwarded });

    expect(await c.appeal('my second portfolio page was not read')).toEqual({ status: CaseStatus.Appealed, stage: CaseStage.Assessment });
    await c.untilStatus(CaseStatus.AssessorAssigned);
    const appealed = await c.state();
    expect(appealed).toMatchObject({ appealed: true, assessorId: third.id, appealDeadline: null });
    expect(await c.templatesFor(c.admin.id)).toContain(NotificationTemplate.AppealReceived);
    expect(await rejection(c.appeal())).toMatchObject({ type: CaseFailure.NotAllowedInStatus });

    await c.accept(third.id);
    expect(await c.recordAssessment(third.id, Recommendation.Award)).toEqual({ status: CaseStatus.AwaitingDecision, stage: CaseStage.Certification });
    // The decision after an appeal answers once recorded; it is final, so the case then closes.
    expect(await c.decide(DecisionResult.Awarded, c.outcomeIds, 'upheld on appeal')).toEqual({ status: CaseStatus.Awarded, stage: CaseStage.Certification });

    const final = await c.handle.result();
    expect(final).toMatchObject({ status: CaseStatus.Closed, outcome: CaseOutcome.Awarded, decisionSequence: 2, appealed: true });
    expect(final.pastAssessorIds).toEqual([first.id, second.id, third.id]);
    const [earlier, later] = await c.decisions();
    expect(earlier).toMatchObject({ sequence: 1, result: DecisionResult.NotAwarded, revokedBy: null, revocationReason: 'superseded after appeal' });
    expect(earlier.revokedAt).toBeInstanceOf(Date);
    expect(later).toMatchObject({ sequence: 2, result: DecisionResult.Awarded, revokedAt: null, reason: 'upheld on appeal' });
    const credentials = await c.credentials();
    expect(credentials).toHaveLength(1);
    expect(credentials[0]).toMatchObject({ decisionId: later.id, revokedAt: null });
    expect((await c.assignments()).map((a) => [a.assessorId, a.purpose, a.status])).toEqual([
      [first.id, AssessmentPurpose.Assessment, 'completed'],
      [second.id, AssessmentPurpose.Moderation, 'completed'],
      [third.id, AssessmentPurpose.Appeal, 'completed'],
    ]);
    expect(await c.statusPath()).toEqual([
      CaseStatus.Submitted,
      CaseStatus.Screening,
      CaseStatus.AssessorAssigned,
      CaseStatus.UnderAssessment,
      CaseStatus.Moderation,
      CaseStatus.AwaitingDecision,
      CaseStatus.NotAwarded,
      CaseStatus.Appealed,
      CaseStatus.AssessorAssigned,
      CaseStatus.UnderAssessment,
      CaseStatus.AwaitingDecision,
      CaseStatus.Awarded,
      CaseStatus.Closed,
    ]);
    const revoked = (await c.events()).find((e) => e.type === 'decision_revoked')!;
    expect(revoked).toMatchObject({ actorId: null, reason: 'superseded after appeal', data: { sequence: 1 } });
    await recordHistory(c.handle, 'appeal-upheld');
  });

  it('revokes a decision and its credential on the body\'s request, and revokes the credential when an appeal ends without award', async () => {
    const c = await h.newCase({ assessors: 2 });
    const [first, second] = c.assessors;
    await c.submitUntil();
    await assessedBy(c, first.id, Recommendation.Award, 2);
    await c.decide(DecisionResult.Awarded, c.outcomeIds, 'all evidenced');
    const [issued] = await c.credentials();
    expect(issued.revokedAt).toBeNull();

    expect(await c.handle.executeUpdate(revokeDecisionUpdate, { args: [{ actorId: c.admin.id, reason: 'the evidence was plagiarised' }] })).toEqual({
      status: CaseStatus.AwaitingDecision,
      stage: CaseStage.Certification,
    });
    const [withdrawnCredential] = await c.credentials();
    expect(withdrawnCredential).toMatchObject({ id: issued.id, revocationReason: 'decision revoked: the evidence was plagiarised' });
    expect(withdrawnCredential.revokedAt).toBeInstanceOf(Date);
    expect((await c.decisions())[0]).toMatchObject({ revokedBy: c.admin.id, revocationReason: 'the evidence was plagiarised' });
    expect(await c.templatesFor(c.candidate.id)).toContain(NotificationTemplate.DecisionRevoked);

    // A new decision awards again: a new credential, with its own id and status position; the revoked one stays revoked.
    await c.decide(DecisionResult.PartiallyAwarded, [c.outcomeIds[0]], 'one outcome evidenced on review');
    const [stillRevoked, reissued] = await c.credentials();
    const second1 = (await c.decisions())[1];
    expect(stillRevoked).toMatchObject({ id: issued.id, revocationReason: 'decision revoked: the evidence was plagiarised' });
    expect(reissued).toMatchObject({ decisionId: second1.id, revokedAt: null });
    expect(reissued.id).not.toBe(issued.id);
    expect(reissued.statusPosition).toBe(issued.statusPosition! + 1);
    expect(reissued.elements.learningOutcomes.map((o) => o.id)).toEqual([c.outcomeIds[0]]);
    // The candidate reads the result in words, not as the machine value.
    const partial = (await c.notifications()).filter((n) => n.template === NotificationTemplate.DecisionMade).at(-1)!;
    expect(partial.subject).toBe('Decision on your case on Facilitating online learning: partially awarded');
    expect(partial.bodyText).toContain('decided on your case on Facilitating online learning: partially awarded.');

    await c.appeal('I want a full award');
    await c.untilStatus(CaseStatus.AssessorAssigned);
    expect((await c.state()).assessorId).toBe(second.id);
    await assessedBy(c, second.id, Recommendation.NotAward, 0);
    await c.decide(DecisionResult.NotAwarded, [], 'nothing evidenced on appeal');
    const final = await c.handle.result();
    await recordHistory(c.handle, 'revocation');
    expect(final).toMatchObject({ status: CaseStatus.Closed, outcome: CaseOutcome.NotAwarded, decisionSequence: 3 });
    const [firstCredential, revokedCredential] = await c.credentials();
    expect(firstCredential).toMatchObject({ id: issued.id, revocationReason: 'decision revoked: the evidence was plagiarised' });
    expect(revokedCredential).toMatchObject({ id: reissued.id, revocationReason: 'the decision after appeal does not award' });
    expect(revokedCredential.revokedAt).toBeInstanceOf(Date);
    expect((await c.decisions()).map((d) => [d.sequence, d.revocationReason])).toEqual([
      [1, 'the evidence was plagiarised'],
      [2, 'superseded after appeal'],
      [3, null],
    ]);
  });
});
