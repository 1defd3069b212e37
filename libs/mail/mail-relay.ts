import type { DataSource } from 'typeorm';
import type { NotificationAttachment } from '../persistence/entities';
import { DEFAULT_BACKOFF, retryDelayMs } from './backoff';
import type { BackoffOptions } from './backoff';
import { OutboxDelivery } from './outbox-delivery';
import type { ClaimedMessage } from './outbox-delivery';

/** One message as a transport sends it. */
export interface OutgoingMail {
  /** `<notification-{row id}@{host}>`: the same for every attempt at one outbox row. */
  messageId: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  attachments: NotificationAttachment[];
}

/** What the relay sends through (SMTP in the worker). `send` resolves once the server has accepted the message. */
export interface MailSender {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

export interface RelayLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface MailRelayOptions {
  from: string;
  /** Ends every Message-ID (PUBLIC_URL's host). */
  messageIdHost: string;
  everySeconds: number;
  maxAttempts: number;
  backoff?: BackoffOptions;
  /**
   * How long a claimed message is withheld from other relays while this one sends it: longer than one SMTP
   * exchange may take (see SmtpSender's timeouts), so a live relay never loses its lease mid-send.
   */
  leaseMs?: number;
  logger?: RelayLogger;
}

const DEFAULT_LEASE_MS = 5 * 60_000;
/** The part of a failure kept in last_error: SMTP answers and socket errors are short; a long one is cut. */
const MAX_ERROR_LENGTH = 1_000;

/** The Message-ID of an outbox row: its id is the delivery's idempotency key. */
export function messageIdOf(notificationId: string, host: string): string {
  return `<notification-${notificationId}@${host}>`;
}

/**
 * Delivers the outbox: polls for pending messages in the order they fall due (new ones in created order), claims
 * one at a time, sends it, marks it sent, or counts the failure and backs off (failed after maxAttempts).
 *
 * Exactly once per row between relays: the claim (OutboxDelivery.claimNext) is one statement under FOR UPDATE
 * SKIP LOCKED that leases the row, so several relays in one or more workers never send the same row.
 * At least once across crashes, honestly: if the relay dies (or loses the database) after the SMTP server
 * accepted a message and before the row is marked sent, the row becomes due again when its lease ends and is sent
 * a second time. That second copy carries the same Message-ID (from the row id), so mail systems and readers can
 * recognise it as the same message; SMTP offers no way to close that window.
 */
export class MailRelay {
  private readonly outbox: OutboxDelivery;
  private readonly backoff: BackoffOptions;
  private readonly leaseMs: number;
  private timer: NodeJS.Timeout | undefined;
  private pass: Promise<void> | undefined;
  private stopping = false;

  constructor(
    dataSource: DataSource,
    private readonly sender: MailSender,
    private readonly options: MailRelayOptions,
  ) {
    this.outbox = new OutboxDelivery(dataSource);
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  }

  /** Polls every `everySeconds` until stop(); a pass starts at once. */
  start(): void {
    this.stopping = false;
    const tick = () => {
      this.pass = this.deliverDueSafely().finally(() => {
        if (!this.stopping) this.timer = setTimeout(tick, this.options.everySeconds * 1000);
      });
    };
    tick();
  }

  /** Ends polling; a message being sent is finished and marked first. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    await this.pass;
    this.sender.close();
  }

  /** One pass: sends every message due now; returns how many were sent. */
  async deliverDue(): Promise<number> {
    let sent = 0;
    while (!this.stopping) {
      const message = await this.outbox.claimNext(this.leaseMs);
      if (!message) break;
      if (await this.deliver(message)) sent += 1;
    }
    return sent;
  }

  /** A pass that logs instead of throwing: the database or the SMTP server being down never stops the worker. */
  private async deliverDueSafely(): Promise<void> {
    try {
      await this.deliverDue();
    } catch (err) {
      this.options.logger?.error(`mail relay pass failed, trying again in ${this.options.everySeconds} s: ${errorText(err)}`);
    }
  }

  private async deliver(message: ClaimedMessage): Promise<boolean> {
    try {
      await this.sender.send({
        messageId: messageIdOf(message.id, this.options.messageIdHost),
        from: this.options.from,
        to: message.recipientEmail,
        subject: message.subject,
        text: message.text,
        html: message.html,
        attachments: message.attachments,
      });
    } catch (err) {
      await this.recordFailure(message, errorText(err));
      return false;
    }
    if (!(await this.outbox.markSent(message))) {
      this.options.logger?.warn(`notification ${message.id} was sent after its lease ended (attempt ${message.attempts}); another attempt may send it again`);
    }
    return true;
  }

  /** Logged by row id and attempt, never with the message's subject or body. */
  private async recordFailure(message: ClaimedMessage, error: string): Promise<void> {
    const last = message.attempts >= this.options.maxAttempts;
    const retryInMs = last ? undefined : retryDelayMs(message.attempts, this.backoff);
    await this.outbox.markAttemptFailed(message, error, retryInMs);
    if (retryInMs === undefined) {
      this.options.logger?.error(`notification ${message.id} failed after ${message.attempts} attempts, not retried: ${error}`);
    } else {
      this.options.logger?.warn(`notification ${message.id}: attempt ${message.attempts} of ${this.options.maxAttempts} failed, next in ${Math.round(retryInMs / 1000)} s: ${error}`);
    }
  }
}

function errorText(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH)}…` : text;
}
