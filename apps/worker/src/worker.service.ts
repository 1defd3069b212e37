import { Inject, Injectable, Logger } from '@nestjs/common';
import type { BeforeApplicationShutdown } from '@nestjs/common';
import { Connection, ScheduleAlreadyRunning } from '@temporalio/client';
import type { Client } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import type { Worker } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../../../libs/config/config.module';
import type { AppConfig } from '../../../libs/config/config';
import { temporalClient, untilConnected } from '../../../libs/temporal/temporal';
import { CaseRecordsActivities, CredentialExpiryActivitiesService, WORKER_SETTINGS, ReconcilerActivitiesService } from './activities';
import type { WorkerSettings } from './activities';
import { TemplateRenderer } from '../../../libs/notifications/template-renderer';
import { createCaseWorker } from './case-worker';

export const RECONCILE_SCHEDULE_ID = 'vnfil-reconcile-cases';

/** Hosts the Temporal worker: polls the case task queue until the application shuts down. */
@Injectable()
export class WorkerService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(WorkerService.name);
  private worker: Worker | undefined;
  private connection: NativeConnection | undefined;
  private client: Client | undefined;
  private running: Promise<void> | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly records: CaseRecordsActivities,
    private readonly renderer: TemplateRenderer,
    @Inject(WORKER_SETTINGS) private readonly settings: WorkerSettings,
  ) {}

  /** Connects, makes sure the reconciler's schedule exists, and polls; settles when the worker has stopped. */
  async run(): Promise<void> {
    const { address, namespace, taskQueue } = this.config.temporal;
    try {
      this.connection = await untilConnected(() => NativeConnection.connect({ address }));
      this.client = temporalClient(await untilConnected(() => Connection.connect({ address })), this.config.temporal);
    } catch {
      throw new Error(`cannot reach the Temporal server at ${address}: start it (npm start does) or set TEMPORAL_ADDRESS`);
    }
    const client = this.client;
    const reconciler = new ReconcilerActivitiesService(this.dataSource, this.records, () => ({ client, taskQueue }));
    const expiry = new CredentialExpiryActivitiesService(this.dataSource, this.renderer, this.settings);
    this.worker = await createCaseWorker({
      connection: this.connection,
      namespace,
      taskQueue,
      activities: { ...this.records.toActivities(), ...reconciler.toActivities(), ...expiry.toActivities() },
      payloadKeys: this.config.temporal.payloadKeys,
    });
    await this.ensureReconcileSchedule(client);
    this.logger.log(`polling task queue ${taskQueue} on ${address} (namespace ${namespace})`);
    this.running = this.worker.run();
    try {
      await this.running;
    } finally {
      await this.connection.close();
      await client.connection.close();
      this.logger.log('worker stopped');
    }
  }

  /**
   * The reconciler runs on a Temporal Schedule, every RECONCILE_EVERY_MINUTES; created once, its interval and
   * task queue brought up to date on every start. Overlapping sweeps are skipped.
   */
  private async ensureReconcileSchedule(client: Client): Promise<void> {
    const { taskQueue, reconcileEveryMinutes } = this.config.temporal;
    const spec = { intervals: [{ every: `${reconcileEveryMinutes} minutes` as const }] };
    const action = {
      type: 'startWorkflow' as const,
      workflowType: 'reconcileCasesWorkflow',
      workflowId: `${RECONCILE_SCHEDULE_ID}-${taskQueue}`,
      taskQueue,
      args: [{ version: 1 }],
    };
    const scheduleId = `${RECONCILE_SCHEDULE_ID}-${taskQueue}`;
    try {
      await client.schedule.create({ scheduleId, spec, action, policies: { overlap: 'SKIP' } });
      this.logger.log(`reconciler scheduled every ${reconcileEveryMinutes} minutes`);
    } catch (err) {
      if (!(err instanceof ScheduleAlreadyRunning)) throw err;
      await client.schedule.getHandle(scheduleId).update((previous) => ({ ...previous, spec, action }));
    }
  }

  /** Lets running activities finish and stops polling, before the database connection closes. */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.worker?.getState() === 'RUNNING') this.worker.shutdown();
    await this.running?.catch(() => undefined);
  }
}
