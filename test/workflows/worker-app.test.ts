import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { Connection } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { WorkerService } from '../../apps/worker/src/worker.service';
import { CaseOutcome, CaseStatus, EvidenceKind, NotificationTemplate, Role } from '../../libs/domain';
import { CaseEntity, EvidenceEntity, NotificationEntity } from '../../libs/persistence/entities';
import type { caseWorkflow } from '../../workflows';
import { caseWorkflowId, CASE_WORKFLOW_VERSION } from '../../workflows/ids';
import { submitUpdate, withdrawUpdate } from '../../workflows/messages';
import { factories } from '../factories';
import { openTestDataSource, TEST_DATABASE_URL } from '../support/database';
import { TemporalDevServer } from '../support/temporal-server';
import { quietRuntime } from './support';
import { testTemporalClient } from '../support/temporal-client';

/** The worker as it is deployed: the Nest application context, its injected activities, the real dev server. */
describe('worker application on the Temporal dev server', () => {
  let server: TemporalDevServer;
  let ds: DataSource;
  let app: INestApplicationContext;
  let running: Promise<void>;
  let connection: Connection;
  const taskQueue = `worker-app-${randomUUID()}`;
  const savedEnv = { ...process.env };

  beforeAll(async () => {
    quietRuntime();
    server = await TemporalDevServer.start();
    ds = await openTestDataSource();
    // MAIL_RELAY off: the relay would claim every pending message of the shared test database (other files' too)
    Object.assign(process.env, { DATABASE_URL: TEST_DATABASE_URL, TEMPORAL_ADDRESS: server.address, TEMPORAL_TASK_QUEUE: taskQueue, LOG_LEVEL: 'warn', MAIL_RELAY: 'off' });
    app = await NestFactory.createApplicationContext(WorkerModule, { abortOnError: false, logger: ['error', 'warn'] });
    running = app.get(WorkerService).run();
    connection = await Connection.connect({ address: server.address });
  }, 120_000);

  afterAll(async () => {
    await connection?.close();
    await app?.close();
    await running;
    await ds?.destroy();
    await server?.dispose();
    process.env = savedEnv;
  }, 60_000);

  it('runs a case with the injected activities and stops cleanly', async () => {
    const f = factories(ds);
    const body = await f.body();
    await f.user(Role.BodyAdmin, body.id);
    const assessor = await f.user(Role.Assessor, body.id);
    const standard = await f.standard(body.id, { outcomes: 1 });
    const candidate = await f.user(Role.Candidate);
    const caseId = randomUUID();
    await ds.getRepository(CaseEntity).insert({ id: caseId, candidateId: candidate.id, standardId: standard.id, awardingBodyId: body.id, workflowId: caseWorkflowId(caseId) });
    await ds.getRepository(EvidenceEntity).save({
      caseId, kind: EvidenceKind.Url, title: 'Portfolio', url: 'https://example.org/p', addedBy: candidate.id,
      outcomes: [{ learningOutcomeId: standard.learningOutcomes![0].id }],
    });

    const client = testTemporalClient(connection);
    const handle = await client.workflow.start<typeof caseWorkflow>('caseWorkflow', {
      workflowId: caseWorkflowId(caseId),
      taskQueue,
      args: [{ version: CASE_WORKFLOW_VERSION, caseId }],
    });
    // An update sent before the workflow has loaded its case is turned down, never lost: retry until it is taken.
    let submitted;
    for (let i = 0; i < 100 && !submitted; i++) {
      submitted = await handle.executeUpdate(submitUpdate, { args: [{ actorId: candidate.id }] }).catch(() => undefined);
      if (!submitted) await new Promise((r) => setTimeout(r, 100));
    }
    expect(submitted).toEqual({ status: CaseStatus.Submitted, stage: 'documentation' });
    expect(await handle.executeUpdate(withdrawUpdate, { args: [{ actorId: candidate.id, reason: 'testing the worker app' }] })).toMatchObject({
      status: CaseStatus.Withdrawn,
    });
    expect(await handle.result()).toMatchObject({ status: CaseStatus.Withdrawn, outcome: CaseOutcome.Withdrawn });

    expect(await ds.getRepository(CaseEntity).findOneByOrFail({ id: caseId })).toMatchObject({ status: CaseStatus.Withdrawn });
    const messages = await ds.getRepository(NotificationEntity).findBy({ caseId });
    expect(messages.filter((m) => m.recipientUserId === assessor.id).map((m) => m.template).sort()).toEqual(
      [NotificationTemplate.AssessorAssigned, NotificationTemplate.CaseWithdrawn].sort(),
    );
    // Links in messages lead to the reader's page of the case in the portal, at the configured public address.
    expect(messages[0].bodyText).toContain(`http://127.0.0.1:3000/portal/cases/${caseId}`);
  }, 60_000);
});
