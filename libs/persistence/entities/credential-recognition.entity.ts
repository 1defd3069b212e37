import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { EvidenceOutcomeEntity } from './evidence-outcome.entity';
import { UserEntity } from './user.entity';

/**
 * An assessor's record that a prior credential (evidence of kind credential) recognises one learning outcome it
 * is linked to (1765400000000): the foreign key to evidence_outcome keeps it to the outcomes the evidence is
 * offered for. One per evidence and outcome.
 */
@Entity('credential_recognition')
@Index('uq_credential_recognition', ['evidenceId', 'learningOutcomeId'], { unique: true })
export class CredentialRecognitionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  evidenceId: string;

  @Column({ type: 'uuid' })
  learningOutcomeId: string;

  @ManyToOne(() => EvidenceOutcomeEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'evidence_id', referencedColumnName: 'evidenceId', foreignKeyConstraintName: 'fk_credential_recognition_evidence_outcome' },
    { name: 'learning_outcome_id', referencedColumnName: 'learningOutcomeId', foreignKeyConstraintName: 'fk_credential_recognition_evidence_outcome' },
  ])
  evidenceOutcome?: Relation<EvidenceOutcomeEntity>;

  @Column({ type: 'uuid' })
  assessorId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assessor_id', foreignKeyConstraintName: 'fk_credential_recognition_assessor' })
  assessor?: Relation<UserEntity>;

  @Column({ type: 'timestamptz' })
  recognisedAt: Date;

  @Column({ type: 'text', default: '' })
  comment: string;
}
