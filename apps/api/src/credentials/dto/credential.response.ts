import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { linkedInAddToProfileUrl } from '../../../../../libs/certificates';
import type { CredentialEntity } from '../../../../../libs/persistence/entities';

export enum CredentialState {
  Active = 'active',
  Suspended = 'suspended',
  Revoked = 'revoked',
  Expired = 'expired',
}

/** The reason recorded for a change through the VC API, which takes none: the holder's pages and messages give no reason. */
export const VC_API_REASON = 'status changed through the VC API';

/** Revoked wins over suspended, suspended over expired: the most lasting reason is the one shown. */
export function credentialState(c: Pick<CredentialEntity, 'revokedAt' | 'suspendedAt' | 'validUntil'>, now: Date): CredentialState {
  if (c.revokedAt) return CredentialState.Revoked;
  if (c.suspendedAt) return CredentialState.Suspended;
  if (c.validUntil && c.validUntil <= now) return CredentialState.Expired;
  return CredentialState.Active;
}

export class CredentialLinksResponse {
  @ApiPropertyOptional({ nullable: true, type: String, description: 'the Open Badges 3.0 credential with its Data Integrity proof' }) openBadge: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'the same credential as a VC-JWT (application/vc+jwt)' }) jwt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'the Europass (European Learning Model) document' }) europass: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'the printable certificate (PDF)' }) certificate: string | null;
  @ApiProperty({ description: 'the public verification page (the QR code of the certificate)' }) verification: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: "LinkedIn's Add to profile link, the certification's fields filled in" }) linkedIn: string | null;
}

export enum CredentialKind {
  MicroCredential = 'micro-credential',
  Qualification = 'qualification',
}

export class CredentialResponseItem {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: CredentialKind, description: 'a micro-credential awarded on a case, or a qualification stacked from micro-credentials' }) kind: CredentialKind;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'the case that awarded it; null for a qualification' }) caseId: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'the decision that awarded it; null for a qualification' }) decisionId: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'the qualification it recognises; null for a micro-credential' }) qualificationId: string | null;
  @ApiProperty({ example: 'Micro-credential in Data Analysis with Spreadsheets' }) title: string;
  @ApiProperty({ example: 'Amira Haddad', description: 'the name of the holder as the credential was issued to them' }) holderName: string;
  @ApiProperty({ type: 'object', properties: { id: { type: 'string', format: 'uuid' }, name: { type: 'string' } } }) awardingBody: { id: string; name: string };
  @ApiProperty({ format: 'date-time' }) issuedAt: string;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) validUntil: string | null;
  @ApiProperty({ enum: CredentialState }) status: CredentialState;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) revokedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) revocationReason: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) suspendedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) suspensionReason: string | null;
  @ApiProperty({ description: 'signed as Open Badges 3.0 (false only for credentials issued before signing existed)' }) signed: boolean;
  @ApiProperty({ type: [String], description: 'codes of the learning outcomes the credential recognises' }) learningOutcomes: string[];
  @ApiProperty({ description: "the holder shows their name and the credential's details on its public verification page" }) publicPage: boolean;
  @ApiProperty({ type: CredentialLinksResponse }) links: CredentialLinksResponse;
}

export function toCredentialItem(c: CredentialEntity, publicUrl: string, now: Date): CredentialResponseItem {
  const base = `${publicUrl}/credentials/${c.id}`;
  const signed = c.keyId !== null;
  return {
    id: c.id,
    kind: c.qualificationId ? CredentialKind.Qualification : CredentialKind.MicroCredential,
    caseId: c.caseId,
    decisionId: c.decisionId,
    qualificationId: c.qualificationId,
    holderName: c.elements?.learnerIdentification?.name ?? '',
    title: c.elements.title,
    awardingBody: { id: c.elements.awardingBody.id, name: c.elements.awardingBody.name },
    issuedAt: c.issuedAt.toISOString(),
    validUntil: c.validUntil?.toISOString() ?? null,
    status: credentialState(c, now),
    revokedAt: c.revokedAt?.toISOString() ?? null,
    revocationReason: c.revocationReason,
    suspendedAt: c.suspendedAt?.toISOString() ?? null,
    suspensionReason: c.suspensionReason,
    signed,
    learningOutcomes: c.elements.learningOutcomes.map((o) => o.code),
    publicPage: c.publicPage,
    links: {
      openBadge: signed ? `${base}/open-badge.json` : null,
      jwt: signed ? `${base}/credential.jwt` : null,
      europass: signed ? `${base}/europass.json` : null,
      certificate: c.awardSource ? `${base}/certificate.pdf` : null,
      verification: c.awardSource?.verificationUrl ?? `${publicUrl}/verify/${c.id}`,
      linkedIn: c.awardSource ? linkedInAddToProfileUrl(c.awardSource) : null,
    },
  };
}

export class CredentialListResponse {
  @ApiProperty({ type: [CredentialResponseItem] }) items: CredentialResponseItem[];
}
