import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { CreditSystem, LearningSetting, ParticipationForm } from '../../../../../libs/domain';
import { IsDecimal, IsNotBlank, IsSingleLine, OPTIONAL_NOT_BLANK } from '../../common/validation';
import { QueryBoolean, SearchQueryDto, sortMessage } from '../../common/page.dto';

const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;
const CODE_MESSAGE = (field: string) => `${field} must be 1 to 40 letters, digits, dots, dashes or underscores, starting with a letter or digit`;

export class CriterionDto {
  @ApiProperty({ example: 'LO1.1' })
  @IsString()
  @Matches(CODE, { message: CODE_MESSAGE('code') })
  code: string;

  @ApiProperty({ example: 'Removes duplicates and fixes inconsistent values.' })
  @IsString()
  @IsNotBlank()
  @MaxLength(2000)
  description: string;
}

export class LearningOutcomeDto {
  @ApiProperty({ example: 'LO1' })
  @IsString()
  @Matches(CODE, { message: CODE_MESSAGE('code') })
  code: string;

  @ApiProperty({ example: 'Prepare a raw data set for analysis.' })
  @IsString()
  @IsNotBlank()
  @MaxLength(2000)
  description: string;

  @ApiProperty({ type: [CriterionDto] })
  @IsArray()
  @ArrayMinSize(1, { message: 'criteria must list at least one assessment criterion' })
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => CriterionDto)
  criteria: CriterionDto[];
}

export class StackableIntoDto {
  @ApiProperty({ example: 'Certificate in Business Data Analysis' })
  @IsString()
  @IsNotBlank()
  @MaxLength(500)
  title: string;

  @ApiPropertyOptional({ example: 'https://qualifications.example.org/business-data-analysis' })
  @IsOptional()
  @IsString()
  @IsNotBlank({ message: OPTIONAL_NOT_BLANK })
  @MaxLength(500)
  reference?: string;
}

/** The EU micro-credential elements that the standard and its body do not already give. */
export class MicroCredentialSpecDto {
  @ApiProperty({ example: 'Data analysis with spreadsheets' })
  @IsString()
  @IsNotBlank()
  @MaxLength(300)
  title: string;

  @ApiProperty({ example: 'Portfolio assessment with a professional discussion' })
  @IsString()
  @IsNotBlank()
  @MaxLength(1000)
  typeOfAssessment: string;

  @ApiProperty({ enum: ParticipationForm, example: ParticipationForm.Blended })
  @IsEnum(ParticipationForm, { message: `formOfParticipation must be one of ${Object.values(ParticipationForm).join(', ')}` })
  formOfParticipation: ParticipationForm;

  @ApiPropertyOptional({ enum: LearningSetting, example: LearningSetting.NonFormal, description: 'where the learning took place (ELM learningSetting); non_formal when left out' })
  @IsOptional()
  @IsEnum(LearningSetting, { message: `learningSetting must be one of ${Object.values(LearningSetting).join(', ')}` })
  learningSetting?: LearningSetting;

  @ApiProperty({ example: 'Internal moderation and external review' })
  @IsString()
  @IsNotBlank()
  @MaxLength(1000)
  typeOfQualityAssurance: string;

  @ApiPropertyOptional({ nullable: true, type: String, example: 'Everyday use of a computer; no formal qualification is needed.' })
  @IsOptional()
  @IsString()
  @IsNotBlank({ message: OPTIONAL_NOT_BLANK })
  @MaxLength(2000)
  prerequisites?: string | null;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    example: 'The professional discussion is held on video by the assessor, who checks photo identification first.',
  })
  @IsOptional()
  @IsString()
  @IsNotBlank({ message: OPTIONAL_NOT_BLANK })
  @MaxLength(2000)
  supervisionAndIdentityVerification?: string | null;

  @ApiPropertyOptional({ nullable: true, type: Number, description: 'months the credential stays valid; none: no expiry', example: 60 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(600)
  validityMonths?: number | null;

  @ApiPropertyOptional({ type: [StackableIntoDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => StackableIntoDto)
  stackableInto?: StackableIntoDto[];

  @ApiPropertyOptional({ nullable: true, type: String, example: 'Stacks with two further micro-credentials into the Certificate in Business Data Analysis.' })
  @IsOptional()
  @IsString()
  @IsNotBlank({ message: OPTIONAL_NOT_BLANK })
  @MaxLength(4000)
  furtherInformation?: string | null;
}

export class CreateStandardDto {
  @ApiProperty({ example: 'DATA-SHEETS-2' })
  @IsString()
  @Matches(CODE, { message: CODE_MESSAGE('code') })
  code: string;

  @ApiProperty({ example: 'Data analysis with spreadsheets', description: 'one line: it is the subject of every message about a case on the standard' })
  @IsString()
  @IsNotBlank()
  @IsSingleLine()
  @MaxLength(300)
  title: string;

  @ApiPropertyOptional({ example: 'Cleaning, analysing and presenting workplace data with a spreadsheet application.' })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  description?: string;

  @ApiProperty({ minimum: 1, maximum: 8, example: 4 })
  @IsInt({ message: 'eqfLevel must be a whole number from 1 to 8' })
  @Min(1, { message: 'eqfLevel must be a whole number from 1 to 8' })
  @Max(8, { message: 'eqfLevel must be a whole number from 1 to 8' })
  eqfLevel: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 10, nullable: true, type: Number, example: 5 })
  @IsOptional()
  @IsInt({ message: 'nqfLevel must be a whole number from 1 to 10' })
  @Min(1, { message: 'nqfLevel must be a whole number from 1 to 10' })
  @Max(10, { message: 'nqfLevel must be a whole number from 1 to 10' })
  nqfLevel?: number | null;

  @ApiPropertyOptional({ nullable: true, type: Number, description: 'with creditSystem, or neither', example: 5 })
  @IsOptional()
  @IsDecimal(2, { message: 'credits must be a number with at most two decimals' })
  @Min(0.01, { message: 'credits must be positive' })
  @Max(9999, { message: 'credits must be at most 9999' })
  credits?: number | null;

  @ApiPropertyOptional({ enum: CreditSystem, nullable: true, example: CreditSystem.Ects })
  @IsOptional()
  @IsEnum(CreditSystem, { message: 'creditSystem must be ECTS or ECVET' })
  creditSystem?: CreditSystem | null;

  @ApiProperty({ description: 'notional workload in hours', example: 125 })
  @IsInt({ message: 'workloadHours must be a whole number of hours' })
  @Min(1, { message: 'workloadHours must be at least 1' })
  @Max(100_000)
  workloadHours: number;

  @ApiPropertyOptional({
    description: 'overrides of the body\'s process settings',
    type: 'object',
    additionalProperties: true,
    example: { assessorSlaDays: 21, requireAdmissibility: true },
  })
  @IsOptional()
  @IsObject({ message: 'settings must be an object' })
  settings?: Record<string, unknown>;

  @ApiPropertyOptional({ default: false, example: false })
  @IsOptional()
  @IsBoolean()
  published?: boolean;

  @ApiProperty({ type: [LearningOutcomeDto] })
  @IsArray()
  @ArrayMinSize(1, { message: 'learningOutcomes must list at least one learning outcome' })
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => LearningOutcomeDto)
  learningOutcomes: LearningOutcomeDto[];

  @ApiProperty({ type: MicroCredentialSpecDto })
  @IsObject({ message: 'microCredential must be an object' })
  @ValidateNested()
  @Type(() => MicroCredentialSpecDto)
  microCredential: MicroCredentialSpecDto;
}

/** Any subset of the fields; learning outcomes, when given, replace the whole set. */
export class UpdateStandardDto extends PartialType(CreateStandardDto) {}

/** How the standards list is ordered; ties are broken by id. */
export enum StandardSort {
  TitleAsc = 'title_asc',
}

export class ListStandardsQueryDto extends SearchQueryDto {
  @ApiPropertyOptional({ type: Boolean, description: "true: published standards only; false: the body's drafts only (staff)", example: true })
  @ValidateIf((o: ListStandardsQueryDto) => o.published !== undefined)
  @QueryBoolean()
  @IsBoolean({ message: 'published must be true or false' })
  published?: boolean;

  @ApiPropertyOptional({ enum: StandardSort, default: StandardSort.TitleAsc, example: StandardSort.TitleAsc })
  @ValidateIf((o: ListStandardsQueryDto) => o.sort !== undefined)
  @IsEnum(StandardSort, { message: sortMessage(StandardSort) })
  sort?: StandardSort;
}
