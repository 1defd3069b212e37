import type { AppConfig } from './config';
import { loadConfig } from './config';
import { checkPostgres, checkTemporal } from './preflight';

/**
 * What the API and the worker do first: validate the environment and check that PostgreSQL and Temporal answer.
 * On failure it prints one sentence and exits 1, instead of a stack trace from deep inside a driver.
 */
export async function loadConfigOrExit(processName: string): Promise<AppConfig> {
  try {
    const config = loadConfig();
    await checkPostgres(config.database);
    await checkTemporal(config.temporal);
    return config;
  } catch (err) {
    process.stderr.write(`vnfil ${processName}: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}
