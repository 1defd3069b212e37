import { openTestDataSource, recreateDatabase, TEST_DATABASE_URL } from './database';

/** Once per run: a fresh test database with every migration applied. */
export default async function globalSetup(): Promise<void> {
  await recreateDatabase(TEST_DATABASE_URL);
  const ds = await openTestDataSource();
  try {
    await ds.runMigrations({ transaction: 'each' });
  } finally {
    await ds.destroy();
  }
}
