import { Check, Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { EvidenceEntity } from './evidence.entity';

/** One check of the verification pipeline, as it answered when the credential was added. */
export interface StoredVerificationCheck {
  check: string;
  outcome: 'passed' | 'failed' | 'not_applicable';
  reason: string;
}

/**
 * A credential issued elsewhere that a candidate added as evidence (kind credential), stored as presented, with
 * the verification it got when it was added (1765400000000). Written once: it is what the assessor judged.
 */
@Entity('evidence_credential')
@Check('ck_evidence_credential_presented', '(presented_json IS NULL) <> (presented_jwt IS NULL)')
export class PriorCredentialEntity {
  @PrimaryColumn({ type: 'uuid' })
  evidenceId: string;

  @OneToOne(() => EvidenceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'evidence_id', foreignKeyConstraintName: 'fk_evidence_credential_evidence' })
  evidence?: Relation<EvidenceEntity>;

  /** 'data-integrity', 'vc-jwt' or 'unknown', as the pipeline read it. */
  @Column({ type: 'text' })
  format: string;

  /** The credential as presented, when it came as JSON. */
  @Column({ type: 'jsonb', nullable: true })
  presentedJson: Record<string, unknown> | null;

  /** The credential as presented, when it came as a VC-JWT. */
  @Column({ type: 'text', nullable: true })
  presentedJwt: string | null;

  @Column({ type: 'boolean' })
  verified: boolean;

  /** Every check with its outcome and reason. */
  @Column({ type: 'jsonb' })
  checks: StoredVerificationCheck[];

  @Column({ type: 'text', nullable: true })
  credentialId: string | null;

  @Column({ type: 'text', nullable: true })
  issuerId: string | null;

  @Column({ type: 'text', nullable: true })
  issuerName: string | null;

  @Column({ type: 'text', nullable: true })
  achievementName: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  validUntil: Date | null;

  @Column({ type: 'timestamptz' })
  verifiedAt: Date;
}
