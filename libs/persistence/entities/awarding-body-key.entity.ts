import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { AwardingBodyEntity } from './awarding-body.entity';

/**
 * An awarding body's Ed25519 signing key (1765200000000). The body signs with its one current key; a rotated key
 * is retired (it signs nothing more) but stays published, so every credential it signed still verifies. A key
 * revoked after a compromise no longer vouches for credentials dated after its revocation.
 */
@Entity('awarding_body_key')
@Index('uq_awarding_body_key_method', ['verificationMethod'], { unique: true })
@Index('uq_awarding_body_key_current', ['awardingBodyId'], { unique: true, where: 'retired_at IS NULL' })
@Check('ck_awarding_body_key_retired', 'retired_at IS NULL OR retired_at >= created_at')
@Check('ck_awarding_body_key_revoked', 'revoked_at IS NULL OR retired_at IS NOT NULL')
export class AwardingBodyKeyEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  awardingBodyId: string;

  @ManyToOne(() => AwardingBodyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'awarding_body_id', foreignKeyConstraintName: 'fk_awarding_body_key_body' })
  awardingBody?: Relation<AwardingBodyEntity>;

  /** The issuer DID the key belongs to (the body's did:web). */
  @Column({ type: 'text' })
  controller: string;

  /** `<controller>#<publicKeyMultibase>`: the proof's verificationMethod and the VC-JWT's kid. */
  @Column({ type: 'text' })
  verificationMethod: string;

  @Column({ type: 'text' })
  publicKeyMultibase: string;

  /** The secret key sealed with CREDENTIAL_KEYS (libs/credentials/keys encryptSecretKey). */
  @Column({ type: 'text' })
  sealedSecretKey: string;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  /** When the key stopped signing (rotation); null for the body's current key. */
  @Column({ type: 'timestamptz', nullable: true })
  retiredAt: Date | null;

  /** When the key was declared compromised: credentials dated after it fail verification. */
  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
