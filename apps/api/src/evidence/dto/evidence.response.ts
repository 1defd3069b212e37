import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EvidenceKind } from '../../../../../libs/domain';
import type { CredentialRecognitionEntity, EvidenceEntity, PriorCredentialEntity } from '../../../../../libs/persistence/entities';

export class VerificationCheckItem {
  @ApiProperty({ enum: ['format', 'signature', 'issuer_key', 'status', 'expiry', 'schema', 'holder'], description: 'holder: whether it was issued to the candidate' }) check: string;
  @ApiProperty({ enum: ['passed', 'failed', 'not_applicable'] }) outcome: string;
  @ApiProperty({ example: 'the signature matches the content' }) reason: string;
}

/** A credential issued elsewhere, as it verified when the candidate added it. */
export class PriorCredentialResponse {
  @ApiProperty({ description: 'true only when no check failed and the signature and the issuer key passed' }) verified: boolean;
  @ApiProperty({ enum: ['data-integrity', 'vc-jwt', 'unknown'] }) format: string;
  @ApiProperty({ type: [VerificationCheckItem], description: 'every check of the verification pipeline, in order' }) checks: VerificationCheckItem[];
  @ApiPropertyOptional({ nullable: true, type: String }) credentialId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: "the issuer's id (a DID or URL), as the credential states it" }) issuerId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) issuerName: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) achievementName: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) validUntil: string | null;
  @ApiProperty({ format: 'date-time' }) verifiedAt: string;
}

/** An assessor accepted a prior credential for one learning outcome. */
export class RecognitionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) evidenceId: string;
  @ApiProperty({ format: 'uuid' }) learningOutcomeId: string;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid', description: "who recognised it: for body admins, and for the assessor who did; null for everyone else (the candidate)" })
  assessorId: string | null;
  @ApiProperty({ format: 'date-time' }) recognisedAt: string;
  @ApiProperty() comment: string;
}

export function toRecognitionResponse(r: CredentialRecognitionEntity, showAssessor: (assessorId: string) => boolean): RecognitionResponse {
  return {
    id: r.id,
    evidenceId: r.evidenceId,
    learningOutcomeId: r.learningOutcomeId,
    assessorId: showAssessor(r.assessorId) ? r.assessorId : null,
    recognisedAt: r.recognisedAt.toISOString(),
    comment: r.comment,
  };
}

/** What a reader gets beside the evidence row: a credential's verification and its recognitions. */
export interface EvidenceExtras {
  priorCredentials?: Map<string, PriorCredentialEntity>;
  recognitions?: CredentialRecognitionEntity[];
  showAssessor?: (assessorId: string) => boolean;
}

export class EvidenceResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: EvidenceKind }) kind: EvidenceKind;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty({ type: [String] }) learningOutcomeIds: string[];
  @ApiPropertyOptional({ nullable: true, type: String }) originalName: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) mediaType: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) sizeBytes: number | null;
  @ApiPropertyOptional({ nullable: true, type: String }) sha256: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'where to download a file' }) downloadPath: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'where to download a viewing copy (a JPEG of a HEIC photo), when there is one' })
  renditionPath: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) url: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) attestorName: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) attestorEmail: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) attestorOrganisation: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) statement: string | null;
  @ApiPropertyOptional({ nullable: true, type: PriorCredentialResponse, description: 'kind credential: how it verified when it was added' })
  credential: PriorCredentialResponse | null;
  @ApiProperty({ type: [RecognitionResponse], description: 'kind credential: the learning outcomes an assessor accepted it for' })
  recognitions: RecognitionResponse[];
  @ApiProperty() createdAt: string;
}

export function toEvidenceResponse(e: EvidenceEntity, extras: EvidenceExtras = {}): EvidenceResponse {
  const prior = extras.priorCredentials?.get(e.id);
  return {
    id: e.id,
    kind: e.kind,
    title: e.title,
    description: e.description,
    learningOutcomeIds: (e.outcomes ?? []).map((o) => o.learningOutcomeId),
    originalName: e.originalName,
    mediaType: e.mediaType,
    sizeBytes: e.sizeBytes,
    sha256: e.sha256,
    downloadPath: e.kind === EvidenceKind.File ? `/cases/${e.caseId}/evidence/${e.id}/file` : null,
    renditionPath: e.kind === EvidenceKind.File && e.renditionStorageKey ? `/cases/${e.caseId}/evidence/${e.id}/rendition` : null,
    url: e.url,
    attestorName: e.attestorName,
    attestorEmail: e.attestorEmail,
    attestorOrganisation: e.attestorOrganisation,
    statement: e.statement,
    credential: prior
      ? {
          verified: prior.verified,
          format: prior.format,
          checks: prior.checks,
          credentialId: prior.credentialId,
          issuerId: prior.issuerId,
          issuerName: prior.issuerName,
          achievementName: prior.achievementName,
          validUntil: prior.validUntil?.toISOString() ?? null,
          verifiedAt: prior.verifiedAt.toISOString(),
        }
      : null,
    recognitions: (extras.recognitions ?? []).filter((r) => r.evidenceId === e.id).map((r) => toRecognitionResponse(r, extras.showAssessor ?? (() => false))),
    createdAt: e.createdAt.toISOString(),
  };
}
