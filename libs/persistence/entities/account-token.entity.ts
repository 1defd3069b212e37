import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { UserEntity } from './user.entity';

/** What a one-time account link does. */
export const ACCOUNT_TOKEN_PURPOSES = ['verify_email', 'reset_password'] as const;
export type AccountTokenPurpose = (typeof ACCOUNT_TOKEN_PURPOSES)[number];

/** A one-time link sent by e-mail (verify the address, reset the password), kept as the sha256 of its token (1765710000000). */
@Entity('account_token')
@Index('uq_account_token_hash', ['tokenHash'], { unique: true })
@Index('ix_account_token_user_purpose', ['userId', 'purpose', 'createdAt'])
@Check('ck_account_token_purpose', `purpose IN (${ACCOUNT_TOKEN_PURPOSES.map((p) => `'${p}'`).join(', ')})`)
export class AccountTokenEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_account_token' })
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_account_token_user' })
  user?: Relation<UserEntity>;

  @Column({ type: 'text' })
  purpose: AccountTokenPurpose;

  @Column({ type: 'char', length: 64 })
  tokenHash: string;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  usedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
