import { Check, Column, Entity, Index, JoinColumn, ManyToOne, OneToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import type { MicroCredentialElements } from '../../domain';
import { CaseEntity } from './case.entity';
import { DecisionEntity } from './decision.entity';
import { UserEntity } from './user.entity';

/** The micro-credential awarded on a case: at most one per case, revocable. Signing comes with Open Badges 3.0. */
@Entity('credential')
@Index('uq_credential_case', ['caseId'], { unique: true })
// 1764800000000: a revocation has its reason; a credential expires after it is issued.
@Check('ck_credential_revocation', '(revoked_at IS NULL) = (revocation_reason IS NULL)')
@Check('ck_credential_validity', 'valid_until IS NULL OR valid_until > issued_at')
export class CredentialEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  caseId: string;

  @OneToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_credential_case' })
  case?: Relation<CaseEntity>;

  @Column({ type: 'uuid' })
  decisionId: string;

  @ManyToOne(() => DecisionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'decision_id', foreignKeyConstraintName: 'fk_credential_decision' })
  decision?: Relation<DecisionEntity>;

  @Column({ type: 'uuid' })
  candidateId: string;

  // 1764800000000
  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'candidate_id', foreignKeyConstraintName: 'fk_credential_candidate' })
  candidate?: Relation<UserEntity>;

  /** The EU micro-credential elements as issued. */
  @Column({ type: 'jsonb' })
  elements: MicroCredentialElements;

  @Column({ type: 'timestamptz' })
  issuedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  validUntil: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  revocationReason: string | null;

  /** The case step that wrote the row (see case_step); null for rows written before steps were keyed. */
  @Column({ type: 'text', nullable: true })
  stepKey: string | null;
}
