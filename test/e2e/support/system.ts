import { untilConnected } from '../../../libs/temporal/temporal';
import { Connection } from '@temporalio/client';
import type { Client } from '@temporalio/client';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { RECONCILE_SCHEDULE_ID } from '../../../apps/worker/src/worker.service';
import { TEST_DATABASE_URL } from '../../support/database';
import { freePort, TemporalDevServer } from '../../support/temporal-server';
import { testTemporalClient } from '../../support/temporal-client';
import { conformanceChecker, ConformanceLog, decodeBody } from './response-conformance';
import type { ApiDocument } from './response-conformance';

const ROOT = resolve(__dirname, '../../..');
const API_MAIN = join(ROOT, 'dist/apps/api/src/main.js');
const WORKER_MAIN = join(ROOT, 'dist/apps/worker/src/main.js');

/** What a test may change about the processes of a RunningSystem. */
export interface SystemOptions {
  /** The database the API and worker use: the run's shared test database unless the test brings its own. */
  databaseUrl?: string;
  /** Environment for both processes, over the defaults below. */
  env?: Record<string, string>;
}

/**
 * The reconciler's schedule sweeps every open case row of the database. The shared test database holds many
 * whose workflows lived on other test files' (gone) Temporal servers, so by default it fires at most once a
 * day (1440 is the largest interval the configuration allows); a test of the reconciler triggers it by hand.
 */
const QUIET_RECONCILER_MINUTES = '1440';

/** Each running API's answers, checked against its OpenAPI document, by its base URL (ApiUser knows only that). */
const conformanceOf = new Map<string, ConformanceLog>();

/**
 * A request to a running API whose answer is checked against the API's OpenAPI document (once it has been
 * read); the answer is returned with its bytes.
 */
export async function checkedFetch(baseUrl: string, path: string, init: RequestInit = {}): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
  const res = await fetch(`${baseUrl}${path}`, init);
  const bytes = Buffer.from(await res.arrayBuffer());
  const headers = Object.fromEntries(res.headers);
  conformanceOf.get(baseUrl)?.observe({ method: (init.method ?? 'GET').toUpperCase(), path, status: res.status, headers, body: decodeBody(bytes, headers['content-type'] ?? '') });
  return { status: res.status, headers: res.headers, bytes };
}

/**
 * The whole system as separate processes, as it runs in production: the built API and worker (from dist/,
 * which `npm test` builds first), a real Temporal dev server persisting to SQLite, the test database.
 */
export class RunningSystem {
  temporal!: TemporalDevServer;
  private api: ChildProcess | undefined;
  private worker: ChildProcess | undefined;
  private temporalClient: Client | undefined;
  readonly storageDir = mkdtempSync(join(tmpdir(), 'vnfil-storage-'));
  readonly taskQueue = `vnfil-e2e-${process.pid}-${Date.now()}`;
  readonly databaseUrl: string;
  port = 0;
  output = '';
  /** Every answer through checkedFetch (and so ApiUser), checked against the API's document; a violation fails stop(). */
  conformance: ConformanceLog | undefined;

  private constructor(private readonly options: SystemOptions) {
    this.databaseUrl = options.databaseUrl ?? TEST_DATABASE_URL;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The id of the reconciler's Temporal Schedule, as the worker creates it for its task queue. */
  get reconcileScheduleId(): string {
    return `${RECONCILE_SCHEDULE_ID}-${this.taskQueue}`;
  }

  env(): NodeJS.ProcessEnv {
    return {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATABASE_URL: this.databaseUrl,
      TEMPORAL_ADDRESS: this.temporal.address,
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_TASK_QUEUE: this.taskQueue,
      STORAGE_DIR: this.storageDir,
      HOST: '127.0.0.1',
      PORT: String(this.port),
      MAX_UPLOAD_BYTES: String(1024 * 1024),
      RECONCILE_EVERY_MINUTES: QUIET_RECONCILER_MINUTES,
      // the tests sign in far more often than a person does
      AUTH_RATE_LIMIT_PER_IP: '100000',
      AUTH_RATE_LIMIT_PER_ACCOUNT: '10000',
      // the outbox stays as the process wrote it (a developer's maildev on 1025 would otherwise receive the tests'
      // messages and mark them sent); test/integration/mail-relay.test.ts covers delivery
      MAIL_RELAY: 'off',
      ...this.options.env,
    };
  }

  static async start(options: SystemOptions = {}): Promise<RunningSystem> {
    for (const main of [API_MAIN, WORKER_MAIN]) {
      if (!existsSync(main)) throw new Error(`${main} is missing: build first (npm run build; npm test does)`);
    }
    const system = new RunningSystem(options);
    system.temporal = await TemporalDevServer.start();
    system.port = await freePort();
    system.startWorker();
    await system.startApi();
    return system;
  }

  /** The test's own Temporal client (to describe, terminate or reset workflows); it reconnects after a server restart. */
  async client(): Promise<Client> {
    this.temporalClient ??= testTemporalClient(await untilConnected(() => Connection.connect({ address: this.temporal.address })));
    return this.temporalClient;
  }

  private spawnNode(main: string): ChildProcess {
    const child = spawn(process.execPath, [main], { env: this.env(), stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-20_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    return child;
  }

  /** The identity the running worker gives Temporal: the SDK's default, `<pid>@<host>`. */
  get workerIdentity(): string | null {
    return this.worker?.pid ? `${this.worker.pid}@${hostname()}` : null;
  }

  startWorker(): void {
    this.worker = this.spawnNode(WORKER_MAIN);
  }

  async startApi(): Promise<void> {
    this.api = this.spawnNode(API_MAIN);
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (this.api.exitCode !== null) throw new Error(`the API exited with ${this.api.exitCode}:\n${this.output}`);
      try {
        const res = await fetch(`${this.baseUrl}/health`);
        if (res.ok) {
          await this.readDocument();
          return;
        }
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`the API did not answer /health within 60 s:\n${this.output}`);
  }

  /** The API's OpenAPI document, read once: from then on checkedFetch checks every answer against it. */
  private async readDocument(): Promise<void> {
    if (this.conformance) return;
    const res = await fetch(`${this.baseUrl}/docs-json`);
    if (!res.ok) throw new Error(`GET /docs-json answered ${res.status}`);
    this.conformance = new ConformanceLog(conformanceChecker((await res.json()) as ApiDocument));
    conformanceOf.set(this.baseUrl, this.conformance);
  }

  /** A crash: no shutdown hooks, no draining. */
  async killWorker(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    await stopProcess(this.worker, signal);
    this.worker = undefined;
  }

  /** A crash of the API: requests in flight get no answer. */
  async killApi(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    await stopProcess(this.api, signal);
    this.api = undefined;
  }

  async stop(): Promise<void> {
    await stopProcess(this.api, 'SIGTERM');
    await stopProcess(this.worker, 'SIGTERM');
    await this.temporalClient?.connection.close();
    await this.temporal?.dispose();
    rmSync(this.storageDir, { recursive: true, force: true });
    conformanceOf.delete(this.baseUrl);
    this.conformance?.assertConforms();
  }
}

async function stopProcess(child: ChildProcess | undefined, signal: NodeJS.Signals): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

/** A logged-in user of the API. */
export class ApiUser {
  constructor(
    readonly baseUrl: string,
    readonly token: string,
    readonly id: string,
  ) {}

  static async login(baseUrl: string, email: string, password: string): Promise<ApiUser> {
    const res = await checkedFetch(baseUrl, '/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    const body = JSON.parse(res.bytes.toString('utf8')) as { token: string; user: { id: string } };
    if (res.status !== 200 && res.status !== 201) throw new Error(`login of ${email} failed: ${res.status} ${JSON.stringify(body)}`);
    return new ApiUser(baseUrl, body.token, body.user.id);
  }

  async request<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: T; location: string | null }> {
    const init: RequestInit = { method, headers: { authorization: `Bearer ${this.token}`, ...headers } };
    if (body instanceof FormData) {
      init.body = body;
    } else if (body !== undefined) {
      (init.headers as Record<string, string>)['content-type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const res = await checkedFetch(this.baseUrl, path, init);
    const text = res.bytes.toString('utf8');
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: parsed as T, location: res.headers.get('location') };
  }

  /**
   * A step the case's process accepted but had not finished in time answers 202 with a Location: a client
   * asks there until the step's own answer (200, or 409 when the process refused it) arrives.
   */
  async settled<T>(res: { status: number; body: T; location: string | null }, deadlineMs = 90_000): Promise<{ status: number; body: T; location: string | null }> {
    const deadline = Date.now() + deadlineMs;
    while (res.status === 202 && res.location && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
      const polled = await this.request<T>('GET', res.location);
      if (polled.status !== 202) return polled;
    }
    return res;
  }

  /**
   * As a careful client does after a crash somewhere: the request carries an Idempotency-Key, and is sent again
   * with the same key when it got no answer (the API was down), a 503 ("retry shortly") or a 409 saying its
   * twin is still in progress, until the deadline; a 202 is followed to its result. So the request is applied
   * once and every attempt gets its answer.
   */
  async retrying<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    opts: { key?: string; deadlineMs?: number } = {},
  ): Promise<{ status: number; body: T }> {
    const deadline = Date.now() + (opts.deadlineMs ?? 90_000);
    const key = opts.key ?? randomUUID();
    for (;;) {
      let res: { status: number; body: T; location: string | null } | undefined;
      try {
        res = await this.settled(await this.request<T>(method, path, body, { 'idempotency-key': key }), Math.max(deadline - Date.now(), 0));
      } catch (err) {
        if (Date.now() > deadline) throw err;
      }
      if (res && (!isRetryable(res) || Date.now() > deadline)) return res;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }

  /** The request must succeed (2xx, a late step followed to its result), sent as a careful client does (retrying); its body is returned. */
  async ok<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await this.retrying<T>(method, path, body);
    if (res.status >= 300 || res.status === 202) throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  }
}

/** An answer that tells a careful client to send the request again with the same key. */
function isRetryable(res: { status: number; body: unknown }): boolean {
  if (res.status === 503) return true;
  return res.status === 409 && (res.body as { code?: string } | undefined)?.code === 'idempotency.in_progress';
}

/** Polls until `check` returns a value, or fails with the last one seen. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 60_000, intervalMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}
