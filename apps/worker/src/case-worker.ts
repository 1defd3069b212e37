import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import type { NativeConnection, WorkerOptions } from '@temporalio/worker';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { PayloadKeyring } from '../../../libs/config/config';
import { temporalDataConverter } from '../../../libs/temporal/temporal';
import type { CaseActivities } from '../../../workflows/activities';

/** The workflows entry (workflows/index): the sources under Jest, the build's .js files under dist/. */
export const WORKFLOWS_PATH = require.resolve('../../../workflows');

/** Where `npm run build` writes the workflows' bundle: beside the compiled workflows (dist/workflows). */
export const BUILT_WORKFLOW_BUNDLE = join(dirname(WORKFLOWS_PATH), 'workflow-bundle.js');

/**
 * Bundles the workflows once (webpack, as the SDK does at every worker start otherwise) and writes the code to
 * `path`: the build does it for the worker app, the test run for its workers. A worker started from a bundle skips
 * several seconds of CPU per start (Temporal's advice for production workers).
 */
export async function writeWorkflowBundle(path: string): Promise<void> {
  const { code } = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: quietBundler });
  await writeFile(path, code);
}

const quietBundler = { trace() {}, debug() {}, info() {}, warn: console.warn, error: console.error, log() {} };

/**
 * The workflow code a worker runs: the bundle named by `WORKFLOW_BUNDLE` (the test run's), else the build's when it
 * is at least as new as every compiled workflow file (a bundle older than the code it was made from is never run),
 * else the sources, bundled at start.
 */
export function workflowCode(): Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath'> {
  const named = process.env.WORKFLOW_BUNDLE;
  if (named) {
    if (!existsSync(named)) throw new Error(`WORKFLOW_BUNDLE names ${named}, which does not exist: run npm run build, or unset it`);
    return { workflowBundle: { codePath: named } };
  }
  if (existsSync(BUILT_WORKFLOW_BUNDLE) && isNewerThanWorkflows(statSync(BUILT_WORKFLOW_BUNDLE).mtimeMs)) {
    return { workflowBundle: { codePath: BUILT_WORKFLOW_BUNDLE } };
  }
  return { workflowsPath: WORKFLOWS_PATH };
}

function isNewerThanWorkflows(bundledAt: number): boolean {
  const dir = dirname(WORKFLOWS_PATH);
  return readdirSync(dir).every((name) => !name.endsWith('.js') || statSync(join(dir, name)).mtimeMs <= bundledAt);
}

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
    ...workflowCode(),
    activities: options.activities,
    ...(options.maxCachedWorkflows !== undefined ? { maxCachedWorkflows: options.maxCachedWorkflows } : {}),
    dataConverter: temporalDataConverter(options.payloadKeys),
  });
}
