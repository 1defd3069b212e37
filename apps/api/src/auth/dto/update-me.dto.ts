import { ApiProperty } from '@nestjs/swagger';
import { ValidateIf } from 'class-validator';
import { IsTimeZone, TIME_ZONE_MESSAGE } from '../../common/validation';

/** What a person may change of their own account here: the time zone they read dates in. */
export class UpdateMeDto {
  @ApiProperty({ nullable: true, type: String, example: 'America/Montreal', description: "IANA time zone; null: the awarding body's" })
  @ValidateIf((o: UpdateMeDto) => o.timeZone !== null)
  @IsTimeZone({ message: TIME_ZONE_MESSAGE })
  timeZone: string | null;
}
