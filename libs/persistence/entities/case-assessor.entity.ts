import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { AssessmentPurpose } from '../../domain';
import { CaseEntity } from './case.entity';
import { UserEntity } from './user.entity';

export type AssignmentStatus = 'active' | 'completed' | 'reassigned' | 'conflict' | 'withdrawn' | 'lapsed';

/** An assessor put on a case, for first assessment, moderation or an appeal; one row per purpose and round. */
@Entity('case_assessor')
@Index('uq_case_assessor_case_purpose_round', ['caseId', 'purpose', 'round'], { unique: true })
@Index('ix_case_assessor_assessor_status', ['assessorId', 'status'])
export class CaseAssessorEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  caseId: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'CASCADE' })
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
}
