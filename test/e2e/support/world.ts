import type { DataSource } from 'typeorm';
import { Role } from '../../../libs/domain';
import { CaseStatus } from '../../../libs/domain';
import { CaseAssessorEntity } from '../../../libs/persistence/entities';
import type { StandardEntity } from '../../../libs/persistence/entities';
import { factories, TEST_PASSWORD } from '../../factories';
import { openTestDataSource } from '../../support/database';
import { ApiUser, eventually, RunningSystem } from './system';
import type { SystemOptions } from './system';

/** An awarding body with an admin, assessors, candidates and one published standard, all logged in to the API. */
export interface World {
  standard: StandardEntity;
  admin: ApiUser;
  assessors: ApiUser[];
  candidates: ApiUser[];
}

export async function makeWorld(ds: DataSource, baseUrl: string, opts: { assessors: number; candidates: number }): Promise<World> {
  const make = factories(ds);
  const body = await make.body();
  const standard = await make.standard(body.id);
  const admin = await make.user(Role.BodyAdmin, body.id);
  const assessors = await Promise.all(Array.from({ length: opts.assessors }, () => make.user(Role.Assessor, body.id)));
  const candidates = await Promise.all(Array.from({ length: opts.candidates }, () => make.user(Role.Candidate)));
  const login = (email: string) => ApiUser.login(baseUrl, email, TEST_PASSWORD);
  return {
    standard,
    admin: await login(admin.email),
    assessors: await Promise.all(assessors.map((a) => login(a.email))),
    candidates: await Promise.all(candidates.map((c) => login(c.email))),
  };
}

export function pdfBytes(label: string): Buffer {
  return Buffer.from(`%PDF-1.4\n% ${label}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
}

/** Everything a candidate does before submitting: self-assessment and evidence covering every outcome. */
export async function prepareAndSubmit(candidate: ApiUser, standard: StandardEntity, caseId: string, file: Buffer): Promise<void> {
  const outcomes = standard.learningOutcomes!;
  await candidate.ok('PUT', `/cases/${caseId}/self-assessment`, {
    items: outcomes.map((o) => ({ learningOutcomeId: o.id, level: 'confident', statement: `Evidence of ${o.code}` })),
  });
  const form = new FormData();
  form.append('title', 'Session recordings and plans');
  form.append('learningOutcomeIds', outcomes.map((o) => o.id).join(','));
  form.append('file', new Blob([new Uint8Array(file)], { type: 'application/pdf' }), 'portfolio.pdf');
  await candidate.ok('POST', `/cases/${caseId}/evidence/files`, form);
  await candidate.ok('POST', `/cases/${caseId}/submit`);
}

/** Judgements meeting every criterion of the standard. */
export function allMet(standard: StandardEntity) {
  return {
    judgements: standard.learningOutcomes!.flatMap((o) =>
      o.criteria!.map((c) => ({ criterionId: c.id, result: 'met', score: 80, comment: `Met: ${c.code}` })),
    ),
    recommendation: 'award',
    comment: 'Every criterion is met.',
  };
}

/** The system as processes, a database connection to check its rows, and a world of logged-in users. */
export interface RunningWorld {
  system: RunningSystem;
  ds: DataSource;
  world: World;
  stop(): Promise<void>;
}

export async function startRunningWorld(opts: { assessors: number; candidates: number } & SystemOptions): Promise<RunningWorld> {
  const system = await RunningSystem.start(opts);
  let ds: DataSource | undefined;
  let world: World;
  try {
    ds = await openTestDataSource(system.databaseUrl);
    world = await makeWorld(ds, system.baseUrl, opts);
  } catch (err) {
    // No process left behind when the world cannot be made; what the processes said helps the reader.
    await ds?.destroy();
    // the failure to report is this one, not the answers' conformance
    await system.stop().catch(() => undefined);
    throw new Error(`${(err as Error).message}\n--- API and worker output ---\n${system.output}`, { cause: err });
  }
  return {
    system,
    ds,
    world,
    async stop() {
      await ds.destroy();
      await system.stop();
    },
  };
}

/** Waits until every case, as the API reports it to `user`, has reached the status. */
export async function reach(user: ApiUser, caseIds: string | string[], status: CaseStatus, timeoutMs = 120_000, intervalMs = 250): Promise<void> {
  const ids = typeof caseIds === 'string' ? [caseIds] : caseIds;
  await eventually(
    `${ids.length === 1 ? `case ${ids[0]}` : 'every case'} to be ${status}`,
    async () => {
      const statuses = await Promise.all(ids.map(async (id) => (await user.ok<{ status: CaseStatus }>('GET', `/cases/${id}`)).status));
      return statuses.every((s) => s === status) ? true : undefined;
    },
    timeoutMs,
    intervalMs,
  );
}

/** The statuses a case goes through from draft to award, each arrival one transition in its log. */
export const AWARD_PATH: readonly CaseStatus[] = [
  CaseStatus.Draft,
  CaseStatus.Submitted,
  CaseStatus.Screening,
  CaseStatus.AssessorAssigned,
  CaseStatus.UnderAssessment,
  CaseStatus.AwaitingDecision,
  CaseStatus.Awarded,
];

/**
 * A new case of the candidate taken through the API to awaiting_decision: submitted with a PDF, accepted and
 * assessed (every criterion met) by the assessor the process assigned. Returns the case id.
 */
export async function caseAwaitingDecision(ds: DataSource, world: World, candidate: ApiUser, label = 'portfolio'): Promise<string> {
  const { id: caseId } = await candidate.ok<{ id: string }>('POST', '/cases', { standardId: world.standard.id });
  await prepareAndSubmit(candidate, world.standard, caseId, pdfBytes(`${label} of ${caseId}`));
  await reach(candidate, caseId, CaseStatus.AssessorAssigned);
  const holder = await ds.getRepository(CaseAssessorEntity).findOneByOrFail({ caseId, status: 'active' });
  const assessor = world.assessors.find((a) => a.id === holder.assessorId)!;
  await assessor.ok('POST', `/cases/${caseId}/assessment/accept`);
  await assessor.ok('POST', `/cases/${caseId}/assessments`, allMet(world.standard));
  await reach(candidate, caseId, CaseStatus.AwaitingDecision);
  return caseId;
}
