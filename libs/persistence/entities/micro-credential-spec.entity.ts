import { Check, Column, Entity, Index, JoinColumn, OneToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { LearningSetting, ParticipationForm } from '../../domain';
import type { Accreditation, StandaloneValue } from '../../domain';
import { StandardEntity } from './standard.entity';

/**
 * The EU micro-credential elements a standard's credential carries beyond the standard itself (title, learning
 * outcomes, workload, level and awarding body come from the standard and its body).
 */
@Entity('micro_credential_spec')
@Index('uq_micro_credential_spec_standard', ['standardId'], { unique: true })
@Check('ck_micro_credential_spec_validity', 'validity_months IS NULL OR validity_months > 0') // 1764800000000
export class MicroCredentialSpecEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  standardId: string;

  @OneToOne(() => StandardEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'standard_id', foreignKeyConstraintName: 'fk_micro_credential_spec_standard' })
  standard?: Relation<StandardEntity>;

  /** Title printed on the credential. */
  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  typeOfAssessment: string;

  @Column({ type: 'enum', enum: ParticipationForm, enumName: 'participation_form' })
  formOfParticipation: ParticipationForm;

  /** ELM's learning setting of what the credential recognises (1765200000000). */
  @Column({ type: 'enum', enum: LearningSetting, enumName: 'learning_setting', default: LearningSetting.NonFormal })
  learningSetting: LearningSetting;

  @Column({ type: 'text' })
  typeOfQualityAssurance: string;

  @Column({ type: 'text', nullable: true })
  prerequisites: string | null;

  @Column({ type: 'text', nullable: true })
  supervisionAndIdentityVerification: string | null;

  /** Months the credential stays valid; null: no expiry. */
  @Column({ type: 'integer', nullable: true })
  validityMonths: number | null;

  /** Qualifications this micro-credential stacks into. */
  @Column({ type: 'jsonb', default: () => `'[]'` })
  stackableInto: { title: string; reference?: string }[];

  @Column({ type: 'text', nullable: true })
  furtherInformation: string | null;

  /** Marked as a full formal qualification: then it is not a micro-credential and cannot be published (1765500000000). */
  @Column({ type: 'boolean', default: false })
  fullQualification: boolean;

  /** What gives it standalone value; required to publish (1765500000000). */
  @Column({ type: 'jsonb', nullable: true })
  standaloneValue: StandaloneValue | null;

  /** The recognised body that quality assures the awarding body, with a reference; required to publish (1765500000000). */
  @Column({ type: 'jsonb', nullable: true })
  accreditation: Accreditation | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
