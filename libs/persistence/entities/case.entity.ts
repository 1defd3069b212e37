import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { CaseOutcome, CaseStage, CaseStatus } from '../../domain';
import { AwardingBodyEntity } from './awarding-body.entity';
import { StandardEntity } from './standard.entity';
import { UserEntity } from './user.entity';

/**
 * A candidate's validation case on one standard. Its status columns are written only by the case workflow's
 * activities; the API reads them and changes a case by messaging its workflow.
 */
@Entity('validation_case')
@Index('ix_validation_case_candidate', ['candidateId'])
@Index('ix_validation_case_body_status', ['awardingBodyId', 'status'])
@Index('uq_validation_case_open_per_standard', ['candidateId', 'standardId'], {
  unique: true,
  where: `status NOT IN ('withdrawn', 'closed')`,
})
export class CaseEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  candidateId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'candidate_id', foreignKeyConstraintName: 'fk_validation_case_candidate' })
  candidate?: Relation<UserEntity>;

  @Column({ type: 'uuid' })
  standardId: string;

  @ManyToOne(() => StandardEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'standard_id', foreignKeyConstraintName: 'fk_validation_case_standard' })
  standard?: Relation<StandardEntity>;

  /** The standard's awarding body, kept on the case for scoping queries. */
  @Column({ type: 'uuid' })
  awardingBodyId: string;

  @ManyToOne(() => AwardingBodyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'awarding_body_id', foreignKeyConstraintName: 'fk_validation_case_awarding_body' })
  awardingBody?: Relation<AwardingBodyEntity>;

  @Column({ type: 'enum', enum: CaseStatus, enumName: 'case_status', default: CaseStatus.Draft })
  status: CaseStatus;

  @Column({ type: 'enum', enum: CaseStage, enumName: 'case_stage', default: CaseStage.Identification })
  stage: CaseStage;

  @Column({ type: 'enum', enum: CaseOutcome, enumName: 'case_outcome', nullable: true })
  outcome: CaseOutcome | null;

  @Column({ type: 'text' })
  workflowId: string;

  // Dates per validation stage.
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  documentationStartedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  assessmentStartedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  certificationStartedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  // Open deadlines, mirrored from the workflow's timers.
  @Column({ type: 'timestamptz', nullable: true })
  evidenceDueAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  assessmentDueAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  appealDeadline: Date | null;

  /** Time of the last transition written by the workflow. */
  @Column({ type: 'timestamptz', nullable: true })
  statusChangedAt: Date | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
