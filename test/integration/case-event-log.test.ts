import type { DataSource } from 'typeorm';
import { CaseStatus, Role } from '../../libs/domain';
import { CaseEntity, CaseEventEntity } from '../../libs/persistence/entities';
import { factories } from '../factories';
import { openTestDataSource } from '../support/database';

describe('the case event log', () => {
  let ds: DataSource;
  let caseId: string;

  beforeAll(async () => {
    ds = await openTestDataSource();
    const make = factories(ds);
    const body = await make.body();
    const standard = await make.standard(body.id);
    const candidate = await make.user(Role.Candidate);
    const kase = await ds.getRepository(CaseEntity).save({
      candidateId: candidate.id,
      standardId: standard.id,
      awardingBodyId: body.id,
      workflowId: 'case-event-log-test',
    });
    caseId = kase.id;
    await ds.getRepository(CaseEventEntity).insert({
      caseId,
      key: 'e1-case_created',
      type: 'case_created',
      fromStatus: null,
      toStatus: CaseStatus.Draft,
      actorId: candidate.id,
      reason: 'case started by the candidate',
      occurredAt: new Date(),
    });
  });

  afterAll(async () => {
    await ds?.destroy();
  });

  it('refuses to change an event', async () => {
    await expect(ds.query(`UPDATE case_event SET reason = 'rewritten' WHERE case_id = $1`, [caseId])).rejects.toThrow(/append-only: UPDATE/);
    const event = await ds.getRepository(CaseEventEntity).findOneByOrFail({ caseId });
    expect(event.reason).toBe('case started by the candidate');
  });

  it('refuses to delete an event or empty the log', async () => {
    await expect(ds.query(`DELETE FROM case_event WHERE case_id = $1`, [caseId])).rejects.toThrow(/append-only: DELETE/);
    await expect(ds.query(`TRUNCATE case_event`)).rejects.toThrow(/append-only: TRUNCATE/);
    expect(await ds.getRepository(CaseEventEntity).countBy({ caseId })).toBe(1);
  });

  it('refuses a second event with the same key, which is what makes retried activities harmless', async () => {
    await expect(
      ds.getRepository(CaseEventEntity).insert({
        caseId,
        key: 'e1-case_created',
        type: 'case_created',
        fromStatus: null,
        toStatus: CaseStatus.Draft,
        actorId: null,
        reason: 'a retry',
        occurredAt: new Date(),
      }),
    ).rejects.toThrow(/uq_case_event_case_key/);
  });
});
