import type { AppConfig } from './config';
import { loadConfig } from './config';
import { checkNoExposedDemoAccounts, checkPostgres, checkTemporal } from './preflight';

/**
 * What the API and the worker do first: validate the environment (production refuses the public development
 * payload key and the demo seed), check that PostgreSQL and Temporal answer, and in production that no demo account
 * is active with the published password.
 * On failure it prints one sentence and exits 1, instead of a stack trace from deep inside a driver.
 */
export async function loadConfigOrExit(processName: string): Promise<AppConfig> {
  try {
    const config = loadConfig();
    await checkPostgres(config.database);
    if (config.env === 'production') await checkNoExposedDemoAccounts(config.database, config.demo.password);
    await checkTemporal(config.temporal);
    return config;
  } catch (err) {
    process.stderr.write(`vnfil ${processName}: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}
