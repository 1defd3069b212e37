import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { seedDemo } from '../../libs/persistence/seeds/demo.seed';
import { dropDatabase, openTestDataSource, otherTestDatabaseUrl, prepareDatabase, TEST_DATABASE_URL } from '../support/database';
import { freePort, TemporalDevServer } from '../support/temporal-server';

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

const SECRET_KEYS = `k1:${randomBytes(32).toString('base64')}`;

describe('production (NODE_ENV=production) is safe by default', () => {
  const demoDatabase = otherTestDatabaseUrl(`${new URL(TEST_DATABASE_URL).pathname.slice(1)}_demo`);
  beforeAll(async () => {
    await prepareDatabase(demoDatabase);
    const ds = await openTestDataSource(demoDatabase);
    try {
      await seedDemo(ds, 'vnfil-demo');
    } finally {
      await ds.destroy();
    }
  }, 60_000);
  afterAll(async () => {
    await dropDatabase(demoDatabase);
  });

  it.each([
    ['API', 'dist/apps/api/src/main.js'],
    ['worker', 'dist/apps/worker/src/main.js'],
  ])('the %s refuses the public development payload key', (name, main) => {
    const result = run(main, { NODE_ENV: 'production', DATABASE_URL: TEST_DATABASE_URL });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(
      `vnfil ${name}: NODE_ENV=production needs a secret PAYLOAD_KEYS (the development key is public): generate one with \`openssl rand -base64 32\` and set PAYLOAD_KEYS=<id>:<key>`,
    );
  });

  it('refuses the demo seed', () => {
    const result = run('dist/scripts/prepare.js', { NODE_ENV: 'production', DATABASE_URL: TEST_DATABASE_URL, PAYLOAD_KEYS: SECRET_KEYS, SEED_DEMO: 'true' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('SEED_DEMO=true creates demo users with a published password: leave it unset when NODE_ENV=production');
  });

  it.each([
    ['API', 'dist/apps/api/src/main.js'],
    ['worker', 'dist/apps/worker/src/main.js'],
  ])('the %s refuses a database holding the demo users', (name, main) => {
    const result = run(main, { NODE_ENV: 'production', DATABASE_URL: demoDatabase, PAYLOAD_KEYS: SECRET_KEYS });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`vnfil ${name}: the database holds demo users with the published password (admin@demo.vnfil.eu, `);
    expect(result.stderr).toContain("and NODE_ENV=production: delete them (DELETE FROM app_user WHERE email LIKE '%@demo.vnfil.eu') or use another database");
  });

  it('the API starts with a secret key on a database without demo users', async () => {
    const temporal = await TemporalDevServer.start();
    const port = await freePort();
    const api = spawn(process.execPath, [resolve(ROOT, 'dist/apps/api/src/main.js')], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production', DATABASE_URL: TEST_DATABASE_URL, TEMPORAL_ADDRESS: temporal.address, PORT: String(port), PAYLOAD_KEYS: SECRET_KEYS, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    api.stdout.on('data', (c: Buffer) => (output += c.toString()));
    api.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const exited = new Promise<number | null>((r) => api.once('exit', (code) => r(code)));
    try {
      const deadline = Date.now() + 60_000;
      while (!output.includes('vnfil API listening') && api.exitCode === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      expect(output).toContain(`vnfil API listening on http://127.0.0.1:${port}`);
      const health = await fetch(`http://127.0.0.1:${port}/health`);
      expect(health.status).toBe(200);
    } finally {
      api.kill('SIGTERM');
      await exited;
      await temporal.dispose();
    }
  }, 120_000);
});
