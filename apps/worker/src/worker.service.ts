import { Inject, Injectable, Logger } from '@nestjs/common';
import type { BeforeApplicationShutdown } from '@nestjs/common';
import { NativeConnection } from '@temporalio/worker';
import type { Worker } from '@temporalio/worker';
import { APP_CONFIG } from '../../../libs/config/config.module';
import type { AppConfig } from '../../../libs/config/config';
import { activitiesOf, CaseRecordsActivities, NotificationActivitiesService } from './activities';
import { createCaseWorker } from './case-worker';

/** Hosts the Temporal worker: polls the case task queue until the application shuts down. */
@Injectable()
export class WorkerService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(WorkerService.name);
  private worker: Worker | undefined;
  private connection: NativeConnection | undefined;
  private running: Promise<void> | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly records: CaseRecordsActivities,
    private readonly notifications: NotificationActivitiesService,
  ) {}

  /** Connects and starts polling; the promise settles when the worker has stopped. */
  async run(): Promise<void> {
    const { address, namespace, taskQueue } = this.config.temporal;
    try {
      this.connection = await NativeConnection.connect({ address });
    } catch {
      throw new Error(`cannot reach the Temporal server at ${address}: start it (npm start does) or set TEMPORAL_ADDRESS`);
    }
    this.worker = await createCaseWorker({
      connection: this.connection,
      namespace,
      taskQueue,
      activities: activitiesOf(this.records, this.notifications),
    });
    this.logger.log(`polling task queue ${taskQueue} on ${address} (namespace ${namespace})`);
    this.running = this.worker.run();
    try {
      await this.running;
    } finally {
      await this.connection.close();
      this.logger.log('worker stopped');
    }
  }

  /** Lets running activities finish and stops polling, before the database connection closes. */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.worker?.getState() === 'RUNNING') this.worker.shutdown();
    await this.running?.catch(() => undefined);
  }
}
