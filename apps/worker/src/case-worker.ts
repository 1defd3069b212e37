import { Worker } from '@temporalio/worker';
import type { NativeConnection } from '@temporalio/worker';
import type { PayloadKeyring } from '../../../libs/config/config';
import { temporalDataConverter } from '../../../libs/temporal/temporal';
import type { CaseActivities } from '../../../workflows/activities';

/** The workflows entry (workflows/index): the sources under Jest, the build's .js files under dist/. */
export const WORKFLOWS_PATH = require.resolve('../../../workflows');

/** The Temporal worker of the case workflow, shared by the Nest worker app and the workflow tests. */
export function createCaseWorker(options: {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  activities: CaseActivities;
  /** Workflows kept in memory between tasks (the SDK's default unless set); 0 makes every task go to the shared queue. */
  maxCachedWorkflows?: number;
  /** The payload keys, the same as the clients': the worker decrypts its inputs and encrypts its results. */
  payloadKeys: PayloadKeyring;
}): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    workflowsPath: WORKFLOWS_PATH,
    activities: options.activities,
    ...(options.maxCachedWorkflows !== undefined ? { maxCachedWorkflows: options.maxCachedWorkflows } : {}),
    dataConverter: temporalDataConverter(options.payloadKeys),
  });
}
