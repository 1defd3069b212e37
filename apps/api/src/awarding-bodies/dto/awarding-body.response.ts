import { ApiProperty } from '@nestjs/swagger';
import type { ProcessSettingsOverrides } from '../../../../../libs/domain';
import type { AwardingBodyEntity } from '../../../../../libs/persistence/entities';

export class AwardingBodyResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'ISO 3166-1 alpha-2', example: 'IE' }) country: string;
  @ApiProperty({ description: "IANA time zone of the body's deadlines", example: 'Europe/Dublin' }) timeZone: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: "the body's process settings (defaults apply to those not set)" })
  settings: ProcessSettingsOverrides;
  @ApiProperty({ example: 30, description: 'the most ECTS credits a micro-credential of the body may carry' }) microCredentialMaxEcts: number;
  @ApiProperty({ example: 750, description: 'the most notional workload hours a micro-credential without ECTS credits may have' }) microCredentialMaxHours: number;
}

export function toAwardingBodyResponse(body: AwardingBodyEntity): AwardingBodyResponse {
  return {
    id: body.id,
    name: body.name,
    country: body.country,
    timeZone: body.timeZone,
    settings: body.settings,
    microCredentialMaxEcts: Number(body.microCredentialMaxEcts),
    microCredentialMaxHours: body.microCredentialMaxHours,
  };
}
