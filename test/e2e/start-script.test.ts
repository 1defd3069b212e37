import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import type { Server } from 'node:net';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { dropDatabase, otherTestDatabaseUrl, TEST_DATABASE_URL } from '../support/database';
import { freePort } from '../support/temporal-server';

const ROOT = resolve(__dirname, '../..');

/** `npm start` on a database of its own, as a newcomer would run it (no NODE_ENV). */
function start(url: string, env: Record<string, string>) {
  const result = spawnSync('bash', [resolve(ROOT, 'scripts/start.sh')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: url, ...env },
    encoding: 'utf8',
    // it answers at once; an npm start that went on to build and start would take longer (and be stopped)
    timeout: 120_000,
  });
  return { status: result.status, stderr: result.stderr, stdout: result.stdout };
}

async function databaseExists(url: string): Promise<boolean> {
  const admin = new URL(url);
  const name = admin.pathname.slice(1);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    return Boolean((await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount);
  } finally {
    await client.end();
  }
}

/** Something listening on the port; null when something else already does. */
function occupy(port: number): Promise<Server | null> {
  return new Promise((done) => {
    const server = createServer();
    server.once('error', () => done(null));
    server.listen(port, '127.0.0.1', () => done(server));
  });
}

describe('npm start finds a taken port before it builds or touches the database', () => {
  const url = otherTestDatabaseUrl(`${new URL(TEST_DATABASE_URL).pathname.slice(1)}_start`);
  beforeAll(async () => {
    await dropDatabase(url);
  });
  afterAll(async () => {
    await dropDatabase(url);
  });

  it("the API's port", async () => {
    const port = await freePort();
    const holder = await occupy(port);
    try {
      // a Temporal address nothing answers on: were the check missed, nothing would reach another system's server
      const result = start(url, { PORT: String(port), TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}` });
      expect(result.status).toBe(1);
      expect(result.stderr.trim()).toBe(`vnfil: port ${port} on 127.0.0.1 is taken (another npm start?): stop what listens there or set PORT to a free port`);
      expect(result.stdout).toBe('');
      expect(await databaseExists(url)).toBe(false);
    } finally {
      holder?.close();
    }
  }, 180_000);

  it('the port of the Temporal server it would start, 7233', async () => {
    // whoever holds 7233 (this test, or another system running on this machine), npm start must not go on
    const holder = await occupy(7233);
    try {
      const result = start(url, { PORT: String(await freePort()) });
      expect(result.status).toBe(1);
      expect(result.stderr.trim()).toBe(
        'vnfil: port 7233, where npm start runs its Temporal dev server, is taken (another npm start?): stop what listens there, or set TEMPORAL_ADDRESS to use the Temporal server there',
      );
      expect(result.stdout).toBe('');
      expect(await databaseExists(url)).toBe(false);
    } finally {
      holder?.close();
    }
  }, 180_000);

  it('the port of the SMTP server it would start (maildev)', async () => {
    const port = await freePort();
    const holder = await occupy(port);
    try {
      const env = { PORT: String(await freePort()), TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}`, MAILDEV_SMTP_PORT: String(port) };
      const result = start(url, env);
      expect(result.status).toBe(1);
      expect(result.stderr.trim()).toBe(
        `vnfil: port ${port}, where npm start runs its SMTP server (maildev), is taken (another npm start?): stop what listens there, set MAILDEV_SMTP_PORT to a free port, or set SMTP_URL to send through the SMTP server there`,
      );
      expect(result.stdout).toBe('');
      expect(await databaseExists(url)).toBe(false);
    } finally {
      holder?.close();
    }
  }, 180_000);
});
