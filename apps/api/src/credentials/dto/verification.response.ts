import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class VerificationCheckResponse {
  @ApiProperty({ enum: ['format', 'signature', 'issuer_key', 'status', 'expiry', 'schema'] }) check: string;
  @ApiProperty({ enum: ['passed', 'failed', 'not_applicable'] }) outcome: string;
  @ApiProperty({ example: 'revoked by its issuer' }) reason: string;
}

/** Our verification answer: every check with its outcome and reason. */
export class VerificationResponse {
  @ApiProperty({ description: 'no check failed, and the signature and the issuer key passed' }) verified: boolean;
  @ApiProperty({ enum: ['data-integrity', 'vc-jwt', 'unknown'] }) format: string;
  @ApiProperty({ type: [VerificationCheckResponse] }) checks: VerificationCheckResponse[];
  @ApiPropertyOptional({ nullable: true, type: String, description: "the credential's id" }) credentialId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: "the issuer's DID" }) issuer: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: "the credential's name" }) name: string | null;
}

/** The VC API's verification result: the checks performed, warnings and errors, with our detail. */
export class VcApiVerificationResponse {
  @ApiProperty() verified: boolean;
  @ApiProperty({ type: [String], example: ['proof', 'status', 'expiration'], description: 'the checks that passed' }) checks: string[];
  @ApiProperty({ type: [String] }) warnings: string[];
  @ApiProperty({ type: 'array', items: { type: 'object', properties: { check: { type: 'string' }, message: { type: 'string' } } } })
  errors: { check: string; message: string }[];
  @ApiProperty({ type: [VerificationCheckResponse] }) details: VerificationCheckResponse[];
}

export class VcApiPresentationVerificationResponse {
  @ApiProperty() verified: boolean;
  @ApiPropertyOptional({ nullable: true, type: VcApiVerificationResponse, description: "the presentation's own proof; null when it has none" })
  presentationResult: VcApiVerificationResponse | null;
  @ApiProperty({ type: [VcApiVerificationResponse] }) credentialResults: VcApiVerificationResponse[];
  @ApiProperty({ type: 'array', items: { type: 'object', properties: { check: { type: 'string' }, message: { type: 'string' } } } })
  errors: { check: string; message: string }[];
}

export class VcApiIssueResponse {
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'the credential with its Data Integrity proof' })
  verifiableCredential: Record<string, unknown>;
}
