import { hash } from 'argon2';
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { In } from 'typeorm';
import type { DataSource } from 'typeorm';
import { checkNoExposedDemoAccounts, loadConfig } from '../../libs/config';
import { Role } from '../../libs/domain';
import { AuditLogEntity, UserEntity } from '../../libs/persistence/entities';
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
])('the %s refuses a wrong configuration with one clear sentence', (name, main) => {
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

  it.each([
    [{ TRUST_PROXY: 'banana' }, 'TRUST_PROXY must be true, false, a number of proxies, or a comma-separated list of addresses, ranges and the names loopback, linklocal, uniquelocal, for example loopback, 10.0.0.0/8'],
    [{ PUBLIC_URL: 'ftp://x' }, 'PUBLIC_URL must be an http:// or https:// address, for example https://vnfil.example.org'],
  ])('when %j is not what Express or a browser takes', (env, sentence) => {
    const result = run(main, { DATABASE_URL: TEST_DATABASE_URL, ...env });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(`vnfil ${name}: ${sentence}`);
  });
});

const SECRET_KEYS = `k1:${randomBytes(32).toString('base64')}`;
/** PORTAL_SECRET for production runs (at least 32 characters, not the development one). */
const PORTAL_SECRET = 'a portal secret for the configuration tests only';
const ALL_DEMO_ACCOUNTS = ['admin@demo.vnfil.eu', 'assessor.one@demo.vnfil.eu', 'assessor.three@demo.vnfil.eu', 'assessor.two@demo.vnfil.eu', 'candidate@demo.vnfil.eu'];

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
    const result = run('dist/scripts/prepare.js', { NODE_ENV: 'production', DATABASE_URL: TEST_DATABASE_URL, PAYLOAD_KEYS: SECRET_KEYS, CREDENTIAL_KEYS: SECRET_KEYS, PORTAL_SECRET, SEED_DEMO: 'true' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('SEED_DEMO=true creates demo users with a published password: leave it unset when NODE_ENV=production');
  });

  it.each([
    ['API', 'dist/apps/api/src/main.js'],
    ['worker', 'dist/apps/worker/src/main.js'],
  ])('the %s refuses a database holding the demo accounts with their published password', (name, main) => {
    const result = run(main, { NODE_ENV: 'production', DATABASE_URL: demoDatabase, PAYLOAD_KEYS: SECRET_KEYS, CREDENTIAL_KEYS: SECRET_KEYS, PORTAL_SECRET });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(
      `vnfil ${name}: the demo accounts ${ALL_DEMO_ACCOUNTS.join(', ')} are active with the published demo password and NODE_ENV=production: ` +
        'deactivate them with `node dist/scripts/deactivate-demo-accounts.js` ' +
        `(or UPDATE app_user SET active = false WHERE email IN (${ALL_DEMO_ACCOUNTS.map((e) => `'${e}'`).join(', ')})), or use another database`,
    );
  });

  it('the API starts with a secret key on a database without demo users', async () => {
    const temporal = await TemporalDevServer.start();
    const port = await freePort();
    const api = spawn(process.execPath, [resolve(ROOT, 'dist/apps/api/src/main.js')], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production', DATABASE_URL: TEST_DATABASE_URL, TEMPORAL_ADDRESS: temporal.address, PORT: String(port), PAYLOAD_KEYS: SECRET_KEYS, CREDENTIAL_KEYS: SECRET_KEYS, PORTAL_SECRET, LOG_LEVEL: 'warn' },
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

describe('production and the demo accounts: only a seeded account that still opens with the published password stops it', () => {
  const url = otherTestDatabaseUrl(`${new URL(TEST_DATABASE_URL).pathname.slice(1)}_demo_accounts`);
  const database = loadConfig({ DATABASE_URL: url }).database;
  let ds: DataSource;
  const refusal = () => checkNoExposedDemoAccounts(database, 'vnfil-demo').then(() => 'no refusal', (err: Error) => err.message);
  beforeAll(async () => {
    await prepareDatabase(url);
    ds = await openTestDataSource(url);
    await seedDemo(ds, 'vnfil-demo');
  }, 60_000);
  afterAll(async () => {
    await ds?.destroy();
    await dropDatabase(url);
  });

  it('names the seeded accounts still on the published password; one with a new password or deactivated is harmless', async () => {
    expect(await refusal()).toContain(`the demo accounts ${ALL_DEMO_ACCOUNTS.join(', ')} are active`);
    const users = ds.getRepository(UserEntity);
    await users.update({ email: 'admin@demo.vnfil.eu' }, { passwordHash: await hash('a passphrase of our own') });
    await users.update({ email: 'candidate@demo.vnfil.eu' }, { active: false });
    expect(await refusal()).toContain('the demo accounts assessor.one@demo.vnfil.eu, assessor.three@demo.vnfil.eu, assessor.two@demo.vnfil.eu are active');
    // DEMO_PASSWORD set to something else does not hide the published one
    expect(await checkNoExposedDemoAccounts(database, 'another demo password').catch((err: Error) => err.message)).toContain('assessor.one@demo.vnfil.eu');
  });

  it('does not count an account someone signed up on the demo domain, whatever its password', async () => {
    await ds.getRepository(UserEntity).update({ email: ALL_DEMO_ACCOUNTS[1] }, { passwordHash: await hash('a passphrase of our own') });
    await ds.getRepository(UserEntity).update({ email: ALL_DEMO_ACCOUNTS[2] }, { passwordHash: await hash('a passphrase of our own') });
    await ds.getRepository(UserEntity).update({ email: ALL_DEMO_ACCOUNTS[3] }, { passwordHash: await hash('a passphrase of our own') });
    await ds.getRepository(UserEntity).save({ email: 'mallory@demo.vnfil.eu', displayName: 'Mallory', passwordHash: await hash('vnfil-demo'), role: Role.Candidate, awardingBodyId: null });
    expect(await refusal()).toBe('no refusal');
  });

  it('deactivates the demo accounts with the script the refusal names, though their records are referenced, and then starts', async () => {
    const users = ds.getRepository(UserEntity);
    await users.update({ email: In(ALL_DEMO_ACCOUNTS) }, { passwordHash: await hash('vnfil-demo'), active: true });
    const admin = await users.findOneByOrFail({ email: 'admin@demo.vnfil.eu' });
    await ds.getRepository(AuditLogEntity).save({ actorId: admin.id, action: 'auth.login', subjectType: 'user', subjectId: admin.id });
    const env = { NODE_ENV: 'production', DATABASE_URL: url, PAYLOAD_KEYS: SECRET_KEYS, CREDENTIAL_KEYS: SECRET_KEYS, PORTAL_SECRET };
    expect(run('dist/apps/worker/src/main.js', env).stderr).toContain('are active with the published demo password');

    const script = run('dist/scripts/deactivate-demo-accounts.js', env);
    expect(script.status).toBe(0);
    expect(script.stdout.trim()).toBe(`deactivated the demo accounts ${ALL_DEMO_ACCOUNTS.join(', ')}`);
    expect(await users.countBy({ email: In(ALL_DEMO_ACCOUNTS), active: true })).toBe(0);
    expect(run('dist/scripts/deactivate-demo-accounts.js', env).stdout.trim()).toBe('no demo account is active: nothing to do');

    // past the demo check: the next one, Temporal, is what stops it here
    const port = await freePort();
    const worker = run('dist/apps/worker/src/main.js', { ...env, TEMPORAL_ADDRESS: `127.0.0.1:${port}` });
    expect(worker.status).toBe(1);
    expect(worker.stderr.trim()).toBe(`vnfil worker: cannot reach the Temporal server at 127.0.0.1:${port}: start it (npm start does) or set TEMPORAL_ADDRESS`);
  }, 60_000);
});
