import { Client as PgClient } from 'pg';
import { Connection } from '@temporalio/client';
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

/** The domain of the demo seed's users (libs/persistence/seeds/demo.seed.ts), whose password is published. */
export const DEMO_EMAIL_DOMAIN = 'demo.vnfil.eu';

/**
 * In production, no account of the demo seed may exist: their password is in the README. Before the migrations
 * have run there is no user table, hence no demo user.
 */
export async function checkNoDemoUsers(db: AppConfig['database']): Promise<void> {
  const client = new PgClient({ connectionString: db.url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    const found = await client.query<{ email: string }>(`SELECT email FROM app_user WHERE email LIKE $1 ORDER BY email`, [`%@${DEMO_EMAIL_DOMAIN}`]);
    if (found.rowCount) {
      throw new Error(
        `the database holds demo users with the published password (${found.rows.map((r) => r.email).join(', ')}) and NODE_ENV=production: ` +
          `delete them (DELETE FROM app_user WHERE email LIKE '%@${DEMO_EMAIL_DOMAIN}') or use another database`,
      );
    }
  } catch (err) {
    if ((err as { code?: string }).code === '42P01') return;
    throw err;
  } finally {
    await client.end().catch(() => undefined);
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
