import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { CaseOutcome, CaseStage, CaseStatus, FINAL_STATUSES } from '../../domain';
import { AwardingBodyEntity } from './awarding-body.entity';
import { StandardEntity } from './standard.entity';
import { UserEntity } from './user.entity';

/** FINAL_STATUSES as an SQL list of text, so the checks below do not depend on the enum's later values. */
const FINAL = FINAL_STATUSES.map((s) => `'${s}'`).join(', ');

/**
 * A candidate's validation case on one standard. Its status columns are written only by the case workflow's
 * activities; the API reads them and changes a case by messaging its workflow. Once it has left draft (or been
 * submitted) the row can no longer be deleted: trigger tr_validation_case_keep_submitted (1764800000000).
 */
@Entity('validation_case')
@Index('uq_validation_case_open_per_standard', ['candidateId', 'standardId'], {
  unique: true,
  where: `status NOT IN ('withdrawn', 'closed')`,
})
// 1764800000000: lists newest first, per body and per candidate: (…, created_at DESC, id DESC) in the migration,
// which TypeORM cannot spell (it compares the columns only); a backward scan serves ascending order too.
// ix_validation_case_candidate_created replaces ix_validation_case_candidate.
@Index('ix_validation_case_body_created', ['awardingBodyId', 'createdAt', 'id'])
@Index('ix_validation_case_candidate_created', ['candidateId', 'createdAt', 'id'])
// 1765000000000: a body's lists by time in status (with or without a status) and by the next deadline: indexes
// on expressions, which TypeORM cannot spell; the migration creates them (synchronize: false keeps them). They
// replace ix_validation_case_body_status_changed and the two partial due-date indexes.
@Index('ix_validation_case_body_status_since', { synchronize: false })
@Index('ix_validation_case_body_since', { synchronize: false })
@Index('ix_validation_case_body_due', { synchronize: false })
// 1765520000000: a standard's closed, decided cases with their submission and decision times (the catalogue's typical duration).
@Index('ix_validation_case_standard_decided', { synchronize: false })
// 1764800000000: an ended case (withdrawn, closed) has its end time and its outcome; any other case has no end time.
@Check('ck_validation_case_closed', `(closed_at IS NOT NULL) = (status::text IN (${FINAL}))`)
@Check('ck_validation_case_outcome', `outcome IS NOT NULL OR status::text NOT IN (${FINAL})`)
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

  @Column({ type: 'timestamptz', nullable: true })
  reopenDeadline: Date | null;

  /**
   * The candidate's last change to the self-assessment or portfolio (or reopening), written by the API with the
   * change; the draft's inactivity timer reads it when it fires.
   */
  @Column({ type: 'timestamptz', default: () => 'now()' })
  lastActivityAt: Date;

  /** Why the process is parked as needs_attention, for the body's admins; null otherwise. */
  @Column({ type: 'text', nullable: true })
  attentionReason: string | null;

  /** The Temporal run that last took over the case's process (for diagnostics and the reconciler). */
  @Column({ type: 'text', nullable: true })
  processRunId: string | null;

  /** Time of the last transition written by the workflow. */
  @Column({ type: 'timestamptz', nullable: true })
  statusChangedAt: Date | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
