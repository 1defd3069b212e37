import { Check, Column, Entity, Index, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { AssessmentPurpose, Recommendation } from '../../domain';
import { CaseEntity } from './case.entity';
import { CriterionJudgementEntity } from './criterion-judgement.entity';
import { UserEntity } from './user.entity';

/** An assessor's result on a case: judgements per criterion and an overall recommendation. */
@Entity('assessment')
@Index('uq_assessment_case_purpose_round', ['caseId', 'purpose', 'round'], { unique: true })
@Check('ck_assessment_round', 'round >= 1') // 1764800000000
export class AssessmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  caseId: string;

  // 1764800000000: RESTRICT (was CASCADE): an assessment is part of the case's record.
  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_assessment_case' })
  case?: Relation<CaseEntity>;

  @Column({ type: 'uuid' })
  assessorId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assessor_id', foreignKeyConstraintName: 'fk_assessment_assessor' })
  assessor?: Relation<UserEntity>;

  @Column({ type: 'enum', enum: AssessmentPurpose, enumName: 'assessment_purpose' })
  purpose: AssessmentPurpose;

  @Column({ type: 'smallint' })
  round: number;

  @Column({ type: 'enum', enum: Recommendation, enumName: 'recommendation' })
  recommendation: Recommendation;

  @Column({ type: 'text', default: '' })
  comment: string;

  /** Learning outcomes whose every criterion was met. */
  @Column({ type: 'jsonb', default: () => `'[]'` })
  recognisedOutcomeIds: string[];

  @Column({ type: 'timestamptz' })
  recordedAt: Date;

  @OneToMany(() => CriterionJudgementEntity, (j) => j.assessment, { cascade: true })
  judgements?: Relation<CriterionJudgementEntity[]>;

  /** The case step that wrote the row (see case_step); null for rows written before steps were keyed. */
  @Column({ type: 'text', nullable: true })
  stepKey: string | null;
}
