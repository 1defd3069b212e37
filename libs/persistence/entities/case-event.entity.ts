import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { CaseStatus } from '../../domain';
import { CaseEntity } from './case.entity';
import { UserEntity } from './user.entity';

/** The append-only log of a case: every transition and decision, who, when, from, to and why. */
@Entity('case_event')
@Index('uq_case_event_case_key', ['caseId', 'key'], { unique: true })
@Index('ix_case_event_case_seq', ['caseId', 'seq'])
export class CaseEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Insertion order across the whole log. */
  @Column({ type: 'bigint', generated: 'increment', transformer: { to: (v) => v, from: (v) => Number(v) } })
  seq: number;

  @Column({ type: 'uuid' })
  caseId: string;

  // 1764800000000: RESTRICT (was CASCADE): deleting the case must not take its log with it.
  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_case_event_case' })
  case?: Relation<CaseEntity>;

  /** Idempotency key chosen by the workflow (or the API for its own records). */
  @Column({ type: 'text' })
  key: string;

  @Column({ type: 'text' })
  type: string;

  @Column({ type: 'enum', enum: CaseStatus, enumName: 'case_status', nullable: true })
  fromStatus: CaseStatus | null;

  @Column({ type: 'enum', enum: CaseStatus, enumName: 'case_status' })
  toStatus: CaseStatus;

  /** Null when the system acted (a timer, a rule). */
  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  // 1764800000000: the actor is a real user.
  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'actor_id', foreignKeyConstraintName: 'fk_case_event_actor' })
  actor?: Relation<UserEntity>;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'jsonb', default: () => `'{}'` })
  data: Record<string, unknown>;

  @Column({ type: 'timestamptz' })
  occurredAt: Date;
}
