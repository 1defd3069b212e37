import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { CaseEntity } from './case.entity';
import { UserEntity } from './user.entity';

/** One list for the type and the check ck_notification_status. */
export const NOTIFICATION_STATUSES = ['pending', 'sent', 'failed'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

/** A file sent with a message, held as text (an iCalendar invitation is text). */
export interface NotificationAttachment {
  filename: string;
  /** Media type with parameters, e.g. "text/calendar; charset=utf-8; method=REQUEST". */
  contentType: string;
  content: string;
}

/** The outbox: rendered messages waiting for a transport to deliver them. */
@Entity('notification')
@Index('uq_notification_key_recipient', ['key', 'recipientUserId'], { unique: true })
// 1764800000000: the outbox in order (replaces ix_notification_status), and a case's messages.
@Index('ix_notification_outbox', ['status', 'createdAt'])
@Index('ix_notification_case', ['caseId'])
// 1765700000000: the mail relay's poll, pending messages in the order they fall due.
@Index('ix_notification_due', ['status', 'nextAttemptAt', 'createdAt'])
// 1764800000000: known statuses only; a message has a sent time exactly when it was sent.
@Check('ck_notification_status', `status IN (${NOTIFICATION_STATUSES.map((s) => `'${s}'`).join(', ')})`)
@Check('ck_notification_sent_at', `(sent_at IS NOT NULL) = (status = 'sent')`)
// 1765700000000: a pending message is always due at some time, which the relay's poll can see.
@Check('ck_notification_attempts', `attempts >= 0`)
@Check('ck_notification_next_attempt_at', `status <> 'pending' OR next_attempt_at IS NOT NULL`)
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Case id and the workflow's notification key: a retried activity writes nothing new. */
  @Column({ type: 'text' })
  key: string;

  @Column({ type: 'uuid', nullable: true })
  caseId: string | null;

  // 1764800000000: what a case's participants were told is part of its record.
  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_notification_case' })
  case?: Relation<CaseEntity>;

  @Column({ type: 'uuid' })
  recipientUserId: string;

  // 1764800000000
  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recipient_user_id', foreignKeyConstraintName: 'fk_notification_recipient' })
  recipient?: Relation<UserEntity>;

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

  /** Files sent with the message, e.g. a session's calendar invitation (1765600000000). */
  @Column({ type: 'jsonb', default: () => `'[]'` })
  attachments: NotificationAttachment[];

  @Column({ type: 'text', default: 'pending' })
  status: NotificationStatus;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  /** Delivery attempts made (1765700000000); at MAIL_MAX_ATTEMPTS the message is failed. */
  @Column({ type: 'integer', default: 0 })
  attempts: number;

  /**
   * When the relay next tries to send a pending message (now when written, later after a failure); while a relay
   * sends it, the end of that relay's lease. The relay clears it once the message is sent or failed.
   */
  @Column({ type: 'timestamptz', nullable: true, default: () => 'now()' })
  nextAttemptAt: Date | null;

  /** Why the last attempt failed (the SMTP server's answer or the connection error), never the message. */
  @Column({ type: 'text', nullable: true })
  lastError: string | null;
}
