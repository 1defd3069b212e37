import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEnum, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { CaseStatus, SelfAssessmentLevel } from '../../../../../libs/domain';
import { IsNotBlank } from '../../common/validation';

export class CreateCaseDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'standardId must be a UUID' })
  standardId: string;
}

export class ListCasesQueryDto {
  @ApiPropertyOptional({ enum: CaseStatus })
  @IsOptional()
  @IsEnum(CaseStatus, { message: `status must be one of ${Object.values(CaseStatus).join(', ')}` })
  status?: CaseStatus;
}

export class SelfAssessmentItemDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'learningOutcomeId must be a UUID' })
  learningOutcomeId: string;

  @ApiProperty({ enum: SelfAssessmentLevel })
  @IsEnum(SelfAssessmentLevel, { message: `level must be one of ${Object.values(SelfAssessmentLevel).join(', ')}` })
  level: SelfAssessmentLevel;

  @ApiProperty({ description: "the candidate's own account of how they meet the outcome" })
  @IsString()
  @MaxLength(10_000)
  statement: string;
}

export class SelfAssessmentDto {
  @ApiProperty({ type: [SelfAssessmentItemDto], description: 'the whole self-assessment: outcomes left out are cleared' })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => SelfAssessmentItemDto)
  items: SelfAssessmentItemDto[];
}

export class ReasonDto {
  @ApiProperty()
  @IsString({ message: 'reason must be a string' })
  @IsNotBlank({ message: 'reason must not be empty' })
  @MaxLength(4000)
  reason: string;
}

export class EvidenceResponseDto {
  @ApiProperty({ description: "the candidate's answer to the evidence request" })
  @IsString({ message: 'note must be a string' })
  @IsNotBlank({ message: 'note must not be empty' })
  @MaxLength(4000)
  note: string;
}
