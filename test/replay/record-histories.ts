import type { WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { temporal } from '@temporalio/proto';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const HISTORIES_DIR = resolve(__dirname, '../fixtures/histories');

/**
 * Every run of a workflow, first first: a case continues as new at its stage boundaries and may be restarted,
 * so the runs are walked back from the latest through each run's first event.
 */
export async function historiesOfAllRuns(handle: WorkflowHandle): Promise<temporal.api.history.v1.IHistory[]> {
  const runs: temporal.api.history.v1.IHistory[] = [];
  let runId: string | undefined;
  do {
    const history = await handle.client.getHandle(handle.workflowId, runId).fetchHistory();
    runs.unshift(history);
    runId = history.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId || undefined;
  } while (runId);
  return runs;
}

/**
 * Saves the history of every run of a finished case, one file per run named `<name>.run<n>.json`, for the
 * replay test; only when RECORD_HISTORIES=1 (`RECORD_HISTORIES=1 npx jest --selectProjects workflows`).
 * Otherwise the committed histories stay as they are.
 */
export async function recordHistory(handle: WorkflowHandle, name: string): Promise<void> {
  if (process.env.RECORD_HISTORIES !== '1') return;
  mkdirSync(HISTORIES_DIR, { recursive: true });
  for (const old of readdirSync(HISTORIES_DIR).filter((f) => f.startsWith(`${name}.run`))) rmSync(join(HISTORIES_DIR, old));
  const runs = await historiesOfAllRuns(handle);
  runs.forEach((history, i) => writeFileSync(join(HISTORIES_DIR, `${name}.run${i + 1}.json`), `${historyToJSON(history)}\n`));
}
