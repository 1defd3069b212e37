import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { UserEntity } from './user.entity';

/**
 * in_progress: the first request with the key is running; accepted: the case's process accepted the step but
 * its result was late (the request was answered 202); completed: the final answer is stored.
 */
export type IdempotencyKeyState = 'in_progress' | 'accepted' | 'completed';

/**
 * A request sent with an Idempotency-Key header, per user and key, with its final answer once there is one,
 * so that a retry gets that answer instead of running the request again. Rows past expires_at are ignored
 * and replaced by the next request with the same key.
 */
@Entity('idempotency_key')
@Index('uq_idempotency_key_user_key', ['userId', 'key'], { unique: true })
@Check('ck_idempotency_key_key', `char_length(key) BETWEEN 1 AND 200`)
@Check('ck_idempotency_key_state', `state IN ('in_progress', 'accepted', 'completed')`)
@Check('ck_idempotency_key_answer', `(state = 'completed') = (response_status IS NOT NULL)`)
@Check('ck_idempotency_key_step', `state <> 'accepted' OR (step_case_id IS NOT NULL AND step_update_id IS NOT NULL)`)
export class IdempotencyKeyEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_idempotency_key_user' })
  user?: Relation<UserEntity>;

  /** The header's value, as the client sent it. */
  @Column({ type: 'text' })
  key: string;

  @Column({ type: 'text' })
  method: string;

  /** The request's path and query. */
  @Column({ type: 'text' })
  path: string;

  /** sha256 (hex) of the method, the path and the body in canonical JSON: a retry must match it. */
  @Column({ type: 'char', length: 64 })
  fingerprint: string;

  @Column({ type: 'text', default: 'in_progress' })
  state: IdempotencyKeyState;

  /** The step the case's process accepted (state accepted, and kept once it completes). */
  @Column({ type: 'uuid', nullable: true })
  stepCaseId: string | null;

  @Column({ type: 'text', nullable: true })
  stepUpdateId: string | null;

  @Column({ type: 'smallint', nullable: true })
  responseStatus: number | null;

  /** The JSON body of the final answer, as the text that was sent (so a replay is byte for byte the same); null for none (204). */
  @Column({ type: 'text', nullable: true })
  responseBody: string | null;

  /** When the request that runs now (or ran) claimed the key. */
  @Column({ type: 'timestamptz' })
  claimedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;
}
