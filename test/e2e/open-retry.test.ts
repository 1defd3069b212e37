// What a careful client needs after the API died under its POST /cases: the retry with the same Idempotency-Key
// gets the answer the first attempt would have had (201 with the case it opened), not a 409 for its own earlier
// attempt (docs/idempotency.md).
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { CaseStatus } from '../../libs/domain';
import { CaseEntity } from '../../libs/persistence/entities';
import { ageIdempotencyClaim, openCaseKillingTheApi } from './support/faults';
import type { RunningSystem } from './support/system';
import { startRunningWorld } from './support/world';
import type { RunningWorld, World } from './support/world';

jest.setTimeout(120_000);

describe('a POST /cases retried after its API died', () => {
  let running: RunningWorld;
  let system: RunningSystem;
  let ds: DataSource;
  let world: World;

  beforeAll(async () => {
    running = await startRunningWorld({ assessors: 1, candidates: 1 });
    ({ system, ds, world } = running);
  });

  afterAll(async () => {
    await running?.stop();
  });

  it('answers the retry with the case the first attempt opened, as a 201', async () => {
    const candidate = world.candidates[0]!;
    const body = { standardId: world.standard.id };
    const key = randomUUID();
    const { caseId } = await openCaseKillingTheApi(system, candidate, body, key);
    await system.startApi();
    await ageIdempotencyClaim(ds, candidate.id, key);

    const retry = await candidate.retrying<{ id: string; status: CaseStatus }>('POST', '/cases', body, { key });
    expect(retry.status).toBe(201);
    expect(retry.body).toMatchObject({ id: caseId, status: CaseStatus.Draft });
    // and it is kept as the key's answer: a further retry replays it
    const replay = await candidate.request<{ id: string }>('POST', '/cases', body, { 'idempotency-key': key });
    expect(replay.status).toBe(201);
    expect(replay.body.id).toBe(caseId);
    expect(await ds.getRepository(CaseEntity).countBy({ candidateId: candidate.id })).toBe(1);
  });
});
