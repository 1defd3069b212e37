import { untilConnected } from '../../../libs/temporal/temporal';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import type { Worker } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { createActivities } from '../../../apps/worker/src/activities';
import { createCaseWorker } from '../../../apps/worker/src/case-worker';
import { TEST_PAYLOAD_KEYS } from '../../support/temporal-client';

/**
 * The case workflow's worker with its real activities, in the test's process, polling the API test's task
 * queue: the API tests that need a case to move (ApiTestContext alone runs no worker) start one.
 */
export class InProcessWorker {
  private constructor(
    private readonly connection: NativeConnection,
    private readonly worker: Worker,
    private readonly running: Promise<void>,
  ) {}

  static async start(options: { address: string; taskQueue: string; ds: DataSource }): Promise<InProcessWorker> {
    try {
      Runtime.install({ logger: new DefaultLogger('WARN') });
    } catch {
      // already installed in this test file
    }
    const connection = await untilConnected(() => NativeConnection.connect({ address: options.address }));
    const worker = await createCaseWorker({ connection, namespace: 'default', taskQueue: options.taskQueue, activities: createActivities(options.ds), payloadKeys: TEST_PAYLOAD_KEYS });
    return new InProcessWorker(connection, worker, worker.run());
  }

  async stop(): Promise<void> {
    if (this.worker.getState() === 'RUNNING') this.worker.shutdown();
    await this.running;
    await this.connection.close();
  }
}
