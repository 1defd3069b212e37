import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsObject, Max, Min, ValidateIf } from 'class-validator';
import { IsAccountTimeZone } from '../../auth/account-text';
import { IsDecimal } from '../../common/validation';

/** What a body admin may change of their own awarding body; at least one field. */
export class UpdateAwardingBodyDto {
  @ApiPropertyOptional({
    example: 'Europe/Helsinki',
    description: "IANA time zone in which the body's deadlines end at the local end of day: a canonical name (as for a person's zone); legacy aliases such as US/Pacific are refused",
  })
  @ValidateIf((o: UpdateAwardingBodyDto) => o.timeZone !== undefined)
  @IsAccountTimeZone()
  timeZone?: string;

  @ApiPropertyOptional({
    description:
      "the process settings to change, merged into the body's current ones: a setting not sent is kept, a setting sent as null goes back to the default " +
      '(days are whole numbers from 1 to 3650; the rules between settings hold for the result); a standard may override each',
    type: 'object',
    additionalProperties: true,
    example: { evidenceRequestDays: 21, appealWindowDays: 30, requireAdmissibility: true, sessionNoShowRule: null },
  })
  @ValidateIf((o: UpdateAwardingBodyDto) => o.settings !== undefined)
  @IsObject({ message: 'settings must be an object' })
  settings?: Record<string, unknown>;

  @ApiPropertyOptional({
    example: 30,
    minimum: 0.01,
    maximum: 999,
    description: 'the most ECTS credits a micro-credential of the body may carry (default 30); a standard over it cannot be published',
  })
  @ValidateIf((o: UpdateAwardingBodyDto) => o.microCredentialMaxEcts !== undefined)
  @IsDecimal(2, { message: 'microCredentialMaxEcts must be a number of ECTS credits with at most two decimals' })
  @Min(0.01, { message: 'microCredentialMaxEcts must be positive' })
  @Max(999, { message: 'microCredentialMaxEcts must be at most 999' })
  microCredentialMaxEcts?: number;

  @ApiPropertyOptional({
    example: 750,
    minimum: 1,
    maximum: 25000,
    description: 'the most notional workload hours a micro-credential without ECTS credits may have (default 750); a standard over it cannot be published',
  })
  @ValidateIf((o: UpdateAwardingBodyDto) => o.microCredentialMaxHours !== undefined)
  @IsInt({ message: 'microCredentialMaxHours must be a whole number of hours' })
  @Min(1, { message: 'microCredentialMaxHours must be at least 1' })
  @Max(25000, { message: 'microCredentialMaxHours must be at most 25000' })
  microCredentialMaxHours?: number;
}
