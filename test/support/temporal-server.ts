import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const TOOLS_BIN = resolve(__dirname, '../../.tools/venv/bin');
export const TEMPORAL_CLI = join(TOOLS_BIN, 'temporal');
export const TEMPORAL_TEST_SERVER = join(TOOLS_BIN, 'temporal-test-server');

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

/**
 * A real Temporal dev server (the CLI's `server start-dev`) persisting to a SQLite file, so a test can
 * stop and restart it and find its workflows again.
 */
export class TemporalDevServer {
  private process: ChildProcess | undefined;
  readonly dir: string;
  readonly dbFile: string;

  private constructor(readonly port: number, dir?: string) {
    this.dir = dir ?? mkdtempSync(join(tmpdir(), 'vnfil-temporal-'));
    this.dbFile = join(this.dir, 'temporal.db');
  }

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  static async start(): Promise<TemporalDevServer> {
    const server = new TemporalDevServer(await freePort());
    await server.restart();
    return server;
  }

  async restart(): Promise<void> {
    const uiPort = await freePort();
    this.process = spawn(
      TEMPORAL_CLI,
      [
        'server', 'start-dev', '--headless', '--ip', '127.0.0.1', '--port', String(this.port), '--ui-port', String(uiPort),
        '--db-filename', this.dbFile, '--log-level', 'error', '--sqlite-pragma', 'journal_mode=wal',
      ],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const health = spawnSync(TEMPORAL_CLI, ['operator', 'cluster', 'health', '--address', this.address], { encoding: 'utf8' });
      if (health.stdout?.includes('SERVING')) return;
      if (this.process.exitCode !== null) throw new Error(`temporal dev server exited with ${this.process.exitCode}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`temporal dev server did not become healthy on ${this.address}`);
  }

  /** Stops the server: SIGKILL simulates a crash, SIGTERM a clean stop. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const proc = this.process;
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise<void>((r) => proc.once('exit', () => r()));
    proc.kill(signal);
    await exited;
    this.process = undefined;
  }

  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
