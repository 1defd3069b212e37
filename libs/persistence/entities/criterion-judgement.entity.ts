import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { CriterionResult } from '../../domain';
import { AssessmentCriterionEntity } from './assessment-criterion.entity';
import { AssessmentEntity } from './assessment.entity';

@Entity('criterion_judgement')
@Check('ck_criterion_judgement_score', 'score IS NULL OR score BETWEEN 0 AND 100')
export class CriterionJudgementEntity {
  @PrimaryColumn({ type: 'uuid' })
  assessmentId: string;

  @PrimaryColumn({ type: 'uuid' })
  criterionId: string;

  @ManyToOne(() => AssessmentEntity, (a) => a.judgements, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'assessment_id', foreignKeyConstraintName: 'fk_criterion_judgement_assessment' })
  assessment?: Relation<AssessmentEntity>;

  @ManyToOne(() => AssessmentCriterionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'criterion_id', foreignKeyConstraintName: 'fk_criterion_judgement_criterion' })
  criterion?: Relation<AssessmentCriterionEntity>;

  @Column({ type: 'enum', enum: CriterionResult, enumName: 'criterion_result' })
  result: CriterionResult;

  /** 0..100, optional. */
  @Column({ type: 'smallint', nullable: true })
  score: number | null;

  @Column({ type: 'text', nullable: true })
  comment: string | null;
}
