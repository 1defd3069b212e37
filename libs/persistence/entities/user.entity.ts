import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { Role } from '../../domain';
import type { Locale } from '../../domain';
import { AwardingBodyEntity } from './awarding-body.entity';

@Entity('app_user')
@Index('uq_app_user_email', ['email'], { unique: true })
// 1765000000000: a body's users by name and newest first (created_at DESC, id DESC in the migration).
@Index('ix_app_user_body_name', ['awardingBodyId', 'displayName', 'id'])
@Index('ix_app_user_body_created', ['awardingBodyId', 'createdAt', 'id'])
// 1765000000000: pg_trgm GIN indexes for ILIKE '%…%' searches, which TypeORM cannot spell.
@Index('ix_app_user_display_name_trgm', { synchronize: false })
@Index('ix_app_user_email_trgm', { synchronize: false })
@Check('ck_app_user_body_scope', `role = 'candidate' OR awarding_body_id IS NOT NULL`)
@Check('ck_app_user_locale', `locale IN ('en', 'fr')`)
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stored lower-cased. */
  @Column({ type: 'text' })
  email: string;

  @Column({ type: 'text' })
  displayName: string;

  /** argon2id. */
  @Column({ type: 'text' })
  passwordHash: string;

  @Column({ type: 'enum', enum: Role, enumName: 'user_role' })
  role: Role;

  /** Assessors and admins act for one awarding body; candidates have none. */
  @Column({ type: 'uuid', nullable: true })
  awardingBodyId: string | null;

  @ManyToOne(() => AwardingBodyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'awarding_body_id', foreignKeyConstraintName: 'fk_app_user_awarding_body' })
  awardingBody?: Relation<AwardingBodyEntity>;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** IANA time zone the person reads dates and times in; null: the awarding body's (1765500000000). */
  @Column({ type: 'text', nullable: true })
  timeZone: string | null;

  /** When the person proved they read this address (the link in the sign-up e-mail); null: not yet (1765710000000). */
  @Column({ type: 'timestamptz', nullable: true })
  emailVerifiedAt: Date | null;

  /** The language of the portal and of their messages, once chosen (at sign-up, or with the language button); null: not chosen (1765710000000). */
  @Column({ type: 'text', nullable: true })
  locale: Locale | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
