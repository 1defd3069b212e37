import { Check, Column, Entity, Index, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { AssessmentCriterionEntity } from './assessment-criterion.entity';
import { StandardEntity } from './standard.entity';

@Entity('learning_outcome')
@Index('uq_learning_outcome_standard_code', ['standardId', 'code'], { unique: true })
@Check('ck_learning_outcome_position', 'position >= 1') // 1764800000000
export class LearningOutcomeEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  standardId: string;

  @ManyToOne(() => StandardEntity, (s) => s.learningOutcomes, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'standard_id', foreignKeyConstraintName: 'fk_learning_outcome_standard' })
  standard?: Relation<StandardEntity>;

  @Column({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'smallint' })
  position: number;

  @OneToMany(() => AssessmentCriterionEntity, (c) => c.learningOutcome, { cascade: true })
  criteria?: Relation<AssessmentCriterionEntity[]>;
}
