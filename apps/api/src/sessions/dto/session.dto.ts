import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEnum, IsIn, IsInt, IsOptional, IsString, IsUrl, IsUUID, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { CriterionResult, SESSION_MINUTES_MAX, SESSION_MINUTES_MIN, SESSION_OUTCOMES, SessionStatus } from '../../../../../libs/domain';
import type { SessionOutcome } from '../../../../../libs/domain';
import { EXAMPLE_ID } from '../../common/examples';
import { IsNotBlank, IsSingleLine, OPTIONAL_NOT_BLANK } from '../../common/validation';

/** A local date and time ("2027-01-10T14:00"), or an instant with Z or an offset the world uses (-14:00 to +14:00). */
export const SESSION_TIME = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,3})?)?(Z|[+-](0\d|1[0-3]):[0-5]\d|[+-]14:00)?$/;

export class SessionAttendeeDto {
  @ApiProperty({ example: 'Bo Observer' })
  @IsString()
  @IsNotBlank()
  @IsSingleLine()
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: 'second assessor (observer)' })
  @IsString()
  @IsNotBlank()
  @IsSingleLine()
  @MaxLength(200)
  role: string;
}

export class ProposeSessionDto {
  @ApiProperty({ description: "code of one of the standard's assessment methods that need a session", example: 'INT' })
  @IsString()
  @IsNotBlank()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, { message: "methodCode must be the code of one of the standard's assessment methods" })
  methodCode: string;

  @ApiProperty({
    description: "when it starts: a local date and time in the candidate's time zone (the answer names the zone), or an instant with Z or an offset",
    example: '2027-01-14T10:30',
  })
  @IsString()
  @IsNotBlank()
  @Matches(SESSION_TIME, { message: 'startsAt must be a date and time such as 2027-01-14T10:30 (the candidate\'s local time) or 2027-01-14T09:30:00Z' })
  startsAt: string;

  @ApiProperty({ minimum: SESSION_MINUTES_MIN, maximum: SESSION_MINUTES_MAX, example: 45 })
  @IsInt({ message: `durationMinutes must be a whole number of minutes from ${SESSION_MINUTES_MIN} to ${SESSION_MINUTES_MAX}` })
  @Min(SESSION_MINUTES_MIN, { message: `durationMinutes must be a whole number of minutes from ${SESSION_MINUTES_MIN} to ${SESSION_MINUTES_MAX}` })
  @Max(SESSION_MINUTES_MAX, { message: `durationMinutes must be a whole number of minutes from ${SESSION_MINUTES_MIN} to ${SESSION_MINUTES_MAX}` })
  durationMinutes: number;

  @ApiPropertyOptional({ description: 'where, for a session in person (this or onlineUrl, or both)', example: 'Room 2.14, 12 rue de la Paix, Lyon' })
  @IsOptional()
  @IsString()
  @IsNotBlank({ message: OPTIONAL_NOT_BLANK })
  @IsSingleLine()
  @MaxLength(500)
  location?: string;

  @ApiPropertyOptional({ description: 'the https link of an online session', example: 'https://meet.example.org/vnfil-interview-7f3a' })
  @IsOptional()
  @IsUrl({ protocols: ['https'], require_protocol: true, require_valid_protocol: true }, { message: 'onlineUrl must be an https link' })
  @MaxLength(1000)
  onlineUrl?: string;

  @ApiPropertyOptional({ type: [SessionAttendeeDto], description: 'who attends besides the candidate and the assessor' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => SessionAttendeeDto)
  attendees?: SessionAttendeeDto[];
}

export class AnswerSessionDto {
  @ApiProperty({ enum: ['confirm', 'reschedule'], example: 'confirm' })
  @IsIn(['confirm', 'reschedule'], { message: 'answer must be confirm or reschedule' })
  answer: 'confirm' | 'reschedule';

  @ApiPropertyOptional({ description: 'required to ask for another time: when you can come', example: 'I am away that week; any morning the week after suits me.' })
  @IsOptional()
  @IsString()
  @IsNotBlank({ message: OPTIONAL_NOT_BLANK })
  @MaxLength(2000)
  note?: string;
}

export class SessionJudgementDto {
  @ApiProperty({ format: 'uuid', example: EXAMPLE_ID.criterion })
  @IsUUID('all', { message: 'criterionId must be a UUID' })
  criterionId: string;

  @ApiProperty({ enum: CriterionResult, example: CriterionResult.Met })
  @IsEnum(CriterionResult, { message: `result must be one of ${Object.values(CriterionResult).join(', ')}` })
  result: CriterionResult;

  @ApiPropertyOptional({ nullable: true, type: String, example: 'Explained the pivot table step by step and why each filter was needed.' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  comment?: string | null;
}

export class RecordSessionDto {
  @ApiProperty({ enum: SESSION_OUTCOMES, example: SessionStatus.Held, description: 'held or candidate_absent once the session has begun; postponed at any time' })
  @IsIn(SESSION_OUTCOMES, { message: `outcome must be one of ${SESSION_OUTCOMES.join(', ')}` })
  outcome: SessionOutcome;

  @ApiPropertyOptional({ description: 'what happened; required when the candidate was absent', example: 'The candidate walked through the March sales workbook.' })
  @IsOptional()
  @IsString()
  @IsNotBlank({ message: OPTIONAL_NOT_BLANK })
  @MaxLength(4000)
  note?: string;

  @ApiPropertyOptional({ type: [SessionJudgementDto], description: 'only for a session held: judgements on the criteria it assessed' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => SessionJudgementDto)
  judgements?: SessionJudgementDto[];
}
