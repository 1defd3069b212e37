import type { DataSource } from 'typeorm';
import { NotificationEntity } from '../persistence/entities';
import type { NotificationTransport, OutgoingMessage } from './notification-transport';

/** Writes messages to the notification table (the outbox); the same key and recipient are written once. */
export class OutboxTransport implements NotificationTransport {
  constructor(private readonly dataSource: DataSource) {}

  async send(message: OutgoingMessage): Promise<void> {
    await this.dataSource
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
        status: 'pending',
      })
      .orIgnore()
      .execute();
  }
}
