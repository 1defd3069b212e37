import 'reflect-metadata';
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../libs/persistence/data-source';
import { freePort, TEMPORAL_CLI, TemporalDevServer } from '../../libs/temporal/dev-server';
import { seedDemo } from '../../libs/persistence/seeds/demo.seed';
import type { DemoSeed } from '../../libs/persistence/seeds/demo.seed';
import { CPU_ACCOUNTING, CpuWindow } from './cpu';
import type { Pids } from './cpu';

/** The repository's root, from the sources (bench/support) or the build (dist/bench/support). */
export const ROOT = findRoot(__dirname);
const API_MAIN = join(ROOT, 'dist/apps/api/src/main.js');
const WORKER_MAIN = join(ROOT, 'dist/apps/worker/src/main.js');

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

export interface StackInfo {
  postgres: string;
  temporal: string;
}

/**
 * The whole system on its embedded defaults, for one benchmark run and nothing else: a database of its own
 * with every migration and the demo awarding body, a Temporal dev server on free ports persisting to a
 * temporary SQLite file (as `npm start` runs it), and the built worker and API as separate processes.
 */
export class BenchStack {
  readonly dir = mkdtempSync(join(tmpdir(), 'vnfil-bench-'));
  private temporal: TemporalDevServer | undefined;
  private api: ChildProcess | undefined;
  private worker: ChildProcess | undefined;
  private databaseCreated = false;
  private monitor: Client | undefined;
  temporalAddress = '';
  port = 0;
  seed!: DemoSeed;
  output = '';

  private constructor(readonly databaseUrl: string) {}

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Brings everything up; on any failure, what was started is stopped again before the error is thrown. */
  static async start(databaseUrl: string, password: string, log: (line: string) => void): Promise<BenchStack> {
    for (const main of [API_MAIN, WORKER_MAIN]) {
      if (!existsSync(main)) throw new Error(`${main} is missing: build first (npm run bench:reads does)`);
    }
    if (!existsSync(TEMPORAL_CLI)) throw new Error(`${TEMPORAL_CLI} is missing: run bash scripts/ensure-tools.sh`);
    const stack = new BenchStack(databaseUrl);
    try {
      log(`database ${new URL(databaseUrl).pathname.slice(1)}: created, migrated, demo body seeded`);
      await stack.prepareDatabase(password);
      await stack.startTemporal();
      log(`Temporal dev server on ${stack.temporalAddress}`);
      stack.port = await freePort();
      stack.worker = stack.spawnNode(WORKER_MAIN);
      await stack.startApi();
      log(`worker and API up, API on ${stack.baseUrl}`);
      return stack;
    } catch (err) {
      await stack.stop();
      throw err;
    }
  }

  private async prepareDatabase(password: string): Promise<void> {
    const name = new URL(this.databaseUrl).pathname.slice(1);
    if (!/^[a-z0-9_]+$/.test(name) || !name.includes('bench')) throw new Error(`refusing to recreate ${name}: not a benchmark database (its name must contain "bench")`);
    await adminQuery(this.databaseUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await adminQuery(this.databaseUrl, `CREATE DATABASE ${name}`);
    this.databaseCreated = true;
    const ds = await new DataSource({ ...dataSourceOptions(this.databaseUrl), extra: { max: 2, application_name: 'vnfil-bench' } }).initialize();
    try {
      await ds.runMigrations({ transaction: 'each' });
      this.seed = await seedDemo(ds, password);
    } finally {
      await ds.destroy();
    }
  }

  private async startTemporal(): Promise<void> {
    this.temporal = await TemporalDevServer.start({ dir: join(this.dir, 'temporal'), onOutput: (chunk) => this.keep(chunk) });
    this.temporalAddress = this.temporal.address;
  }

  private env(): NodeJS.ProcessEnv {
    return {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      // not production: the benchmark signs in the demo seed's users, which production refuses to start with
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      // the seeding signs up hundreds of candidates from one address within minutes
      AUTH_RATE_LIMIT_PER_IP: '100000',
      DATABASE_URL: this.databaseUrl,
      TEMPORAL_ADDRESS: this.temporalAddress,
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_TASK_QUEUE: `vnfil-bench-${process.pid}`,
      STORAGE_DIR: join(this.dir, 'storage'),
      HOST: '127.0.0.1',
      PORT: String(this.port),
      // the reconciler's sweep describes every open case's workflow: kept out of the measured minutes
      RECONCILE_EVERY_MINUTES: '1440',
    };
  }

  private spawnNode(main: string): ChildProcess {
    const child = spawn(process.execPath, [main], { cwd: ROOT, env: this.env(), stdio: ['ignore', 'pipe', 'pipe'] });
    this.keepOutput(child);
    return child;
  }

  private keep(chunk: string): void {
    this.output = (this.output + chunk).slice(-20_000);
  }

  private keepOutput(child: ChildProcess): void {
    child.stdout?.on('data', (chunk: Buffer) => this.keep(chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => this.keep(chunk.toString()));
  }

  private async startApi(): Promise<void> {
    this.api = this.spawnNode(API_MAIN);
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      for (const [name, child] of [['API', this.api], ['worker', this.worker]] as const) {
        if (child && child.exitCode !== null) throw new Error(`the ${name} exited with ${child.exitCode}:\n${this.output}`);
      }
      try {
        if ((await fetch(`${this.baseUrl}/health`)).ok) return;
      } catch {
        // not listening yet
      }
      await sleep(200);
    }
    throw new Error(`the API did not answer /health within 60 s:\n${this.output}`);
  }

  /** Whether the API, the worker and the Temporal server are all still running. */
  alive(): boolean {
    return !!this.temporal?.running && [this.api, this.worker].every((p) => p !== undefined && p.exitCode === null && p.signalCode === null);
  }

  async info(): Promise<StackInfo> {
    const row = (await (await this.db()).query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0];
    const cli = spawnSync(TEMPORAL_CLI, ['--version'], { encoding: 'utf8' }).stdout.trim();
    return { postgres: row?.v ?? 'unknown', temporal: cli };
  }

  private async db(): Promise<Client> {
    if (!this.monitor) {
      this.monitor = new Client({ connectionString: this.databaseUrl, application_name: 'vnfil-bench-monitor' });
      await this.monitor.connect();
    }
    return this.monitor;
  }

  /** The system's processes, PostgreSQL's as the backends connected to this run's database. */
  async pids(): Promise<Pids> {
    const backends = await (await this.db()).query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
    );
    const pid = (p: ChildProcess | undefined) => (p?.pid ? [p.pid] : []);
    return { api: pid(this.api), worker: pid(this.worker), temporal: this.temporal?.pid ? [this.temporal.pid] : [], postgres: backends.rows.map((r) => r.pid) };
  }

  /**
   * Waits until the system is idle (under a tenth of a core over a second), so that what the seeding set in
   * motion (screening, continue-as-new, timers) does not run into the first measurement. Seconds waited.
   */
  async settle(maxSeconds = 30): Promise<number> {
    if (!CPU_ACCOUNTING) return 0;
    const started = Date.now();
    while (Date.now() - started < maxSeconds * 1000) {
      const window = new CpuWindow(await this.pids());
      await sleep(1000);
      const use = window.close();
      if ((use.api ?? 0) + (use.worker ?? 0) + (use.temporal ?? 0) + (use.postgres ?? 0) < 0.1) break;
    }
    return (Date.now() - started) / 1000;
  }

  /** API and worker first (they drain), then the Temporal server; the database and the temporary files go last. */
  async stop(): Promise<void> {
    await this.monitor?.end().catch(() => undefined);
    this.monitor = undefined;
    await stopProcess(this.api);
    await stopProcess(this.worker);
    await this.temporal?.stop();
    if (this.databaseCreated) {
      const name = new URL(this.databaseUrl).pathname.slice(1);
      await adminQuery(this.databaseUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch((err: unknown) => {
        console.error(`could not drop the database ${name}: ${String(err)}`);
      });
      this.databaseCreated = false;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function stopProcess(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
