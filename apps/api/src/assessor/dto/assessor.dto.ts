import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { CaseStatus, CriterionResult, Recommendation } from '../../../../../libs/domain';
import { EXAMPLE_ID } from '../../common/examples';
import { QueryBoolean, QueryList, SearchQueryDto, sortMessage } from '../../common/page.dto';
import { IsNotBlank } from '../../common/validation';

export class JudgementDto {
  @ApiProperty({ format: 'uuid', example: EXAMPLE_ID.criterion })
  @IsUUID('all', { message: 'criterionId must be a UUID' })
  criterionId: string;

  @ApiProperty({ enum: CriterionResult, example: CriterionResult.Met })
  @IsEnum(CriterionResult, { message: `result must be one of ${Object.values(CriterionResult).join(', ')}` })
  result: CriterionResult;

  @ApiPropertyOptional({ minimum: 0, maximum: 100, nullable: true, type: Number, example: 85 })
  @IsOptional()
  @IsInt({ message: 'score must be a whole number from 0 to 100' })
  @Min(0, { message: 'score must be a whole number from 0 to 100' })
  @Max(100, { message: 'score must be a whole number from 0 to 100' })
  score?: number | null;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    example: 'The clean-up log names every duplicate removed and why; the product codes are made consistent.',
  })
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

  @ApiProperty({ enum: Recommendation, example: Recommendation.Award })
  @IsEnum(Recommendation, { message: `recommendation must be one of ${Object.values(Recommendation).join(', ')}` })
  recommendation: Recommendation;

  @ApiProperty({
    example: 'Every criterion is met: the attestation and the clean-up log agree, and the professional discussion confirmed the pivot tables are her own work.',
  })
  @IsString({ message: 'comment must be a string' })
  @MaxLength(10_000)
  comment: string;
}

export class EvidenceRequestDto {
  @ApiProperty({
    description: 'what the candidate should add',
    example: 'Please add a chart you made for a non-specialist audience, with its title, units and data source.',
  })
  @IsString({ message: 'message must be a string' })
  @IsNotBlank({ message: 'message must not be empty' })
  @MaxLength(4000)
  message: string;

  @ApiProperty({ type: [String], example: [EXAMPLE_ID.learningOutcomes[2]] })
  @IsArray()
  @ArrayMinSize(1, { message: 'learningOutcomeIds must name the learning outcomes that need more evidence' })
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true, message: 'each of learningOutcomeIds must be a UUID' })
  learningOutcomeIds: string[];
}

export class DeclareConflictDto {
  @ApiProperty({ format: 'uuid', example: EXAMPLE_ID.candidate })
  @IsUUID('all', { message: 'candidateId must be a UUID' })
  candidateId: string;

  @ApiProperty({ example: 'former colleague' })
  @IsString({ message: 'reason must be a string' })
  @IsNotBlank({ message: 'reason must not be empty' })
  @MaxLength(2000)
  reason: string;
}

/** How the assessor's queue is ordered; ties are broken by the assignment. */
export enum QueueSort {
  /** Assigned longest ago first. */
  AssignedAsc = 'assigned_asc',
  /** The assessment due date (dueAt), soonest first; assignments without one last. */
  DueAsc = 'due_asc',
}

export class QueueQueryDto extends SearchQueryDto {
  @ApiPropertyOptional({
    enum: CaseStatus,
    isArray: true,
    description: "the cases' statuses: repeat the parameter or separate them by commas",
    example: [CaseStatus.AssessorAssigned, CaseStatus.UnderAssessment],
  })
  @ValidateIf((o: QueueQueryDto) => o.status !== undefined)
  @QueryList()
  @ArrayMaxSize(20, { message: 'status lists at most 20 statuses' })
  @IsEnum(CaseStatus, { each: true, message: `each of status must be one of ${Object.values(CaseStatus).join(', ')}` })
  status?: CaseStatus[];

  @ApiPropertyOptional({ format: 'uuid', example: EXAMPLE_ID.standard })
  @ValidateIf((o: QueueQueryDto) => o.standardId !== undefined)
  @IsUUID('all', { message: 'standardId must be a UUID' })
  standardId?: string;

  @ApiPropertyOptional({ type: Boolean, description: 'true: assignments whose assessment due date has passed; false: all others', example: true })
  @ValidateIf((o: QueueQueryDto) => o.overdue !== undefined)
  @QueryBoolean()
  @IsBoolean({ message: 'overdue must be true or false' })
  overdue?: boolean;

  @ApiPropertyOptional({ enum: QueueSort, default: QueueSort.AssignedAsc, example: QueueSort.DueAsc })
  @ValidateIf((o: QueueQueryDto) => o.sort !== undefined)
  @IsEnum(QueueSort, { message: sortMessage(QueueSort) })
  sort?: QueueSort;
}
