import type { DataSource } from 'typeorm';
import type { NotificationAttachment } from '../persistence/entities';

/** A message the relay holds the lease of, with the attempt number that lease belongs to. */
export interface ClaimedMessage {
  id: string;
  recipientEmail: string;
  subject: string;
  text: string;
  html: string;
  attachments: NotificationAttachment[];
  attempts: number;
}

interface ClaimedRow {
  id: string;
  recipient_email: string;
  subject: string;
  body_text: string;
  body_html: string;
  attachments: NotificationAttachment[];
  attempts: number;
}

/**
 * The outbox's delivery state, the only SQL of the mail relay. A message is claimed by moving its next_attempt_at
 * past the lease and counting the attempt, in one statement whose row lock (FOR UPDATE SKIP LOCKED) makes any other
 * relay skip it; the others' polls then no longer see it as due until the lease ends. Marks apply only while the
 * claim is still the latest (same attempts), so a relay whose lease ran out cannot overwrite a newer attempt.
 */
export class OutboxDelivery {
  constructor(private readonly dataSource: DataSource) {}

  /** The pending message due first (walks ix_notification_due), now leased to the caller for `leaseMs`; none when nothing is due. */
  async claimNext(leaseMs: number): Promise<ClaimedMessage | undefined> {
    const [rows] = (await this.dataSource.query(
      `UPDATE notification n
       SET attempts = n.attempts + 1, next_attempt_at = now() + $1 * interval '1 millisecond'
       FROM (
         SELECT id FROM notification
         WHERE status = 'pending' AND next_attempt_at <= now()
         ORDER BY status, next_attempt_at, created_at
         LIMIT 1
         FOR UPDATE SKIP LOCKED
       ) due
       WHERE n.id = due.id
       RETURNING n.id, n.recipient_email, n.subject, n.body_text, n.body_html, n.attachments, n.attempts`,
      [leaseMs],
    )) as [ClaimedRow[], number];
    const row = rows[0];
    if (!row) return undefined;
    return {
      id: row.id,
      recipientEmail: row.recipient_email,
      subject: row.subject,
      text: row.body_text,
      html: row.body_html,
      attachments: row.attachments,
      attempts: row.attempts,
    };
  }

  /** Sent: never claimed again. False when the claim was no longer the latest. */
  async markSent(message: ClaimedMessage): Promise<boolean> {
    const [, count] = (await this.dataSource.query(
      `UPDATE notification SET status = 'sent', sent_at = now(), next_attempt_at = NULL, last_error = NULL
       WHERE id = $1 AND status = 'pending' AND attempts = $2`,
      [message.id, message.attempts],
    )) as [unknown, number];
    return count === 1;
  }

  /** A failed attempt: due again after `retryInMs`, or failed for good when `retryInMs` is undefined. */
  async markAttemptFailed(message: ClaimedMessage, error: string, retryInMs: number | undefined): Promise<boolean> {
    const [, count] = (await this.dataSource.query(
      `UPDATE notification
       SET status = CASE WHEN $3::bigint IS NULL THEN 'failed' ELSE 'pending' END,
           next_attempt_at = now() + $3::bigint * interval '1 millisecond',
           last_error = $4
       WHERE id = $1 AND status = 'pending' AND attempts = $2`,
      [message.id, message.attempts, retryInMs ?? null, error],
    )) as [unknown, number];
    return count === 1;
  }
}
