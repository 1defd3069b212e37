import type { WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const HISTORIES_DIR = resolve(__dirname, '../fixtures/histories');

/**
 * Saves the history of every run of a finished case (a case continues as new at stage boundaries), one file per
 * run named `<name>.run<n>.json`, for the replay test; only when RECORD_HISTORIES=1
 * (`RECORD_HISTORIES=1 npx jest --selectProjects workflows`). Otherwise the committed histories stay as they are.
 */
export async function recordHistory(handle: WorkflowHandleWithFirstExecutionRunId, name: string): Promise<void> {
  if (process.env.RECORD_HISTORIES !== '1') return;
  mkdirSync(HISTORIES_DIR, { recursive: true });
  for (const old of readdirSync(HISTORIES_DIR).filter((f) => f.startsWith(`${name}.run`))) rmSync(join(HISTORIES_DIR, old));
  let runId: string | undefined = handle.firstExecutionRunId;
  for (let n = 1; runId; n++) {
    const history = await handle.client.getHandle(handle.workflowId, runId).fetchHistory();
    writeFileSync(join(HISTORIES_DIR, `${name}.run${n}.json`), `${historyToJSON(history)}\n`);
    const last = history.events?.at(-1);
    runId = last?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
  }
}
