import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { SelfAssessmentLevel } from '../../domain';
import { CaseEntity } from './case.entity';
import { LearningOutcomeEntity } from './learning-outcome.entity';

/** The candidate's own judgement of one learning outcome. */
@Entity('self_assessment')
@Index('uq_self_assessment_case_outcome', ['caseId', 'learningOutcomeId'], { unique: true })
export class SelfAssessmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  caseId: string;

  // CASCADE kept: only a never-submitted draft without events can be deleted, and its portfolio goes with it.
  @ManyToOne(() => CaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_self_assessment_case' })
  case?: Relation<CaseEntity>;

  @Column({ type: 'uuid' })
  learningOutcomeId: string;

  @ManyToOne(() => LearningOutcomeEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'learning_outcome_id', foreignKeyConstraintName: 'fk_self_assessment_learning_outcome' })
  learningOutcome?: Relation<LearningOutcomeEntity>;

  @Column({ type: 'enum', enum: SelfAssessmentLevel, enumName: 'self_assessment_level' })
  level: SelfAssessmentLevel;

  @Column({ type: 'text', default: '' })
  statement: string;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
