import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { loadConfigOrExit } from '../../../libs/config/bootstrap';
import { enabledLogLevels } from '../../../libs/config/config';
import { WorkerModule } from './worker.module';
import { WorkerService } from './worker.service';

/**
 * The worker process. Nest owns SIGINT and SIGTERM: its shutdown hooks stop the Temporal worker (running
 * activities finish), close PostgreSQL, then exit 0.
 */
async function bootstrap(): Promise<void> {
  const config = await loadConfigOrExit('worker');
  // The Temporal runtime would otherwise install its own signal handlers and race Nest's orderly stop.
  // Its log follows LOG_LEVEL too: the bundler's and the worker's INFO lines only when asked for.
  // Installed once, before any connection: the SDK's own metrics (polls, task latencies, slots) on Prometheus
  // when WORKER_METRICS_ADDRESS asks for them; the in-process workers of the tests never come through here.
  Runtime.install({
    shutdownSignals: [],
    logger: new DefaultLogger(config.logLevel === 'error' ? 'ERROR' : config.logLevel === 'warn' ? 'WARN' : 'INFO'),
    ...(config.metrics.workerAddress ? { telemetryOptions: { metrics: { prometheus: { bindAddress: config.metrics.workerAddress } } } } : {}),
  });
  const app = await NestFactory.createApplicationContext(WorkerModule, { abortOnError: false, logger: enabledLogLevels(config.logLevel) });
  app.enableShutdownHooks(['SIGINT', 'SIGTERM'], { useProcessExit: true });
  try {
    await app.get(WorkerService).run();
  } catch (err) {
    new Logger('worker').error(err instanceof Error ? err.message : String(err));
    await app.close();
    process.exit(1);
  }
}

bootstrap().catch((err: unknown) => {
  console.error(`vnfil worker could not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
