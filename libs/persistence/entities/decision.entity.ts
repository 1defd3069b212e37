import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { DecisionResult } from '../../domain';
import { CaseEntity } from './case.entity';
import { UserEntity } from './user.entity';

/** The awarding body's decision, separate from any assessor's recommendation; revocable, never deleted. */
@Entity('decision')
@Index('uq_decision_case_sequence', ['caseId', 'sequence'], { unique: true })
// 1764800000000: sequences count from 1; a revocation has its time and reason, and a revoker only if revoked.
@Check('ck_decision_sequence', 'sequence >= 1')
@Check('ck_decision_revocation', '(revoked_at IS NULL) = (revocation_reason IS NULL) AND (revoked_by IS NULL OR revoked_at IS NOT NULL)')
export class DecisionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  caseId: string;

  // 1764800000000: RESTRICT (was CASCADE): a decision is part of the case's record.
  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_decision_case' })
  case?: Relation<CaseEntity>;

  @Column({ type: 'smallint' })
  sequence: number;

  @Column({ type: 'enum', enum: DecisionResult, enumName: 'decision_result' })
  result: DecisionResult;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  recognisedOutcomeIds: string[];

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'uuid' })
  decidedBy: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'decided_by', foreignKeyConstraintName: 'fk_decision_decided_by' })
  decider?: Relation<UserEntity>;

  @Column({ type: 'timestamptz' })
  decidedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  /** Null when the system revoked it (an upheld appeal supersedes it). */
  @Column({ type: 'uuid', nullable: true })
  revokedBy: string | null;

  // 1764800000000
  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'revoked_by', foreignKeyConstraintName: 'fk_decision_revoked_by' })
  revoker?: Relation<UserEntity>;

  @Column({ type: 'text', nullable: true })
  revocationReason: string | null;

  /** The case step that wrote the row (see case_step); null for rows written before steps were keyed. */
  @Column({ type: 'text', nullable: true })
  stepKey: string | null;
}
