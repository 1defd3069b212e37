import type { DataSource } from 'typeorm';
import { In } from 'typeorm';
import { CaseStatus } from '../../libs/domain';
import {
  AssessmentEntity,
  CaseAssessorEntity,
  CaseEventEntity,
  CredentialEntity,
  DecisionEntity,
  NotificationEntity,
} from '../../libs/persistence/entities';
import { openTestDataSource } from '../support/database';
import { eventually, RunningSystem } from './support/system';
import type { ApiUser } from './support/system';
import { allMet, makeWorld, pdfBytes, prepareAndSubmit } from './support/world';
import type { World } from './support/world';

jest.setTimeout(300_000);

const CASES = 4;

async function statusesOf(user: ApiUser, caseIds: string[]): Promise<CaseStatus[]> {
  return Promise.all(caseIds.map(async (id) => (await user.ok<{ status: CaseStatus }>('GET', `/cases/${id}`)).status));
}

async function allReach(admin: ApiUser, caseIds: string[], status: CaseStatus): Promise<void> {
  await eventually(`every case to be ${status}`, async () => ((await statusesOf(admin, caseIds)).every((s) => s === status) ? true : undefined), 120_000);
}

describe('durability: crashes of the worker and of the Temporal server lose no case and duplicate nothing', () => {
  let system: RunningSystem;
  let ds: DataSource;
  let world: World;

  beforeAll(async () => {
    system = await RunningSystem.start();
    ds = await openTestDataSource();
    world = await makeWorld(ds, system.baseUrl, { assessors: 3, candidates: CASES });
  });

  afterAll(async () => {
    await ds?.destroy();
    await system?.stop();
  });

  it('finishes every case after SIGKILLs, with one assessment, decision and credential each', async () => {
    const caseIds: string[] = [];
    for (const candidate of world.candidates) {
      const { id } = await candidate.ok<{ id: string }>('POST', '/cases', { standardId: world.standard.id });
      caseIds.push(id);
    }
    // Submit every case and kill the worker while the screening and assignment activities are in flight.
    await Promise.all(world.candidates.map((c, i) => prepareAndSubmit(c, world.standard, caseIds[i]!, pdfBytes(`case ${i}`))));
    await system.killWorker('SIGKILL');
    system.startWorker();
    await allReach(world.admin, caseIds, CaseStatus.AssessorAssigned);

    // Crash the Temporal server itself between steps; it restarts from its SQLite file.
    await system.temporal.stop('SIGKILL');
    await system.temporal.restart();

    const assignments = await ds.getRepository(CaseAssessorEntity).findBy({ caseId: In(caseIds), status: 'active' });
    expect(assignments).toHaveLength(CASES);
    const holderOf = (caseId: string) => world.assessors.find((a) => a.id === assignments.find((x) => x.caseId === caseId)!.assessorId)!;
    for (const id of caseIds) {
      await holderOf(id).ok('POST', `/cases/${id}/assessment/accept`);
      await holderOf(id).ok('POST', `/cases/${id}/assessments`, allMet(world.standard));
    }
    await allReach(world.admin, caseIds, CaseStatus.AwaitingDecision);

    // Decide every case while the worker dies mid-way: the updates wait for the next worker, none is lost.
    const outcomeIds = world.standard.learningOutcomes!.map((o) => o.id);
    const decisions = caseIds.map((id) =>
      world.admin.ok('POST', `/cases/${id}/decision`, { result: 'awarded', recognisedOutcomeIds: outcomeIds, reason: 'Every outcome met.' }),
    );
    await new Promise((r) => setTimeout(r, 300));
    await system.killWorker('SIGKILL');
    system.startWorker();
    await Promise.all(decisions);
    await allReach(world.admin, caseIds, CaseStatus.Awarded);

    for (const caseId of caseIds) {
      expect(await ds.getRepository(AssessmentEntity).countBy({ caseId })).toBe(1);
      expect(await ds.getRepository(DecisionEntity).countBy({ caseId })).toBe(1);
      expect(await ds.getRepository(CredentialEntity).countBy({ caseId })).toBe(1);
      const events = await ds.getRepository(CaseEventEntity).find({ where: { caseId }, order: { seq: 'ASC' } });
      const arrivals = events.filter((e) => e.fromStatus !== e.toStatus).map((e) => e.toStatus);
      expect(arrivals).toEqual([
        CaseStatus.Draft,
        CaseStatus.Submitted,
        CaseStatus.Screening,
        CaseStatus.AssessorAssigned,
        CaseStatus.UnderAssessment,
        CaseStatus.AwaitingDecision,
        CaseStatus.Awarded,
      ]);
      const decisionMessages = await ds.getRepository(NotificationEntity).countBy({ caseId, template: 'decision-made' });
      expect(decisionMessages).toBe(1);
    }
  });
});
