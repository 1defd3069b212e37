import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeWorkflowBundle } from '../../apps/worker/src/case-worker';
import { prepareDatabase, TEST_DATABASE_URL } from './database';

/**
 * A gRPC call of the Temporal client still waiting to be retried when its test's environment was torn down (a test
 * that timed out leaves it behind) throws from the retry's timer once the channel is closed: an exception of no
 * test, which would end the whole in-band run. Only that one is let go, with a line in the log; any other uncaught
 * exception still ends the run, as Node's default does.
 */
function ignoreRetriesOfClosedChannels(): void {
  process.on('uncaughtException', (err: Error) => {
    if (err?.message === 'Channel has been shut down' && /grpc-retry/.test(err.stack ?? '')) {
      process.stderr.write(`[test run] a gRPC retry fired after its Temporal connection was closed (a timed-out test's call): ignored\n`);
      return;
    }
    process.stderr.write(`${err?.stack ?? String(err)}\n`);
    process.exit(1);
  });
}

/**
 * The workflows bundled once for the run's in-process workers (each would bundle them again at its start, seconds
 * of CPU each); `WORKFLOW_BUNDLE` hands the file to every test file's environment.
 */
async function bundleWorkflowsOnce(): Promise<void> {
  const path = join(mkdtempSync(join(tmpdir(), 'vnfil-workflows-')), 'workflow-bundle.js');
  await writeWorkflowBundle(path);
  process.env.WORKFLOW_BUNDLE = path;
}

/** Once per run: a fresh test database with every migration applied, the guard above and the workflows' bundle. */
export default async function globalSetup(): Promise<void> {
  ignoreRetriesOfClosedChannels();
  await Promise.all([prepareDatabase(TEST_DATABASE_URL), bundleWorkflowsOnce()]);
}
