/**
 * Gets PostgreSQL ready for the API and the worker: creates the database if absent, runs pending migrations
 * and, when asked for (SEED_DEMO=true, as `npm start` does), seeds the demo awarding body on first run. Run by
 * `npm start` before anything else starts, and by docker-compose.yml (without the seed).
 */
import 'reflect-metadata';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { checkPostgres, loadConfig } from '../libs/config';
import { dataSourceOptions } from '../libs/persistence/data-source';
import { DEMO_EMAILS, seedDemo } from '../libs/persistence/seeds/demo.seed';

async function createDatabaseIfAbsent(url: string, name: string): Promise<boolean> {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) return false;
    await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
    return true;
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const config = loadConfig();
  await checkPostgres(config.database, { allowMissingDatabase: true });
  if (await createDatabaseIfAbsent(config.database.url, config.database.name)) {
    console.log(`created database ${config.database.name}`);
  }
  const ds = await new DataSource(dataSourceOptions(config.database.url)).initialize();
  try {
    const applied = await ds.runMigrations({ transaction: 'each' });
    for (const m of applied) console.log(`applied migration ${m.name}`);
    if (config.demo.seed) {
      const seed = await seedDemo(ds, config.demo.password);
      if (seed.created) {
        console.log(`seeded the demo awarding body: admin ${DEMO_EMAILS.admin}, assessors ${DEMO_EMAILS.assessors.join(', ')}, candidate ${DEMO_EMAILS.candidate}`);
      }
    }
  } finally {
    await ds.destroy();
  }
}

main().catch((err: unknown) => {
  console.error(`vnfil: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
