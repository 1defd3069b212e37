import { ApiProperty } from '@nestjs/swagger';
import { ValidateIf } from 'class-validator';
import { IsAccountTimeZone } from '../account-text';

/** What a person may change of their own account here: the time zone they read dates in. */
export class UpdateMeDto {
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'America/Toronto',
    description: "a canonical IANA time zone as the runtime lists it (Intl.supportedValuesOf('timeZone')), or UTC; legacy aliases such as US/Pacific or GMT+0 are refused; null: the awarding body's",
  })
  @ValidateIf((o: UpdateMeDto) => o.timeZone !== null)
  @IsAccountTimeZone()
  timeZone: string | null;
}
