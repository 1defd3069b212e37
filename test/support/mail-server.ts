import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './temporal-server';

// A real SMTP server with a web inbox (maildev, the one npm start runs), on free ports, for the tests that
// check what people receive: the mail relay's, and the portal's browser tests.

export interface MailServer {
  /** Where to send: smtp://127.0.0.1:<port>. */
  smtpUrl: string;
  /** The web inbox and its REST API (GET /api/email). */
  webUrl: string;
  /** Every message received so far, oldest first. */
  messages(): Promise<ReceivedMail[]>;
  /** The first message `predicate` accepts, waiting for it; fails naming `what` after `timeoutMs` (10 s by default). */
  waitFor(predicate: (m: ReceivedMail) => boolean, what: string, timeoutMs?: number): Promise<ReceivedMail>;
  stop(): Promise<void>;
}

export interface ReceivedMail {
  id: string;
  /** Decoded (RFC 2047 words read back into text). */
  subject: string;
  /** Recipients' addresses. */
  to: string[];
  text: string;
  html: string;
  /** The headers maildev reports, names in lower case. */
  headers: Record<string, string>;
  attachments: { filename: string; contentType: string }[];
}

const MAILDEV = join(__dirname, '../../node_modules/.bin/maildev');

/** maildev's JSON for one message, the fields read here. */
interface MaildevEmail {
  id: string;
  subject?: string;
  to?: { address: string }[];
  text?: string;
  html?: string;
  headers?: Record<string, unknown>;
  attachments?: { filename?: string; contentType?: string }[];
}

function toReceived(e: MaildevEmail): ReceivedMail {
  return {
    id: e.id,
    subject: e.subject ?? '',
    to: (e.to ?? []).map((t) => t.address),
    text: e.text ?? '',
    html: e.html ?? '',
    headers: Object.fromEntries(Object.entries(e.headers ?? {}).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(', ') : String(v)])),
    attachments: (e.attachments ?? []).map((a) => ({ filename: a.filename ?? '', contentType: a.contentType ?? '' })),
  };
}

/** Starts maildev on free ports (SMTP and web bound to 127.0.0.1, its mail in a temporary folder) and waits until it answers. */
export async function startMailServer(): Promise<MailServer> {
  const [smtpPort, webPort] = [await freePort(), await freePort()];
  const dir = mkdtempSync(join(tmpdir(), 'vnfil-maildev-'));
  const smtpUrl = `smtp://127.0.0.1:${smtpPort}`;
  const webUrl = `http://127.0.0.1:${webPort}`;
  let output = '';
  const child: ChildProcess = spawn(
    MAILDEV,
    ['--smtp', String(smtpPort), '--web', String(webPort), '--ip', '127.0.0.1', '--web-ip', '127.0.0.1', '--mail-directory', dir, '--silent'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timeout = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timeout);
    }
    rmSync(dir, { recursive: true, force: true });
  };

  const messages = async (): Promise<ReceivedMail[]> => {
    const answer = await fetch(`${webUrl}/api/email`);
    if (!answer.ok) throw new Error(`maildev answered ${answer.status} to GET /api/email`);
    return ((await answer.json()) as MaildevEmail[]).map(toReceived);
  };

  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await stop();
      throw new Error(`maildev stopped during start-up: ${output}`);
    }
    try {
      await messages();
      break;
    } catch {
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`maildev did not answer on ${webUrl} within 20 s: ${output}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  return {
    smtpUrl,
    webUrl,
    messages,
    async waitFor(predicate, what, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const received = await messages();
        const found = received.find(predicate);
        if (found) return found;
        if (Date.now() > until) {
          throw new Error(`no e-mail ${what} within ${timeoutMs} ms; received: ${JSON.stringify(received.map((m) => ({ to: m.to, subject: m.subject })))}`);
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    stop,
  };
}
