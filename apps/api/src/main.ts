import 'reflect-metadata';
import { loadConfigOrExit } from '../../../libs/config/bootstrap';
import { createApp } from './app';

/** Checks what the configuration points at, then serves the API until SIGINT/SIGTERM. */
async function main(): Promise<void> {
  const config = await loadConfigOrExit('API');
  const app = await createApp({ config });
  await app.listen(config.http.port, config.http.host);
  console.log(`vnfil API listening on ${config.http.publicUrl} (OpenAPI at ${config.http.publicUrl}/docs)`);
}

main().catch((err: unknown) => {
  console.error(`vnfil API did not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
