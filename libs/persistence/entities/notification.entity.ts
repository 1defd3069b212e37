import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type NotificationStatus = 'pending' | 'sent' | 'failed';

/** The outbox: rendered messages waiting for a transport to deliver them. */
@Entity('notification')
@Index('uq_notification_key_recipient', ['key', 'recipientUserId'], { unique: true })
@Index('ix_notification_status', ['status'])
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Case id and the workflow's notification key: a retried activity writes nothing new. */
  @Column({ type: 'text' })
  key: string;

  @Column({ type: 'uuid', nullable: true })
  caseId: string | null;

  @Column({ type: 'uuid' })
  recipientUserId: string;

  @Column({ type: 'text' })
  recipientEmail: string;

  @Column({ type: 'text' })
  template: string;

  @Column({ type: 'text' })
  subject: string;

  @Column({ type: 'text' })
  bodyText: string;

  @Column({ type: 'text' })
  bodyHtml: string;

  @Column({ type: 'text', default: 'pending' })
  status: NotificationStatus;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;
}
