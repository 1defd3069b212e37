// After an operator resets a case's workflow to before a decision or an assignment, PostgreSQL and the process end
// up agreeing: the reset run's first write that finds the records disagreeing fails loudly (RecordConflict) and
// parks the case as needs_attention from the status its records hold; an admin's retry resumes the process from
// those records. Reset to the workflow task before the one that accepted the `decide` update (with the update
// re-applied, the CLI's default, and without it) or that scheduled the step assigning the assessor, on the
// Temporal dev server.
import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { CaseStatus } from '../../libs/domain';
import { AssessmentEntity, CaseAssessorEntity, CaseEntity, CredentialEntity, DecisionEntity, NotificationEntity } from '../../libs/persistence/entities';
import { caseWorkflowId } from '../../workflows/ids';
import { activitiesInFlight, historiesOfAllRuns, resetWorkflow, taskBeforeStep, taskBeforeUpdate } from './support/faults';
import { eventually } from './support/system';
import type { RunningSystem } from './support/system';
import { allMet, caseAwaitingDecision, pdfBytes, prepareAndSubmit, reach, startRunningWorld } from './support/world';
import type { RunningWorld, World } from './support/world';

jest.setTimeout(180_000);

interface Diagnostics {
  executionStatus: string;
  runId: string | null;
  live: { status: CaseStatus } | null;
}

describe('a reset of a case to before a step its records hold', () => {
  let running: RunningWorld;
  let system: RunningSystem;
  let ds: DataSource;
  let world: World;
  let client: Client;
  let outcomeIds: string[];

  beforeAll(async () => {
    running = await startRunningWorld({ assessors: 2, candidates: 3 });
    ({ system, ds, world } = running);
    client = await system.client();
    outcomeIds = world.standard.learningOutcomes!.map((o) => o.id);
  });

  afterAll(async () => {
    await running?.stop();
  });

  /** A case awarded by the admin, in a run that had loaded it and was waiting for the decision when it came. */
  async function decidedCase(index: number): Promise<string> {
    const candidate = world.candidates[index]!;
    const caseId = await caseAwaitingDecision(ds, world, candidate, `reset ${index}`);
    await eventually('the decision run to have loaded the case and be waiting', async () => {
      const { runId } = await client.workflow.getHandle(caseWorkflowId(caseId)).describe();
      const row = await ds.getRepository(CaseEntity).findOneByOrFail({ id: caseId });
      const pending = await activitiesInFlight(client, caseWorkflowId(caseId));
      return row.processRunId === runId && pending.length === 0 ? true : undefined;
    });
    await world.admin.ok('POST', `/cases/${caseId}/decision`, { result: 'awarded', recognisedOutcomeIds: outcomeIds, reason: 'Every outcome met.' });
    await reach(candidate, caseId, CaseStatus.Awarded);
    return caseId;
  }

  async function resetBeforeDecision(caseId: string, reapplyUpdates: boolean): Promise<void> {
    const runs = await historiesOfAllRuns(client, caseWorkflowId(caseId));
    const current = runs.at(-1)!;
    resetWorkflow(system.temporal.address, caseWorkflowId(caseId), current.runId, taskBeforeUpdate(current, 'decide'), { reapplyUpdates });
  }

  /** Waits until the case's process runs and both its live state and PostgreSQL have the status. */
  async function agreed(caseId: string, status: CaseStatus): Promise<void> {
    await eventually(
      `PostgreSQL and the running process to agree that the case is ${status}`,
      async () => {
        const process = await world.admin.ok<Diagnostics>('GET', `/cases/${caseId}/process`);
        const row = await ds.getRepository(CaseEntity).findOneByOrFail({ id: caseId });
        if (process.executionStatus === 'RUNNING' && process.live?.status === status && row.status === status) return true;
        // thrown, so the timeout says what was seen last
        throw new Error(`process ${process.executionStatus} at ${process.live?.status ?? 'no live state'}, PostgreSQL at ${row.status}`);
      },
      30_000,
      500,
    );
  }

  async function recordsOf(caseId: string) {
    return {
      decisions: await ds.getRepository(DecisionEntity).find({ where: { caseId }, order: { sequence: 'ASC' } }),
      credentials: await ds.getRepository(CredentialEntity).findBy({ caseId }),
      toldAdmins: await ds.getRepository(NotificationEntity).countBy({ caseId, template: 'case-needs-attention' }),
    };
  }

  it('that re-applies the decision parks the case, agreeing with PostgreSQL; the admin resumes it and can decide again', async () => {
    const caseId = await decidedCase(0);
    const before = await recordsOf(caseId);
    await resetBeforeDecision(caseId, true);

    // The re-applied decision meets a case its records say is awarded: it fails loudly and the case is parked.
    await agreed(caseId, CaseStatus.NeedsAttention);
    const parked = await ds.getRepository(CaseEntity).findOneByOrFail({ id: caseId });
    expect(parked.attentionReason).toMatch(/awarded/);
    const after = await recordsOf(caseId);
    expect(after.decisions.map((d) => [d.id, d.revokedAt])).toEqual(before.decisions.map((d) => [d.id, null]));
    expect(after.credentials.map((c) => [c.id, c.revokedAt])).toEqual(before.credentials.map((c) => [c.id, null]));
    expect(after.toldAdmins).toBe(1);

    // Retried, the process resumes where the records stand: awarded, the decision and credential kept.
    await world.admin.ok('POST', `/cases/${caseId}/attention`, { action: 'retry', reason: 'the decision on record stands' });
    await agreed(caseId, CaseStatus.Awarded);

    // The admin can decide again (revoke, decide): the first credential stays revoked, the new decision has its own.
    await world.admin.ok('POST', `/cases/${caseId}/decision/revoke`, { reason: 'deciding again after the reset' });
    await agreed(caseId, CaseStatus.AwaitingDecision);
    await world.admin.ok('POST', `/cases/${caseId}/decision`, { result: 'awarded', recognisedOutcomeIds: outcomeIds, reason: 'Decided again.' });
    await agreed(caseId, CaseStatus.Awarded);
    const final = await recordsOf(caseId);
    expect(final.decisions.map((d) => [d.sequence, d.revokedAt === null])).toEqual([
      [1, false],
      [2, true],
    ]);
    const second = final.decisions.find((d) => d.sequence === 2)!;
    expect(final.credentials.map((c) => [c.id === before.credentials[0]!.id, c.decisionId === second.id, c.revokedAt === null]).sort()).toEqual([
      [false, true, true],
      [true, false, false],
    ]);
  });

  it('that drops the decision: the decision taken again is refused by the records and parks the case, which keeps its process', async () => {
    const caseId = await decidedCase(1);
    const before = await recordsOf(caseId);
    await resetBeforeDecision(caseId, false);

    const again = await world.admin.retrying<{ status?: CaseStatus; message?: string }>('POST', `/cases/${caseId}/decision`, {
      result: 'awarded',
      recognisedOutcomeIds: outcomeIds,
      reason: 'Deciding again.',
    });
    // The admin's answer says what became of the step: taken and parked, or refused with the records' reason.
    expect(again.body.message ?? '').not.toMatch(/Workflow completed before the Update completed/);
    if (again.status === 200) expect(again.body.status).toBe(CaseStatus.NeedsAttention);
    else expect(again.status).toBe(409);

    await agreed(caseId, CaseStatus.NeedsAttention);
    const after = await recordsOf(caseId);
    expect(after.decisions.map((d) => [d.id, d.revokedAt])).toEqual(before.decisions.map((d) => [d.id, null]));
    expect(after.credentials.map((c) => [c.id, c.revokedAt])).toEqual(before.credentials.map((c) => [c.id, null]));
    expect(after.toldAdmins).toBe(1);
  });

  it('to before the assessor was assigned: the assignment taken again parks the case; retried, the assessor on record assesses it', async () => {
    const candidate = world.candidates[2]!;
    const { id: caseId } = await candidate.ok<{ id: string }>('POST', '/cases', { standardId: world.standard.id });
    await prepareAndSubmit(candidate, world.standard, caseId, pdfBytes('reset before assignment'));
    await reach(candidate, caseId, CaseStatus.AssessorAssigned);
    const holder = await ds.getRepository(CaseAssessorEntity).findOneByOrFail({ caseId, status: 'active' });
    const assessor = world.assessors.find((a) => a.id === holder.assessorId)!;
    await assessor.ok('POST', `/cases/${caseId}/assessment/accept`);
    await reach(candidate, caseId, CaseStatus.UnderAssessment);

    const { run, eventId } = await taskBeforeStep(await historiesOfAllRuns(client, caseWorkflowId(caseId)), (step) => step.startAssignment?.assessorId === holder.assessorId);
    resetWorkflow(system.temporal.address, caseWorkflowId(caseId), run.runId, eventId, { reapplyUpdates: true });

    // The reset run picks an assessor and assigns again: the records say the case is already under assessment.
    await agreed(caseId, CaseStatus.NeedsAttention);
    const parked = await ds.getRepository(CaseEntity).findOneByOrFail({ id: caseId });
    expect(parked.attentionReason).toMatch(/the case.s records say it is under assessment/);
    const assignments = await ds.getRepository(CaseAssessorEntity).findBy({ caseId });
    expect(assignments.map((a) => [a.id, a.assessorId, a.status])).toEqual([[holder.id, holder.assessorId, 'active']]);
    expect((await recordsOf(caseId)).toldAdmins).toBe(1);

    // Retried, the process resumes from the records: the assessor who accepted assesses, the admin decides.
    await world.admin.ok('POST', `/cases/${caseId}/attention`, { action: 'retry', reason: 'the assignment on record stands' });
    await agreed(caseId, CaseStatus.UnderAssessment);
    await assessor.ok('POST', `/cases/${caseId}/assessments`, allMet(world.standard));
    await agreed(caseId, CaseStatus.AwaitingDecision);
    await world.admin.ok('POST', `/cases/${caseId}/decision`, { result: 'awarded', recognisedOutcomeIds: outcomeIds, reason: 'Every outcome met.' });
    await agreed(caseId, CaseStatus.Awarded);
    const final = await ds.getRepository(CaseAssessorEntity).findBy({ caseId });
    expect(final.map((a) => [a.id, a.status])).toEqual([[holder.id, 'completed']]);
    expect(await ds.getRepository(AssessmentEntity).countBy({ caseId })).toBe(1);
    expect((await recordsOf(caseId)).credentials).toHaveLength(1);
  });
});
