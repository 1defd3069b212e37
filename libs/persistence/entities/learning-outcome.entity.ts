import { Check, Column, Entity, Index, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import type { Alignment } from '../../domain';
import { AssessmentCriterionEntity } from './assessment-criterion.entity';
import { StandardEntity } from './standard.entity';

@Entity('learning_outcome')
@Index('uq_learning_outcome_standard_code', ['standardId', 'code'], { unique: true })
// 1765510000000: GIN (jsonb_path_ops) for alignment search, which TypeORM cannot spell
@Index('ix_learning_outcome_alignments', { synchronize: false })
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

  /** Codes of the standard's assessment methods that assess this outcome; empty: all of them (1765500000000). */
  @Column({ type: 'text', array: true, default: () => `'{}'` })
  assessmentMethods: string[];

  /** ESCO skills (and other concepts) the outcome is aligned to (1765500000000). */
  @Column({ type: 'jsonb', default: () => `'[]'` })
  alignments: Alignment[];

  @OneToMany(() => AssessmentCriterionEntity, (c) => c.learningOutcome, { cascade: true })
  criteria?: Relation<AssessmentCriterionEntity[]>;
}
