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
  ValidateBy,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import type { ValidationArguments } from 'class-validator';
import {
  AlignmentKind,
  alignmentUriProblem,
  AssessmentMethodType,
  CreditSystem,
  LearningSetting,
  ParticipationForm,
  StandaloneValueKind,
} from '../../../../../libs/domain';
import { IsDecimal, IsNotBlank, IsSingleLine, OPTIONAL_NOT_BLANK } from '../../common/validation';
import { QueryBoolean, SearchQueryDto, sortMessage } from '../../common/page.dto';

const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;
const CODE_MESSAGE = (field: string) => `${field} must be 1 to 40 letters, digits, dots, dashes or underscores, starting with a letter or digit`;

const METHOD_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,19}$/;
const METHOD_CODE_MESSAGE = (field: string) => `${field} must be 1 to 20 letters, digits, dots, dashes or underscores, starting with a letter or digit`;
const LANGUAGE = /^[a-z]{2}$/;
const ESCO_SKILL_EXAMPLE = 'http://data.europa.eu/esco/skill/ccdf3597-5c80-410f-896d-e1bdfa223de9';

/** The alignment's URI in the form its kind takes (libs/domain alignmentUriProblem); the URI is not looked up. */
function IsAlignmentUri(): PropertyDecorator {
  return ValidateBy({
    name: 'isAlignmentUri',
    validator: {
      validate: (value: unknown, args?: ValidationArguments) => {
        const kind = (args?.object as { kind?: unknown } | undefined)?.kind;
        // a wrong kind is reported on its own field
        if (!Object.values(AlignmentKind).includes(kind as AlignmentKind)) return true;
        return typeof value === 'string' && value.length <= 500 && alignmentUriProblem(kind as AlignmentKind, value) === null;
      },
      defaultMessage: (args?: ValidationArguments) => {
        const kind = (args?.object as { kind?: AlignmentKind }).kind!;
        return `$property is not valid: ${alignmentUriProblem(kind, typeof args?.value === 'string' ? args.value : '') ?? 'at most 500 characters'}`;
      },
    },
  });
}

/** A link to a concept of ESCO or a national qualification framework (libs/domain Alignment). */
export class AlignmentDto {
  @ApiProperty({ enum: AlignmentKind, example: AlignmentKind.EscoSkill })
  @IsEnum(AlignmentKind, { message: `kind must be one of ${Object.values(AlignmentKind).join(', ')}` })
  kind: AlignmentKind;

  @ApiProperty({
    example: ESCO_SKILL_EXAMPLE,
    maxLength: 500,
    description:
      'esco_skill: http://data.europa.eu/esco/skill/<uuid>; esco_occupation: http://data.europa.eu/esco/occupation/<uuid> or an ISCO-08 group http://data.europa.eu/esco/isco/C<code>; nqf_level: any absolute http(s) URI',
  })
  @IsString()
  @IsAlignmentUri()
  uri: string;

  @ApiProperty({ example: 'stimulate creativity in the team', description: "the concept's preferred label, as the framework names it" })
  @IsString()
  @IsNotBlank()
  @IsSingleLine()
  @MaxLength(300)
  title: string;
}

/** One way the standard is assessed (libs/domain AssessmentMethod). */
export class AssessmentMethodDto {
  @ApiProperty({ example: 'INT', description: 'unique within the standard; learning outcomes name their methods by it' })
  @IsString()
  @Matches(METHOD_CODE, { message: METHOD_CODE_MESSAGE('code') })
  code: string;

  @ApiProperty({ enum: AssessmentMethodType, example: AssessmentMethodType.Interview })
  @IsEnum(AssessmentMethodType, { message: `type must be one of ${Object.values(AssessmentMethodType).join(', ')}` })
  type: AssessmentMethodType;

  @ApiProperty({ example: 'A 30-minute professional discussion with the assessor about the analyses in your portfolio.' })
  @IsString()
  @IsNotBlank()
  @MaxLength(2000)
  description: string;
}

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

  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'string', pattern: METHOD_CODE.source },
    example: ['INT'],
    description: "codes of the standard's assessment methods that assess this outcome; none (or left out): all of them. Fixed once candidates have cases",
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(METHOD_CODE, { each: true, message: 'each of assessmentMethods must be the code of one of the standard\'s assessment methods' })
  assessmentMethods?: string[];

  @ApiPropertyOptional({ type: [AlignmentDto], description: 'ESCO skills the outcome is aligned to; may change after candidates have cases' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => AlignmentDto)
  alignments?: AlignmentDto[];
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

export class QualificationReferenceDto {
  @ApiProperty({ example: 'Certificate in Business Data Analysis' })
  @IsString()
  @IsNotBlank()
  @MaxLength(500)
  title: string;

  @ApiPropertyOptional({ nullable: true, type: String, example: 'https://qualifications.example.org/business-data-analysis' })
  @IsOptional()
  @IsString()
  @IsNotBlank({ message: OPTIONAL_NOT_BLANK })
  @MaxLength(500)
  reference?: string | null;
}

/** What gives the micro-credential standalone value (libs/domain StandaloneValue). */
export class StandaloneValueDto {
  @ApiProperty({ enum: StandaloneValueKind, example: StandaloneValueKind.LabourMarketNeed })
  @IsEnum(StandaloneValueKind, { message: `kind must be one of ${Object.values(StandaloneValueKind).join(', ')}` })
  kind: StandaloneValueKind;

  @ApiPropertyOptional({ type: QualificationReferenceDto, nullable: true, description: 'the qualification it is a unit of or complements: required for those kinds' })
  @ValidateIf((o: StandaloneValueDto) => o.qualification != null || o.kind !== StandaloneValueKind.LabourMarketNeed)
  @IsObject({ message: 'qualification must name the qualification ({ title, reference? }) this micro-credential is a unit of or complements' })
  @ValidateNested()
  @Type(() => QualificationReferenceDto)
  qualification?: QualificationReferenceDto | null;

  @ApiProperty({ example: 'Employers in the region ask for spreadsheet analysis in a third of office job offers.' })
  @IsString()
  @IsNotBlank()
  @MaxLength(2000)
  statement: string;
}

/** The recognised body that quality assures the awarding body (libs/domain Accreditation). */
export class AccreditationDto {
  @ApiProperty({ example: 'National Agency for Quality Assurance in Education' })
  @IsString()
  @IsNotBlank()
  @MaxLength(500)
  body: string;

  @ApiProperty({ example: 'NAQA accreditation decision 2025/117' })
  @IsString()
  @IsNotBlank()
  @MaxLength(500)
  reference: string;

  @ApiPropertyOptional({ nullable: true, type: String, example: 'https://naqa.example.org/register/2025-117' })
  @IsOptional()
  @IsString()
  @Matches(/^https?:\/\/\S+$/, { message: 'url must be an http(s) address' })
  @MaxLength(500)
  url?: string | null;
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

  @ApiPropertyOptional({ default: false, example: false, description: 'a full formal qualification is not a micro-credential and cannot be published as one' })
  @IsOptional()
  @IsBoolean()
  fullQualification?: boolean;

  @ApiPropertyOptional({ type: StandaloneValueDto, nullable: true, description: 'required to publish' })
  @IsOptional()
  @IsObject({ message: 'standaloneValue must be an object' })
  @ValidateNested()
  @Type(() => StandaloneValueDto)
  standaloneValue?: StandaloneValueDto | null;

  @ApiPropertyOptional({ type: AccreditationDto, nullable: true, description: 'required to publish' })
  @IsOptional()
  @IsObject({ message: 'accreditation must be an object' })
  @ValidateNested()
  @Type(() => AccreditationDto)
  accreditation?: AccreditationDto | null;
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

  @ApiPropertyOptional({ type: [AssessmentMethodDto], description: 'how the standard is assessed; codes unique' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => AssessmentMethodDto)
  assessmentMethods?: AssessmentMethodDto[];

  @ApiPropertyOptional({ type: 'array', items: { type: 'string', pattern: LANGUAGE.source }, example: ['en', 'fi'], description: 'ISO 639-1 codes of the languages the candidate can be assessed in, lower case; ["en"] when left out' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1, { message: 'languages must list at least one language' })
  @ArrayMaxSize(30)
  @Matches(LANGUAGE, { each: true, message: 'each of languages must be an ISO 639-1 code in lower case, such as en or fi' })
  languages?: string[];

  @ApiPropertyOptional({ type: [AlignmentDto], description: 'ESCO occupations and skills, and national qualification framework levels, the standard is aligned to' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => AlignmentDto)
  alignments?: AlignmentDto[];

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

  @ApiPropertyOptional({ example: ESCO_SKILL_EXAMPLE, description: 'only standards aligned to this ESCO skill, themselves or through a learning outcome' })
  @ValidateIf((o: ListStandardsQueryDto) => o.skill !== undefined)
  @IsString({ message: 'skill must be given once' })
  @Matches(/^http:\/\/data\.europa\.eu\/esco\/skill\/[0-9a-f-]{36}$/, { message: 'skill must be an ESCO skill URI, http://data.europa.eu/esco/skill/<uuid>' })
  skill?: string;

  @ApiPropertyOptional({ example: 'http://data.europa.eu/esco/isco/C2511', description: 'only standards aligned to this ESCO occupation (or ISCO-08 group), themselves or through a learning outcome' })
  @ValidateIf((o: ListStandardsQueryDto) => o.occupation !== undefined)
  @IsString({ message: 'occupation must be given once' })
  @Matches(/^http:\/\/data\.europa\.eu\/esco\/(occupation\/[0-9a-f-]{36}|isco\/C\d{1,4})$/, {
    message: 'occupation must be an ESCO occupation URI, http://data.europa.eu/esco/occupation/<uuid> (or http://data.europa.eu/esco/isco/C<code>)',
  })
  occupation?: string;
}
