import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { CriterionResult, Recommendation } from '../../../../../libs/domain';
import { IsNotBlank } from '../../common/validation';

export class JudgementDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'criterionId must be a UUID' })
  criterionId: string;

  @ApiProperty({ enum: CriterionResult })
  @IsEnum(CriterionResult, { message: `result must be one of ${Object.values(CriterionResult).join(', ')}` })
  result: CriterionResult;

  @ApiPropertyOptional({ minimum: 0, maximum: 100, nullable: true, type: Number })
  @IsOptional()
  @IsInt({ message: 'score must be a whole number from 0 to 100' })
  @Min(0, { message: 'score must be a whole number from 0 to 100' })
  @Max(100, { message: 'score must be a whole number from 0 to 100' })
  score?: number | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  comment?: string | null;
}

export class RecordAssessmentDto {
  @ApiProperty({ type: [JudgementDto], description: 'every criterion of the standard, exactly once' })
  @IsArray()
  @ArrayMinSize(1, { message: 'judgements must judge every criterion of the standard' })
  @ArrayMaxSize(5000)
  @ValidateNested({ each: true })
  @Type(() => JudgementDto)
  judgements: JudgementDto[];

  @ApiProperty({ enum: Recommendation })
  @IsEnum(Recommendation, { message: `recommendation must be one of ${Object.values(Recommendation).join(', ')}` })
  recommendation: Recommendation;

  @ApiProperty()
  @IsString({ message: 'comment must be a string' })
  @MaxLength(10_000)
  comment: string;
}

export class EvidenceRequestDto {
  @ApiProperty({ description: 'what the candidate should add' })
  @IsString({ message: 'message must be a string' })
  @IsNotBlank({ message: 'message must not be empty' })
  @MaxLength(4000)
  message: string;

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMinSize(1, { message: 'learningOutcomeIds must name the learning outcomes that need more evidence' })
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true, message: 'each of learningOutcomeIds must be a UUID' })
  learningOutcomeIds: string[];
}

export class DeclareConflictDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'candidateId must be a UUID' })
  candidateId: string;

  @ApiProperty({ example: 'former colleague' })
  @IsString({ message: 'reason must be a string' })
  @IsNotBlank({ message: 'reason must not be empty' })
  @MaxLength(2000)
  reason: string;
}
