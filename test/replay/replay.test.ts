import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { WORKFLOWS_PATH } from '../../apps/worker/src/case-worker';
import { HISTORIES_DIR } from './record-histories';
import { testDataConverter } from '../support/temporal-client';

/**
 * Replays the recorded histories of finished cases against the current workflow code: a change that would
 * take a different path through a running case (nondeterminism) fails here. Evolve the workflow with
 * patched('<change-id>') instead; re-record with RECORD_HISTORIES=1 only for new scenarios.
 */
describe('replay of recorded case histories', () => {
  const files = readdirSync(HISTORIES_DIR).filter((f) => f.endsWith('.json')).sort();

  it('has histories of the main paths to replay', () => {
    const paths = new Set(files.map((f) => f.replace(/\.run\d+\.json$/, '')));
    expect([...paths]).toEqual(
      expect.arrayContaining([
        'happy-path',
        'appeal-upheld',
        'withdrawal',
        'evidence-expiry',
        'lapse-and-reopen',
        'admissibility-refused',
        'sla-reminder-and-reassignment',
        'conflict-and-assignment-by-hand',
        'no-assessor-free',
        'moderation',
        'revocation',
        'needs-attention-and-retry',
        'continue-as-new',
      ]),
    );
    // a case continues as new at its stage boundaries: the histories hold runs after the first
    expect(files.some((f) => /\.run[2-9]\.json$/.test(f))).toBe(true);
  });

  it('replays every history without nondeterminism', async () => {
    const histories = files.map((file) => ({
      workflowId: basename(file, '.json'),
      history: historyFromJSON(JSON.parse(readFileSync(join(HISTORIES_DIR, file), 'utf8'))),
    }));
    const failures: string[] = [];
    let replayed = 0;
    for await (const result of Worker.runReplayHistories({ workflowsPath: WORKFLOWS_PATH, dataConverter: testDataConverter() }, histories)) {
      replayed += 1;
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
    expect(replayed).toBe(files.length);
  }, 60_000);
});
