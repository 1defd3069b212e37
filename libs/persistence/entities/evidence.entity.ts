import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { EvidenceKind } from '../../domain';
import { CaseEntity } from './case.entity';
import { EvidenceOutcomeEntity } from './evidence-outcome.entity';
import { UserEntity } from './user.entity';

/**
 * One item of the candidate's portfolio: an uploaded file (stored by content hash), a URL, or a third-party
 * attestation, or a credential issued elsewhere (its presented form and verification in evidence_credential). Removal keeps the row (removedAt) so the audit trail stays whole.
 */
@Entity('evidence')
@Index('ix_evidence_case', ['caseId'])
@Check('ck_evidence_file', `kind <> 'file' OR (sha256 IS NOT NULL AND size_bytes IS NOT NULL AND media_type IS NOT NULL AND storage_key IS NOT NULL)`)
@Check('ck_evidence_url', `kind <> 'url' OR url IS NOT NULL`)
@Check('ck_evidence_attestation', `kind <> 'attestation' OR (attestor_name IS NOT NULL AND statement IS NOT NULL)`)
// 1764800000000: the columns of one kind stay empty on the others; a stored file is not empty and named by its hex sha256.
@Check(
  'ck_evidence_kind_columns',
  `(kind = 'file' OR (storage_key IS NULL AND sha256 IS NULL AND size_bytes IS NULL AND media_type IS NULL AND original_name IS NULL))` +
    ` AND (kind = 'url' OR url IS NULL)` +
    ` AND (kind = 'attestation' OR (attestor_name IS NULL AND attestor_email IS NULL AND attestor_organisation IS NULL AND statement IS NULL))`,
)
@Check('ck_evidence_size', 'size_bytes IS NULL OR size_bytes > 0')
// 1765100000000: a rendition for viewing (a JPEG of a HEIC photo), set with its media type, on files only.
@Check(
  'ck_evidence_rendition',
  `(rendition_storage_key IS NULL) = (rendition_media_type IS NULL) AND (rendition_storage_key IS NULL OR (kind = 'file' AND rendition_storage_key ~ '^[0-9a-f]{2}/[0-9a-f]{64}$'))`,
)
@Check('ck_evidence_sha256', `sha256 IS NULL OR sha256 ~ '^[0-9a-f]{64}$'`)
export class EvidenceEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  caseId: string;

  // CASCADE kept: only a never-submitted draft without events can be deleted, and its portfolio goes with it.
  @ManyToOne(() => CaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_evidence_case' })
  case?: Relation<CaseEntity>;

  @Column({ type: 'enum', enum: EvidenceKind, enumName: 'evidence_kind' })
  kind: EvidenceKind;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', default: '' })
  description: string;

  // kind = file
  @Column({ type: 'text', nullable: true })
  storageKey: string | null;

  @Column({ type: 'char', length: 64, nullable: true })
  sha256: string | null;

  @Column({ type: 'bigint', nullable: true, transformer: { to: (v) => v, from: (v) => (v == null ? null : Number(v)) } })
  sizeBytes: number | null;

  @Column({ type: 'text', nullable: true })
  mediaType: string | null;

  /** As the candidate named it; shown, never used as a path. */
  @Column({ type: 'text', nullable: true })
  originalName: string | null;

  /** A rendition for viewing, stored by content (a JPEG of a HEIC photo); null when the file is viewable as sent. */
  @Column({ type: 'text', nullable: true })
  renditionStorageKey: string | null;

  @Column({ type: 'text', nullable: true })
  renditionMediaType: string | null;

  // kind = url
  @Column({ type: 'text', nullable: true })
  url: string | null;

  // kind = attestation
  @Column({ type: 'text', nullable: true })
  attestorName: string | null;

  @Column({ type: 'text', nullable: true })
  attestorEmail: string | null;

  @Column({ type: 'text', nullable: true })
  attestorOrganisation: string | null;

  @Column({ type: 'text', nullable: true })
  statement: string | null;

  @OneToMany(() => EvidenceOutcomeEntity, (m) => m.evidence, { cascade: true })
  outcomes?: Relation<EvidenceOutcomeEntity[]>;

  @Column({ type: 'uuid' })
  addedBy: string;

  // 1764800000000
  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'added_by', foreignKeyConstraintName: 'fk_evidence_added_by' })
  adder?: Relation<UserEntity>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  removedAt: Date | null;
}
