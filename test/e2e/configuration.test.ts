import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { TEST_DATABASE_URL } from '../support/database';
import { freePort } from '../support/temporal-server';

const ROOT = resolve(__dirname, '../..');

/** Runs a built entry point with the given environment and returns how it ended. */
function run(main: string, env: Record<string, string>) {
  const result = spawnSync(process.execPath, [resolve(ROOT, main)], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'test', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stderr: result.stderr, stdout: result.stdout };
}

describe.each([
  ['API', 'dist/apps/api/src/main.js'],
  ['worker', 'dist/apps/worker/src/main.js'],
])('the %s refuses a wrong configuration with one clear sentence', (_name, main) => {
  it('when PostgreSQL cannot be reached', async () => {
    const port = await freePort();
    const result = run(main, { DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/vnfil` });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`cannot reach PostgreSQL at 127.0.0.1:${port}: start it or set DATABASE_URL`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('when the Temporal server cannot be reached', async () => {
    const port = await freePort();
    const result = run(main, { DATABASE_URL: TEST_DATABASE_URL, TEMPORAL_ADDRESS: `127.0.0.1:${port}` });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`cannot reach the Temporal server at 127.0.0.1:${port}: start it (npm start does) or set TEMPORAL_ADDRESS`);
  });

  it('when a setting is malformed', () => {
    const result = run(main, { PORT: 'eighty' });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toMatch(/^vnfil (API|worker): PORT must be a whole number$/);
  });
});
