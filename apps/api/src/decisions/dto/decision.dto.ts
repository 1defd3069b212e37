import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsEnum, IsString, IsUUID, MaxLength } from 'class-validator';
import { DecisionResult } from '../../../../../libs/domain';
import { IsNotBlank } from '../../common/validation';

export class AdmissibilityDto {
  @ApiProperty()
  @IsBoolean({ message: 'admissible must be true or false' })
  admissible: boolean;

  @ApiProperty()
  @IsString({ message: 'reason must be a string' })
  @IsNotBlank({ message: 'reason must not be empty' })
  @MaxLength(4000)
  reason: string;
}

export class DecideDto {
  @ApiProperty({ enum: DecisionResult })
  @IsEnum(DecisionResult, { message: `result must be one of ${Object.values(DecisionResult).join(', ')}` })
  result: DecisionResult;

  @ApiProperty({ type: [String], description: 'all outcomes for an award, some for a partial award, none otherwise' })
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true, message: 'each of recognisedOutcomeIds must be a UUID' })
  recognisedOutcomeIds: string[];

  @ApiProperty()
  @IsString({ message: 'reason must be a string' })
  @IsNotBlank({ message: 'reason must not be empty' })
  @MaxLength(4000)
  reason: string;
}
