import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { AssessmentPurpose, ASSIGNMENT_STATUSES } from '../../domain';
import type { AssignmentStatus } from '../../domain';
import { CaseEntity } from './case.entity';
import { UserEntity } from './user.entity';

export type { AssignmentStatus } from '../../domain';

/** An assessor put on a case, for first assessment, moderation or an appeal; one row per purpose and round. */
@Entity('case_assessor')
@Index('uq_case_assessor_case_purpose_round', ['caseId', 'purpose', 'round'], { unique: true })
// 1764800000000: one active assignment per case; end the active one before inserting the next.
@Index('uq_case_assessor_case_active', ['caseId'], { unique: true, where: `status = 'active'` })
// 1764800000000: the assessor's queue (replaces ix_case_assessor_assessor_status).
@Index('ix_case_assessor_assessor_queue', ['assessorId', 'status', 'assignedAt'])
// 1764800000000: the statuses come from ASSIGNMENT_STATUSES; an active assignment has no end, an ended one has.
@Check('ck_case_assessor_status', `status IN (${ASSIGNMENT_STATUSES.map((s) => `'${s}'`).join(', ')})`)
@Check('ck_case_assessor_round', 'round >= 1')
@Check('ck_case_assessor_ended', `(ended_at IS NULL) = (status = 'active')`)
export class CaseAssessorEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  caseId: string;

  // 1764800000000: RESTRICT (was CASCADE): an assignment is part of the case's record.
  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_case_assessor_case' })
  case?: Relation<CaseEntity>;

  @Column({ type: 'uuid' })
  assessorId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assessor_id', foreignKeyConstraintName: 'fk_case_assessor_assessor' })
  assessor?: Relation<UserEntity>;

  @Column({ type: 'enum', enum: AssessmentPurpose, enumName: 'assessment_purpose' })
  purpose: AssessmentPurpose;

  @Column({ type: 'smallint' })
  round: number;

  @Column({ type: 'text', default: 'active' })
  status: AssignmentStatus;

  @Column({ type: 'timestamptz' })
  assignedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  /** The case step that wrote the row (see case_step); null for rows written before steps were keyed. */
  @Column({ type: 'text', nullable: true })
  stepKey: string | null;
}
