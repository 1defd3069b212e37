import { freePort } from '../support/temporal-server';
import { checkedFetch, eventually, RunningSystem } from './support/system';

/**
 * The built worker with WORKER_METRICS_ADDRESS serves the Temporal SDK's own metrics (pollers, task latencies,
 * slots) on Prometheus, installed with the runtime before its connection.
 */
describe('the worker serves the Temporal SDK metrics when WORKER_METRICS_ADDRESS is set', () => {
  let system: RunningSystem;
  let address: string;

  beforeAll(async () => {
    address = `127.0.0.1:${await freePort()}`;
    system = await RunningSystem.start({ env: { WORKER_METRICS_ADDRESS: address } });
  }, 120_000);

  afterAll(async () => {
    await system?.stop();
  });

  it("names the worker's task queue in the SDK's poller metrics", async () => {
    const text = await eventually(
      'the worker metrics to name its task queue',
      async () => {
        const res = await fetch(`http://${address}/metrics`);
        const body = await res.text();
        return res.ok && body.includes(`task_queue="${system.taskQueue}"`) ? body : undefined;
      },
      60_000,
    );
    const names = new Set(text.split('\n').filter((l) => /^temporal_/.test(l)).map((l) => l.replace(/[{ ].*$/, '')));
    expect(names.size).toBeGreaterThan(0);
    expect([...names].some((n) => /^temporal_num_pollers$|^temporal_worker_start/.test(n))).toBe(true);
    // the API, started with the same setting, is unaffected and ready
    expect((await checkedFetch(system.baseUrl, '/health/ready')).status).toBe(200);
  }, 90_000);
});
