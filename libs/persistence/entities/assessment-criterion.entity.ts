import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { LearningOutcomeEntity } from './learning-outcome.entity';

@Entity('assessment_criterion')
@Index('uq_assessment_criterion_outcome_code', ['learningOutcomeId', 'code'], { unique: true })
@Check('ck_assessment_criterion_position', 'position >= 1') // 1764800000000
export class AssessmentCriterionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  learningOutcomeId: string;

  @ManyToOne(() => LearningOutcomeEntity, (o) => o.criteria, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'learning_outcome_id', foreignKeyConstraintName: 'fk_assessment_criterion_learning_outcome' })
  learningOutcome?: Relation<LearningOutcomeEntity>;

  @Column({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'smallint' })
  position: number;
}
