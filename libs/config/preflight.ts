import { verify } from 'argon2';
import { Client as PgClient } from 'pg';
import { Connection } from '@temporalio/client';
import { DEMO_ACCOUNT_EMAILS, PUBLISHED_DEMO_PASSWORD } from '../domain';
import type { AppConfig } from './config';

/**
 * Checks, before anything starts, that what the configuration points at answers. Each failure is one sentence
 * saying what is wrong and what to do, so a newcomer never reads a stack trace for a stopped database.
 */
export async function checkPostgres(db: AppConfig['database'], opts: { allowMissingDatabase?: boolean } = {}): Promise<void> {
  const client = new PgClient({ connectionString: db.url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === '3D000' && opts.allowMissingDatabase) return;
    if (code === '3D000') {
      throw new Error(`the database "${db.name}" does not exist on ${db.host}:${db.port}: run npm start (which creates it) or set DATABASE_URL`, { cause: err });
    }
    if (code === '28P01' || code === '28000') {
      throw new Error(`PostgreSQL at ${db.host}:${db.port} refused the credentials in DATABASE_URL: correct the user or password`, { cause: err });
    }
    throw new Error(`cannot reach PostgreSQL at ${db.host}:${db.port}: start it or set DATABASE_URL`, { cause: err });
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * In production, no account of the demo seed may be usable with the password the README publishes (or
 * DEMO_PASSWORD, which seeded them). Only those accounts are looked at, by their exact e-mail addresses: one whose
 * password was changed, or that was deactivated, is harmless, and so is anyone else's account. Before the
 * migrations have run there is no user table, hence no demo account.
 */
export async function checkNoExposedDemoAccounts(db: AppConfig['database'], demoPassword: string): Promise<void> {
  const client = new PgClient({ connectionString: db.url, connectionTimeoutMillis: 5000 });
  let exposed: string[];
  try {
    await client.connect();
    const found = await client.query<{ email: string; password_hash: string }>(
      `SELECT email, password_hash FROM app_user WHERE email = ANY($1) AND active ORDER BY email`,
      [DEMO_ACCOUNT_EMAILS],
    );
    const passwords = [...new Set([PUBLISHED_DEMO_PASSWORD, demoPassword])];
    exposed = [];
    for (const row of found.rows) {
      for (const password of passwords) {
        if (await verify(row.password_hash, password).catch(() => false)) {
          exposed.push(row.email);
          break;
        }
      }
    }
  } catch (err) {
    if ((err as { code?: string }).code === '42P01') return;
    throw err;
  } finally {
    await client.end().catch(() => undefined);
  }
  if (exposed.length) {
    throw new Error(
      `the demo accounts ${exposed.join(', ')} are active with the published demo password and NODE_ENV=production: ` +
        `deactivate them with \`node dist/scripts/deactivate-demo-accounts.js\` ` +
        `(or UPDATE app_user SET active = false WHERE email IN (${exposed.map((e) => `'${e}'`).join(', ')})), or use another database`,
    );
  }
}

export async function checkTemporal(temporal: AppConfig['temporal']): Promise<void> {
  let connection: Connection | undefined;
  try {
    connection = await Connection.connect({ address: temporal.address, connectTimeout: '5s' });
    await connection.workflowService.describeNamespace({ namespace: temporal.namespace });
  } catch (err) {
    const message = String((err as Error).message ?? err);
    if (/namespace.*not.*found|NOT_FOUND/i.test(message)) {
      throw new Error(`the Temporal namespace "${temporal.namespace}" does not exist at ${temporal.address}: create it or set TEMPORAL_NAMESPACE`, { cause: err });
    }
    throw new Error(`cannot reach the Temporal server at ${temporal.address}: start it (npm start does) or set TEMPORAL_ADDRESS`, { cause: err });
  } finally {
    await connection?.close().catch(() => undefined);
  }
}
