import { CaseStatus } from '../../libs/domain';
import { AwardingBodyEntity, AwardingBodyKeyEntity, CaseEntity, CredentialEntity } from '../../libs/persistence/entities';
import { caseWorkflowId } from '../../workflows/ids';
import { activitiesInFlight, holdTableLock, lockWaiters } from './support/faults';
import { ApiUser, eventually } from './support/system';
import { caseAwaitingDecision, reach, startRunningWorld } from './support/world';
import type { RunningWorld } from './support/world';

jest.setTimeout(300_000);

/**
 * The award's step signs and writes the credential in one transaction. Here the worker is killed while that
 * transaction waits to insert the credential (a test holds a lock on the table): the step is retried by a new
 * worker, and the decision still yields exactly one credential, whose status position and signing key are the
 * ones a single attempt would have drawn (the dead attempt's rolled back with it).
 */
describe('credential issuance: exactly once when the worker is killed in the middle of it', () => {
  let running: RunningWorld;

  beforeAll(async () => {
    running = await startRunningWorld({ assessors: 1, candidates: 1 });
  });

  afterAll(async () => {
    await running?.stop();
  });

  it('issues one signed credential, which verifies, after a SIGKILL while the credential is being written', async () => {
    const { system, ds, world } = running;
    const candidate = world.candidates[0]!;
    const caseId = await caseAwaitingDecision(ds, world, candidate);
    const bodyId = (await ds.getRepository(CaseEntity).findOneByOrFail({ id: caseId })).awardingBodyId;

    const client = await system.client();
    const lock = await holdTableLock(system.databaseUrl, 'credential');
    try {
      // the decision's answer comes late (202) or not before the kill: the step is what matters here
      const decided = world.admin.request('POST', `/cases/${caseId}/decision`, {
        result: 'awarded',
        recognisedOutcomeIds: world.standard.learningOutcomes!.map((o) => o.id),
        reason: 'Every learning outcome evidenced.',
      });
      decided.catch(() => undefined);
      await eventually('the award step to wait on the credential table', async () => {
        const running = (await activitiesInFlight(client, caseWorkflowId(caseId))).filter((a) => a.activityType === 'recordStep' && a.worker === system.workerIdentity);
        return running.length > 0 && (await lockWaiters(ds, 'credential')) > 0 ? true : undefined;
      });
      // drawn inside the step's transaction, not yet committed
      expect(await ds.getRepository(CredentialEntity).countBy({ caseId })).toBe(0);
      await system.killWorker('SIGKILL');
    } finally {
      await lock.release();
    }
    system.startWorker();
    await reach(candidate, caseId, CaseStatus.Awarded, 150_000, 1_000);

    const credentials = await ds.getRepository(CredentialEntity).findBy({ caseId });
    expect(credentials).toHaveLength(1);
    const [credential] = credentials;
    // the dead attempt's position and key went with its transaction: the first credential of the body has position 0
    expect(credential!.statusPosition).toBe(0);
    expect((await ds.getRepository(AwardingBodyEntity).findOneByOrFail({ id: bodyId })).nextStatusPosition).toBe(1);
    expect(await ds.getRepository(AwardingBodyKeyEntity).countBy({ awardingBodyId: bodyId })).toBe(1);
    expect(credential!.keyId).toBe((await ds.getRepository(AwardingBodyKeyEntity).findOneByOrFail({ awardingBodyId: bodyId })).id);

    const anyone = new ApiUser(system.baseUrl, '', '');
    const verified = await anyone.request<{ verified: boolean }>('POST', '/verify', { credential: credential!.openBadge });
    expect(verified.body.verified).toBe(true);
  });
});
