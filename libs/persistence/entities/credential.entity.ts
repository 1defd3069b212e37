import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import type { AwardSource } from '../../credentials/award-source';
import type { MicroCredentialElements } from '../../domain';
import { AwardingBodyKeyEntity } from './awarding-body-key.entity';
import { AwardingBodyEntity } from './awarding-body.entity';
import { CaseEntity } from './case.entity';
import { DecisionEntity } from './decision.entity';
import { QualificationEntity } from './qualification.entity';
import { UserEntity } from './user.entity';

/**
 * One issuance of a micro-credential: written once, for one decision that awards (1765200000000: unique on the
 * decision, no longer on the case). What it says never changes; only its status does. Revocation is permanent,
 * suspension reversible, each with its reason, author and time. A later award on the same case is a new row.
 * 1765300000000: or of a qualification, stacked from micro-credentials: no case and no decision, its
 * qualification instead, at most one in force per qualification and holder.
 */
@Entity('credential')
@Index('uq_credential_decision', ['decisionId'], { unique: true })
@Index('ix_credential_case', ['caseId'])
@Index('ix_credential_candidate', ['candidateId', 'issuedAt'])
@Index('uq_credential_status_position', ['awardingBodyId', 'statusPosition'], { unique: true })
@Index('uq_credential_qualification_holder', ['qualificationId', 'candidateId'], { unique: true, where: 'revoked_at IS NULL' })
// 1764800000000: a revocation has its reason; a credential expires after it is issued.
@Check('ck_credential_revocation', '(revoked_at IS NULL) = (revocation_reason IS NULL)')
@Check('ck_credential_validity', 'valid_until IS NULL OR valid_until > issued_at')
// 1765200000000: a suspension has its reason; a credential signed in one form is signed in all, with a status.
@Check('ck_credential_suspension', '(suspended_at IS NULL) = (suspension_reason IS NULL)')
@Check(
  'ck_credential_signed',
  '(key_id IS NULL) = (open_badge IS NULL) AND (key_id IS NULL) = (jwt IS NULL) AND (key_id IS NULL) = (europass IS NULL) AND (key_id IS NULL) = (status_position IS NULL) AND (key_id IS NULL) = (award_source IS NULL)',
)
// 1765300000000: a micro-credential (a decision of a case) or a qualification, never both.
@Check('ck_credential_kind', '(decision_id IS NULL) <> (qualification_id IS NULL) AND (case_id IS NULL) = (decision_id IS NULL)')
export class CredentialEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The case that awarded it; null for a qualification's credential. */
  @Column({ type: 'uuid', nullable: true })
  caseId: string | null;

  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_credential_case' })
  case?: Relation<CaseEntity>;

  @Column({ type: 'uuid', nullable: true })
  decisionId: string | null;

  @ManyToOne(() => DecisionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'decision_id', foreignKeyConstraintName: 'fk_credential_decision' })
  decision?: Relation<DecisionEntity>;

  /** The qualification this credential recognises; null for a micro-credential (1765300000000). */
  @Column({ type: 'uuid', nullable: true })
  qualificationId: string | null;

  @ManyToOne(() => QualificationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'qualification_id', foreignKeyConstraintName: 'fk_credential_qualification' })
  qualification?: Relation<QualificationEntity>;

  @Column({ type: 'uuid' })
  candidateId: string;

  // 1764800000000
  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'candidate_id', foreignKeyConstraintName: 'fk_credential_candidate' })
  candidate?: Relation<UserEntity>;

  /** The issuer (1765200000000). */
  @Column({ type: 'uuid' })
  awardingBodyId: string;

  @ManyToOne(() => AwardingBodyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'awarding_body_id', foreignKeyConstraintName: 'fk_credential_awarding_body' })
  awardingBody?: Relation<AwardingBodyEntity>;

  /** The EU micro-credential elements as issued. */
  @Column({ type: 'jsonb' })
  elements: MicroCredentialElements;

  @Column({ type: 'timestamptz' })
  issuedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  validUntil: Date | null;

  /** The key that signed it; null for a credential issued before signing existed. */
  @Column({ type: 'uuid', nullable: true })
  keyId: string | null;

  @ManyToOne(() => AwardingBodyKeyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'key_id', foreignKeyConstraintName: 'fk_credential_key' })
  key?: Relation<AwardingBodyKeyEntity>;

  /** The Open Badges 3.0 OpenBadgeCredential with its embedded Data Integrity proof (eddsa-rdfc-2022). */
  @Column({ type: 'jsonb', nullable: true })
  openBadge: Record<string, unknown> | null;

  /** The same credential secured as a VC-JWT (application/vc+jwt, EdDSA). */
  @Column({ type: 'text', nullable: true })
  jwt: string | null;

  /** The European Learning Model (Europass EuropeanDigitalCredential) document for the same achievement. */
  @Column({ type: 'jsonb', nullable: true })
  europass: Record<string, unknown> | null;

  /** What the issuance said, as one value (libs/credentials AwardSource): every form above and the certificate come from it. */
  @Column({ type: 'jsonb', nullable: true })
  awardSource: AwardSource | null;

  /** Its position in the body's revocation and suspension status lists. */
  @Column({ type: 'integer', nullable: true })
  statusPosition: number | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  revocationReason: string | null;

  /** Who revoked it; null when the case process did (a decision revoked, an appeal without award). */
  @Column({ type: 'uuid', nullable: true })
  revokedBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  suspendedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  suspensionReason: string | null;

  @Column({ type: 'uuid', nullable: true })
  suspendedBy: string | null;

  /** The holder's public credential page is on (off until they turn it on). */
  @Column({ type: 'boolean', default: false })
  publicPage: boolean;

  /** When its holder was reminded that it expires (1765400000000); set once, with the outbox message. */
  @Column({ type: 'timestamptz', nullable: true })
  expiryRemindedAt: Date | null;

  /** The case step that wrote the row (see case_step); null for rows written before steps were keyed. */
  @Column({ type: 'text', nullable: true })
  stepKey: string | null;
}
