import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { Relation } from 'typeorm';
import { CreditSystem } from '../../domain';
import type { Alignment, AssessmentMethod, ProcessSettingsOverrides } from '../../domain';
import { AwardingBodyEntity } from './awarding-body.entity';
import { LearningOutcomeEntity } from './learning-outcome.entity';

/** What a candidate is validated against: learning outcomes with their assessment criteria. */
@Entity('standard')
@Index('uq_standard_body_code', ['awardingBodyId', 'code'], { unique: true })
// 1765000000000: standards by title, and a pg_trgm GIN index for ILIKE '%…%' on it (which TypeORM cannot spell).
@Index('ix_standard_title', ['title', 'id'])
@Index('ix_standard_title_trgm', { synchronize: false })
// 1765510000000: GIN (jsonb_path_ops) for alignment search, which TypeORM cannot spell
@Index('ix_standard_alignments', { synchronize: false })
// 1765520000000: the public catalogue: published standards by title, GIN on languages, trigrams of the description.
@Index('ix_standard_catalogue_title', { synchronize: false })
@Index('ix_standard_languages', { synchronize: false })
@Index('ix_standard_description_trgm', { synchronize: false })
@Check('ck_standard_eqf_level', 'eqf_level BETWEEN 1 AND 8')
@Check('ck_standard_nqf_level', 'nqf_level IS NULL OR nqf_level BETWEEN 1 AND 10')
@Check('ck_standard_workload', 'workload_hours > 0')
@Check('ck_standard_credits', '(credits IS NULL) = (credit_system IS NULL) AND (credits IS NULL OR credits > 0)')
export class StandardEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  awardingBodyId: string;

  @ManyToOne(() => AwardingBodyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'awarding_body_id', foreignKeyConstraintName: 'fk_standard_awarding_body' })
  awardingBody?: Relation<AwardingBodyEntity>;

  @Column({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'smallint' })
  eqfLevel: number;

  @Column({ type: 'smallint', nullable: true })
  nqfLevel: number | null;

  @Column({ type: 'numeric', precision: 6, scale: 2, nullable: true, transformer: { to: (v) => v, from: (v) => (v == null ? null : Number(v)) } })
  credits: number | null;

  @Column({ type: 'enum', enum: CreditSystem, enumName: 'credit_system', nullable: true })
  creditSystem: CreditSystem | null;

  /** Notional workload in hours. */
  @Column({ type: 'integer' })
  workloadHours: number;

  /** Overrides of the awarding body's process settings for cases on this standard. */
  @Column({ type: 'jsonb', default: () => `'{}'` })
  settings: ProcessSettingsOverrides;

  /** How the standard is assessed; learning outcomes name theirs by code (1765500000000). */
  @Column({ type: 'jsonb', default: () => `'[]'` })
  assessmentMethods: AssessmentMethod[];

  /** ESCO occupations and skills, and national framework levels, the standard is aligned to (1765500000000). */
  @Column({ type: 'jsonb', default: () => `'[]'` })
  alignments: Alignment[];

  /** Languages the candidate can be assessed in, ISO 639-1 codes (1765500000000). */
  @Column({ type: 'text', array: true, default: () => `'{en}'` })
  languages: string[];

  /** Candidates can start cases only on published standards. */
  @Column({ type: 'boolean', default: false })
  published: boolean;

  @Column({ type: 'integer', default: 1 })
  version: number;

  @OneToMany(() => LearningOutcomeEntity, (o) => o.standard, { cascade: true })
  learningOutcomes?: Relation<LearningOutcomeEntity[]>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
