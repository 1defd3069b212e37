import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EvidenceKind } from '../../../../../libs/domain';
import type { EvidenceEntity } from '../../../../../libs/persistence/entities';

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
  @ApiProperty() createdAt: string;
}

export function toEvidenceResponse(e: EvidenceEntity): EvidenceResponse {
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
    createdAt: e.createdAt.toISOString(),
  };
}
