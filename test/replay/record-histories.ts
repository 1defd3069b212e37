import type { WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const HISTORIES_DIR = resolve(__dirname, '../fixtures/histories');

/**
 * Saves a finished workflow's history for the replay test, only when RECORD_HISTORIES=1
 * (`RECORD_HISTORIES=1 npx jest --selectProjects workflows`); otherwise the committed histories stay as they are.
 */
export async function recordHistory(handle: WorkflowHandle, name: string): Promise<void> {
  if (process.env.RECORD_HISTORIES !== '1') return;
  const history = await handle.fetchHistory();
  mkdirSync(HISTORIES_DIR, { recursive: true });
  writeFileSync(join(HISTORIES_DIR, `${name}.json`), `${historyToJSON(history)}\n`);
}
