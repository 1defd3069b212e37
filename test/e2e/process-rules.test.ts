import type { DataSource } from 'typeorm';
import { CaseStatus } from '../../libs/domain';
import { CaseAssessorEntity, CaseEventEntity } from '../../libs/persistence/entities';
import { allMet, pdfBytes, prepareAndSubmit, reach, startRunningWorld } from './support/world';
import type { RunningWorld, World } from './support/world';

jest.setTimeout(180_000);

/**
 * Steps the API lets through (the right person, a well-formed payload) but the case's process refuses at
 * that moment: the workflow's validators answer, and the API turns that into a 409 with their sentence.
 */
describe('steps out of turn are refused by the case process with 409 and a sentence', () => {
  let running: RunningWorld;
  let ds: DataSource;
  let world: World;

  beforeAll(async () => {
    running = await startRunningWorld({ assessors: 2, candidates: 2 });
    ({ ds, world } = running);
  });

  afterAll(async () => {
    await running?.stop();
  });

  it('refuses to appeal or decide too early, to submit twice, and to withdraw after the decision', async () => {
    const [candidate] = world.candidates;
    const { id: caseId } = await candidate!.ok<{ id: string }>('POST', '/cases', { standardId: world.standard.id });
    const outcomeIds = world.standard.learningOutcomes!.map((o) => o.id);

    const earlyAppeal = await candidate!.request<{ message: string }>('POST', `/cases/${caseId}/appeal`, { reason: 'I disagree' });
    expect(earlyAppeal.status).toBe(409);
    expect(earlyAppeal.body.message).toMatch(/draft/);

    await prepareAndSubmit(candidate!, world.standard, caseId, pdfBytes('rules'));
    const again = await candidate!.request<{ message: string }>('POST', `/cases/${caseId}/submit`);
    expect(again.status).toBe(409);
    expect(again.body.message).toMatch(/submit/);

    await reach(candidate!, caseId, CaseStatus.AssessorAssigned);
    const earlyDecision = await world.admin.request<{ message: string }>('POST', `/cases/${caseId}/decision`, {
      result: 'awarded',
      recognisedOutcomeIds: outcomeIds,
      reason: 'Too early',
    });
    expect(earlyDecision.status).toBe(409);
    expect(earlyDecision.body.message).toBe('the case is assigned to an assessor: a decision is allowed only while it is awaiting a decision');

    const holder = await ds.getRepository(CaseAssessorEntity).findOneByOrFail({ caseId, status: 'active' });
    const assessor = world.assessors.find((a) => a.id === holder.assessorId)!;
    // Recording an assessment implies accepting the assignment.
    const result = await assessor.ok<{ status: CaseStatus }>('POST', `/cases/${caseId}/assessments`, allMet(world.standard));
    expect([CaseStatus.AwaitingDecision, CaseStatus.UnderAssessment]).toContain(result.status);
    await reach(candidate!, caseId, CaseStatus.AwaitingDecision);
    await world.admin.ok('POST', `/cases/${caseId}/decision`, { result: 'awarded', recognisedOutcomeIds: outcomeIds, reason: 'All met.' });
    await reach(candidate!, caseId, CaseStatus.Awarded);

    const lateWithdrawal = await candidate!.request<{ message: string }>('POST', `/cases/${caseId}/withdraw`, { reason: 'Changed my mind' });
    expect(lateWithdrawal.status).toBe(409);
    expect(lateWithdrawal.body.message).toMatch(/awarded/);

    // Refused steps leave no trace in the event log.
    const events = await ds.getRepository(CaseEventEntity).findBy({ caseId });
    expect(events.filter((e) => e.toStatus === CaseStatus.Withdrawn)).toHaveLength(0);
    expect(events.filter((e) => e.fromStatus === CaseStatus.Draft && e.toStatus === CaseStatus.Submitted)).toHaveLength(1);
  });

  it('lets the candidate withdraw before the decision, and answers with the new status', async () => {
    const candidate = world.candidates[1]!;
    const { id: caseId } = await candidate.ok<{ id: string }>('POST', '/cases', { standardId: world.standard.id });
    await prepareAndSubmit(candidate, world.standard, caseId, pdfBytes('withdrawn'));
    await reach(candidate, caseId, CaseStatus.AssessorAssigned);
    const res = await candidate.ok<{ status: CaseStatus }>('POST', `/cases/${caseId}/withdraw`, { reason: 'New job, no time now' });
    expect(res.status).toBe(CaseStatus.Withdrawn);
    const ended = await ds.getRepository(CaseAssessorEntity).findOneByOrFail({ caseId });
    expect(ended.status).toBe('withdrawn');
    const withdrawal = await ds.getRepository(CaseEventEntity).findOneByOrFail({ caseId, toStatus: CaseStatus.Withdrawn });
    expect(withdrawal.actorId).toBe(candidate.id);
    expect(withdrawal.reason).toBe('New job, no time now');
    // A withdrawn case frees the candidate to start again on the same standard.
    await candidate.ok('POST', '/cases', { standardId: world.standard.id });
  });
});
