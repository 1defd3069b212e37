import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsDefined, IsObject, IsOptional, Validate, ValidatorConstraint } from 'class-validator';
import type { ValidatorConstraintInterface } from 'class-validator';

@ValidatorConstraint({ name: 'isCredentialValue' })
class IsCredentialValue implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' || (value !== null && typeof value === 'object' && !Array.isArray(value));
  }
  defaultMessage(): string {
    return 'the credential must be a JSON object (with an embedded proof) or a VC-JWT string';
  }
}

const CREDENTIAL_SCHEMA = {
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

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'accepted and ignored: every check always runs' })
  @IsOptional()
  @IsObject({ message: 'options must be an object' })
  options?: Record<string, unknown>;
}

/** VC API: POST /presentations/verify. */
export class VcApiVerifyPresentationDto {
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'a VerifiablePresentation with a Data Integrity proof' })
  @IsOptional()
  @IsObject({ message: 'verifiablePresentation must be an object' })
  verifiablePresentation?: Record<string, unknown>;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'a presentation without a proof: only its credentials are verified' })
  @IsOptional()
  @IsObject({ message: 'presentation must be an object' })
  presentation?: Record<string, unknown>;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'challenge and domain the presentation proof must carry' })
  @IsOptional()
  @IsObject({ message: 'options must be an object' })
  options?: { challenge?: unknown; domain?: unknown };
}

/** The holder's public page switch. */
export class PublicPageDto {
  @ApiProperty({ description: 'show the holder\'s name and what the credential recognises on its public verification page' })
  @IsBoolean({ message: 'enabled must be true or false' })
  enabled: boolean;
}

/** VC API: POST /credentials/issue. */
export class VcApiIssueCredentialDto {
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'an unsigned VC Data Model 2.0 credential; issuer left out or your body\'s DID' })
  @IsObject({ message: 'credential must be an object' })
  credential: Record<string, unknown>;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'accepted and ignored: the proof is always eddsa-rdfc-2022' })
  @IsOptional()
  @IsObject({ message: 'options must be an object' })
  options?: Record<string, unknown>;
}
