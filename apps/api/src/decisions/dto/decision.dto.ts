import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsEnum, IsString, IsUUID, MaxLength } from 'class-validator';
import { DecisionResult } from '../../../../../libs/domain';
import { EXAMPLE_ID } from '../../common/examples';
import { IsNotBlank } from '../../common/validation';

export class AdmissibilityDto {
  @ApiProperty({ example: true })
  @IsBoolean({ message: 'admissible must be true or false' })
  admissible: boolean;

  @ApiProperty({ example: 'Three years of workplace experience with sales data, and the evidence listed relates to every learning outcome of the standard.' })
  @IsString({ message: 'reason must be a string' })
  @IsNotBlank({ message: 'reason must not be empty' })
  @MaxLength(4000)
  reason: string;
}

export class DecideDto {
  @ApiProperty({ enum: DecisionResult, example: DecisionResult.Awarded })
  @IsEnum(DecisionResult, { message: `result must be one of ${Object.values(DecisionResult).join(', ')}` })
  result: DecisionResult;

  @ApiProperty({
    type: [String],
    description: 'all outcomes for an award, some for a partial award, none otherwise',
    example: [...EXAMPLE_ID.learningOutcomes],
  })
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true, message: 'each of recognisedOutcomeIds must be a UUID' })
  recognisedOutcomeIds: string[];

  @ApiProperty({ example: "The assessor's judgements show every criterion met; all three learning outcomes are recognised." })
  @IsString({ message: 'reason must be a string' })
  @IsNotBlank({ message: 'reason must not be empty' })
  @MaxLength(4000)
  reason: string;
}
