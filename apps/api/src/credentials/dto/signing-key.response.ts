import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { AwardingBodyKeyEntity } from '../../../../../libs/persistence/entities';

export class SigningKeyResponse {
  @ApiProperty({ description: 'the verification method id: the proof verificationMethod and the VC-JWT kid' }) verificationMethod: string;
  @ApiProperty({ description: "the issuer DID the key belongs to (the body's did:web)" }) controller: string;
  @ApiProperty() publicKeyMultibase: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time', description: 'when it stopped signing; null for the current key' }) retiredAt: string | null;
}

export class SigningKeysResponse {
  @ApiProperty({ type: [SigningKeyResponse], description: 'oldest first; the last one without retiredAt signs' }) items: SigningKeyResponse[];
}

export const toSigningKey = (k: AwardingBodyKeyEntity): SigningKeyResponse => ({
  verificationMethod: k.verificationMethod,
  controller: k.controller,
  publicKeyMultibase: k.publicKeyMultibase,
  createdAt: k.createdAt.toISOString(),
  retiredAt: k.retiredAt?.toISOString() ?? null,
});

