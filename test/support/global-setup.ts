import { prepareDatabase, TEST_DATABASE_URL } from './database';

/** Once per run: a fresh test database with every migration applied. */
export default async function globalSetup(): Promise<void> {
  await prepareDatabase(TEST_DATABASE_URL);
}
