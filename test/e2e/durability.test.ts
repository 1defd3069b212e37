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
import { eventually } from './support/system';
import type { RunningSystem } from './support/system';
import { allMet, pdfBytes, prepareAndSubmit, reach, startRunningWorld } from './support/world';
import type { RunningWorld, World } from './support/world';

jest.setTimeout(300_000);

const CASES = 4;

describe('durability: crashes of the worker and of the Temporal server lose no case and duplicate nothing', () => {
  let running: RunningWorld;
  let system: RunningSystem;
  let ds: DataSource;
  let world: World;

  beforeAll(async () => {
    running = await startRunningWorld({ assessors: 3, candidates: CASES });
    ({ system, ds, world } = running);
  });

  afterAll(async () => {
    await running?.stop();
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
    await reach(world.admin, caseIds, CaseStatus.AssessorAssigned);

    // Crash the Temporal server itself between steps; it restarts from its SQLite file.
    await system.temporal.stop('SIGKILL');
    await system.temporal.restart();

    const assignments = await ds.getRepository(CaseAssessorEntity).findBy({ caseId: In(caseIds), status: 'active' });
    expect(assignments).toHaveLength(CASES);
    const holderOf = (caseId: string) => world.assessors.find((a) => a.id === assignments.find((x) => x.caseId === caseId)!.assessorId)!;
    for (const id of caseIds) {
      // Right after the server's restart a step may not be taken in time (503): it is sent again with the same
      // Idempotency-Key, so it is applied once and the retry gets its answer, never a 409 for the step itself.
      expect((await holderOf(id).retrying('POST', `/cases/${id}/assessment/accept`)).status).toBe(200);
      expect((await holderOf(id).retrying('POST', `/cases/${id}/assessments`, allMet(world.standard))).status).toBe(200);
    }
    await reach(world.admin, caseIds, CaseStatus.AwaitingDecision);

    // Decide every case while the worker dies mid-way. The updates wait for the next worker; an admin whose
    // request was not taken in time (503) sends it again with the same Idempotency-Key, and one whose decision
    // was accepted but late (202) asks its Location: either way the answer is the decision's, made once.
    const outcomeIds = world.standard.learningOutcomes!.map((o) => o.id);
    const decisions = caseIds.map((id) =>
      world.admin.retrying('POST', `/cases/${id}/decision`, { result: 'awarded', recognisedOutcomeIds: outcomeIds, reason: 'Every outcome met.' }),
    );
    await new Promise((r) => setTimeout(r, 300));
    await system.killWorker('SIGKILL');
    system.startWorker();
    for (const answer of await Promise.all(decisions)) expect(answer.status).toBe(200);
    await reach(world.admin, caseIds, CaseStatus.Awarded);
    // The candidate's message is the decision's last write, after the status and the credential.
    await eventually('every decision to be told to its candidate', async () => {
      const told = await ds.getRepository(NotificationEntity).countBy({ caseId: In(caseIds), template: 'decision-made' });
      return told >= caseIds.length ? true : undefined;
    });

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
