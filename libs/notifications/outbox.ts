import type { EntityManager } from 'typeorm';
import { NotificationEntity } from '../persistence/entities';
import type { NotificationAttachment } from '../persistence/entities';

/** A rendered message to one user, ready for delivery. */
export interface OutgoingMessage {
  /** Unique together with the recipient: writing the same key twice keeps one message. */
  key: string;
  caseId: string | null;
  recipientUserId: string;
  recipientEmail: string;
  template: string;
  subject: string;
  text: string;
  html: string;
  /** Files sent with it (a session's calendar invitation); none when absent. */
  attachments?: NotificationAttachment[];
}

/**
 * Writes a message to the outbox (the notification table) in the caller's transaction, so a message exists
 * exactly when the step that sends it was recorded; a sender delivers from the outbox. Idempotent per key and recipient.
 */
export async function writeOutbox(em: EntityManager, message: OutgoingMessage): Promise<void> {
  await em
    .createQueryBuilder()
    .insert()
    .into(NotificationEntity)
    .values({
      key: message.key,
      caseId: message.caseId,
      recipientUserId: message.recipientUserId,
      recipientEmail: message.recipientEmail,
      template: message.template,
      subject: message.subject,
      bodyText: message.text,
      bodyHtml: message.html,
      attachments: (message.attachments ?? []) as never,
      status: 'pending',
    })
    .orIgnore()
    .execute();
}

/**
 * Where a message's reader opens the case: their own page of it in the portal (the candidate's case page, the
 * assessor's, the admin's management page). A link to the JSON API would answer a browser with JSON.
 */
export function portalCaseUrl(publicUrl: string, caseId: string, role: 'candidate' | 'assessor' | 'body_admin'): string {
  if (role === 'assessor') return `${publicUrl}/portal/assessor/cases/${caseId}`;
  if (role === 'body_admin') return `${publicUrl}/portal/admin/cases/${caseId}/manage`;
  return `${publicUrl}/portal/cases/${caseId}`;
}
