import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsNotBlank } from '../../common/validation';
import { IsBoolean, IsDefined, IsIn, IsObject, IsOptional, IsString, Matches, MaxLength, Validate, ValidateNested, ValidatorConstraint } from 'class-validator';
import type { ValidatorConstraintInterface } from 'class-validator';

@ValidatorConstraint({ name: 'isCredentialValue' })
export class IsCredentialValue implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' || (value !== null && typeof value === 'object' && !Array.isArray(value));
  }
  defaultMessage(): string {
    return 'the credential must be a JSON object (with an embedded proof) or a VC-JWT string';
  }
}

const EXAMPLE_JWT = 'eyJhbGciOiJFZERTQSIsInR5cCI6InZjK2p3dCJ9.eyJ0eXBlIjpbIlZlcmlmaWFibGVDcmVkZW50aWFsIl19.c2lnbmF0dXJl';
const EXAMPLE_CREDENTIAL = {
  '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  issuer: { id: 'did:web:vnfil.example.org:bodies:3f2b1c9e-6a1d-4f0e-9b7a-2c5d8e1f4a6b', type: ['Profile'], name: 'Open Skills Institute' },
  validFrom: '2026-11-29T10:00:00Z',
  credentialSubject: { type: ['AchievementSubject'] },
};

export const CREDENTIAL_SCHEMA = {
  example: EXAMPLE_JWT,
  oneOf: [
    { type: 'object', additionalProperties: true, description: 'a credential with an embedded Data Integrity proof, or an EnvelopedVerifiableCredential' },
    { type: 'string', description: 'a VC-JWT (compact JWS)' },
  ],
};

/** POST /verify: a credential as JSON, or as a VC-JWT string. */
export class VerifyDto {
  @ApiProperty(CREDENTIAL_SCHEMA)
  @IsDefined({ message: 'credential is required: the credential as JSON, or its VC-JWT' })
  @Validate(IsCredentialValue)
  credential: Record<string, unknown> | string;
}

/** VC API: POST /credentials/verify. */
export class VcApiVerifyCredentialDto {
  @ApiProperty(CREDENTIAL_SCHEMA)
  @IsDefined({ message: 'verifiableCredential is required' })
  @Validate(IsCredentialValue)
  verifiableCredential: Record<string, unknown> | string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'accepted and ignored: every check always runs', example: {} })
  @IsOptional()
  @IsObject({ message: 'options must be an object' })
  options?: Record<string, unknown>;
}

/** VC API: POST /presentations/verify. */
export class VcApiVerifyPresentationDto {
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'a VerifiablePresentation with a Data Integrity proof',
    example: { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiablePresentation'], verifiableCredential: [], proof: {} },
  })
  @IsOptional()
  @IsObject({ message: 'verifiablePresentation must be an object' })
  verifiablePresentation?: Record<string, unknown>;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'a presentation without a proof: only its credentials are verified',
    example: { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiablePresentation'], verifiableCredential: [] },
  })
  @IsOptional()
  @IsObject({ message: 'presentation must be an object' })
  presentation?: Record<string, unknown>;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'challenge and domain the presentation proof must carry', example: { challenge: '4d1b6c2a', domain: 'verifier.example.org' } })
  @IsOptional()
  @IsObject({ message: 'options must be an object' })
  options?: { challenge?: unknown; domain?: unknown };
}

/** The holder's public page switch. */
export class PublicPageDto {
  @ApiProperty({ description: 'show the holder\'s name and what the credential recognises on its public verification page', example: true })
  @IsBoolean({ message: 'enabled must be true or false' })
  enabled: boolean;
}

/** VC API: POST /credentials/issue. */
export class VcApiIssueCredentialDto {
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'an unsigned VC Data Model 2.0 credential; issuer left out or your body\'s DID', example: EXAMPLE_CREDENTIAL })
  @IsObject({ message: 'credential must be an object' })
  credential: Record<string, unknown>;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'accepted and ignored: the proof is always eddsa-rdfc-2022', example: {} })
  @IsOptional()
  @IsObject({ message: 'options must be an object' })
  options?: Record<string, unknown>;
}

export class VcApiCredentialStatusDto {
  @ApiPropertyOptional({ example: 'https://vnfil.example.org/bodies/3f2b1c9e-6a1d-4f0e-9b7a-2c5d8e1f4a6b/status/revocation/0#7' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  id?: string;
  @ApiProperty({ example: 'BitstringStatusListEntry' })
  @IsString()
  @IsNotBlank()
  @MaxLength(100)
  type: string;
  @ApiProperty({ enum: ['revocation', 'suspension'] })
  @IsIn(['revocation', 'suspension'], { message: 'credentialStatus.statusPurpose must be revocation or suspension' })
  statusPurpose: 'revocation' | 'suspension';
  @ApiPropertyOptional({ example: '7' }) @IsOptional() @IsString() @MaxLength(20) statusListIndex?: string;
  @ApiPropertyOptional({ example: 'https://vnfil.example.org/bodies/3f2b1c9e-6a1d-4f0e-9b7a-2c5d8e1f4a6b/status/revocation/0' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  statusListCredential?: string;
}

/** VC API: POST /credentials/status (UpdateCredentialStatusRequest). */
export class VcApiUpdateStatusDto {
  @ApiProperty({ example: 'urn:uuid:0fc754bc-fc32-46a0-aec1-a5ef385e7ea0', description: "the credential's id, urn:uuid:<id> or the bare uuid" })
  @IsString()
  @Matches(/^(urn:uuid:)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { message: 'credentialId must be urn:uuid:<uuid> or a uuid' })
  credentialId: string;

  @ApiProperty({ type: VcApiCredentialStatusDto })
  @IsObject({ message: 'credentialStatus must be an object' })
  @ValidateNested()
  @Type(() => VcApiCredentialStatusDto)
  credentialStatus: VcApiCredentialStatusDto;

  @ApiProperty({ description: 'true sets the status (revoked, suspended), false clears it (a suspension only: revocation is for good)', example: true })
  @IsBoolean({ message: 'status must be true or false' })
  status: boolean;
}
