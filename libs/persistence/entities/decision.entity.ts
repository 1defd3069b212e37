import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { DecisionResult } from '../../domain';
import { CaseEntity } from './case.entity';
import { UserEntity } from './user.entity';

/** The awarding body's decision, separate from any assessor's recommendation; revocable, never deleted. */
@Entity('decision')
@Index('uq_decision_case_sequence', ['caseId', 'sequence'], { unique: true })
export class DecisionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  caseId: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'CASCADE' })
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

  @Column({ type: 'text', nullable: true })
  revocationReason: string | null;
}
