import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsObject, IsOptional, Validate, ValidatorConstraint } from 'class-validator';
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

export const CREDENTIAL_SCHEMA = {
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
