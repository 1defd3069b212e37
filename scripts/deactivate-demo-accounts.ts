/**
 * Deactivates the demo seed's accounts (their password is published), for a database that was seeded and is now
 * to run in production: `node dist/scripts/deactivate-demo-accounts.js` with the production environment. Nothing
 * is deleted (their cases, decisions and audit rows still name them); they can no longer sign in, their sessions
 * end, and production starts. Running it again changes nothing.
 */
import { Client } from 'pg';
import { checkPostgres, loadConfig } from '../libs/config';
import { DEMO_ACCOUNT_EMAILS } from '../libs/domain';

async function main(): Promise<void> {
  const config = loadConfig();
  await checkPostgres(config.database);
  const client = new Client({ connectionString: config.database.url });
  await client.connect();
  try {
    const done = await client.query<{ email: string }>(
      `UPDATE app_user SET active = false WHERE email = ANY($1) AND active RETURNING email`,
      [DEMO_ACCOUNT_EMAILS],
    );
    const emails = done.rows.map((r) => r.email).sort();
    console.log(emails.length ? `deactivated the demo accounts ${emails.join(', ')}` : 'no demo account is active: nothing to do');
  } finally {
    await client.end();
  }
}

main().catch((err: unknown) => {
  console.error(`vnfil: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
