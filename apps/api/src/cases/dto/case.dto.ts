import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsEnum, IsString, IsUUID, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { CaseStage, CaseStatus, SelfAssessmentLevel } from '../../../../../libs/domain';
import { EXAMPLE_ID } from '../../common/examples';
import { PageQueryDto, QueryBoolean, QueryList, SearchQueryDto, sortMessage } from '../../common/page.dto';
import { IsNotBlank } from '../../common/validation';

export class CreateCaseDto {
  @ApiProperty({ format: 'uuid', example: EXAMPLE_ID.standard })
  @IsUUID('all', { message: 'standardId must be a UUID' })
  standardId: string;
}

/** How a case list is ordered; every sort ends with the case id, so pages never skip or repeat a case. */
export enum CaseSort {
  /** Newest first. */
  CreatedDesc = 'created_desc',
  /** The next deadline that applies (assessment, evidence or appeal), soonest first; cases without one last. */
  DueAsc = 'due_asc',
  /** Longest in their current status first. */
  StatusSinceAsc = 'status_since_asc',
}

const oneOf = (field: string, values: object) => `each of ${field} must be one of ${Object.values(values).join(', ')}`;

export class ListCasesQueryDto extends SearchQueryDto {
  @ApiPropertyOptional({
    enum: CaseStatus,
    isArray: true,
    description: 'one or more statuses: repeat the parameter or separate them by commas',
    example: [CaseStatus.AwaitingAssessor, CaseStatus.UnderAssessment],
  })
  @ValidateIf((o: ListCasesQueryDto) => o.status !== undefined)
  @QueryList()
  @ArrayMaxSize(20, { message: 'status lists at most 20 statuses' })
  @IsEnum(CaseStatus, { each: true, message: oneOf('status', CaseStatus) })
  status?: CaseStatus[];

  @ApiPropertyOptional({
    enum: CaseStage,
    isArray: true,
    description: 'one or more validation stages',
    example: [CaseStage.Documentation, CaseStage.Assessment],
  })
  @ValidateIf((o: ListCasesQueryDto) => o.stage !== undefined)
  @QueryList()
  @ArrayMaxSize(4, { message: 'stage lists at most 4 stages' })
  @IsEnum(CaseStage, { each: true, message: oneOf('stage', CaseStage) })
  stage?: CaseStage[];

  @ApiPropertyOptional({ format: 'uuid', example: EXAMPLE_ID.standard })
  @ValidateIf((o: ListCasesQueryDto) => o.standardId !== undefined)
  @IsUUID('all', { message: 'standardId must be a UUID' })
  standardId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'body admins only: cases this assessor holds now (an active assignment)', example: EXAMPLE_ID.assessor })
  @ValidateIf((o: ListCasesQueryDto) => o.assessorId !== undefined)
  @IsUUID('all', { message: 'assessorId must be a UUID' })
  assessorId?: string;

  @ApiPropertyOptional({ type: Boolean, description: 'true: open cases whose next deadline has passed; false: all others', example: true })
  @ValidateIf((o: ListCasesQueryDto) => o.overdue !== undefined)
  @QueryBoolean()
  @IsBoolean({ message: 'overdue must be true or false' })
  overdue?: boolean;

  @ApiPropertyOptional({ enum: CaseSort, default: CaseSort.CreatedDesc, example: CaseSort.DueAsc })
  @ValidateIf((o: ListCasesQueryDto) => o.sort !== undefined)
  @IsEnum(CaseSort, { message: sortMessage(CaseSort) })
  sort?: CaseSort;
}

export enum TimelineSort {
  /** The order in which things happened. */
  SeqAsc = 'seq_asc',
  /** The latest first. */
  SeqDesc = 'seq_desc',
}

export class TimelineQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: TimelineSort, default: TimelineSort.SeqAsc, example: TimelineSort.SeqDesc })
  @ValidateIf((o: TimelineQueryDto) => o.sort !== undefined)
  @IsEnum(TimelineSort, { message: sortMessage(TimelineSort) })
  sort?: TimelineSort;
}

export class SelfAssessmentItemDto {
  @ApiProperty({ format: 'uuid', example: EXAMPLE_ID.learningOutcomes[0] })
  @IsUUID('all', { message: 'learningOutcomeId must be a UUID' })
  learningOutcomeId: string;

  @ApiProperty({ enum: SelfAssessmentLevel, example: SelfAssessmentLevel.Confident })
  @IsEnum(SelfAssessmentLevel, { message: `level must be one of ${Object.values(SelfAssessmentLevel).join(', ')}` })
  level: SelfAssessmentLevel;

  @ApiProperty({
    description: "the candidate's own account of how they meet the outcome",
    example:
      'For three years I have cleaned the monthly sales export at work: I remove duplicate orders, fix inconsistent product codes and log every change I make.',
  })
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
  @ApiProperty({ example: 'I have started a new job and cannot gather the evidence before the deadline; I will apply again next year.' })
  @IsString({ message: 'reason must be a string' })
  @IsNotBlank({ message: 'reason must not be empty' })
  @MaxLength(4000)
  reason: string;
}

export class EvidenceResponseDto {
  @ApiProperty({
    description: "the candidate's answer to the evidence request",
    example: 'I have added the chart pack from the March sales review, with the title, units and data source on every chart.',
  })
  @IsString({ message: 'note must be a string' })
  @IsNotBlank({ message: 'note must not be empty' })
  @MaxLength(4000)
  note: string;
}
