import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsEnum, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { QualificationRule } from '../../../../../libs/domain';
import { IsDecimal, IsNotBlank, IsSingleLine } from '../../common/validation';

const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;

export class CreateQualificationDto {
  @ApiProperty({ example: 'CERT-BDA' })
  @IsString()
  @Matches(CODE, { message: 'code must be 1 to 40 letters, digits, dots, dashes or underscores, starting with a letter or digit' })
  code: string;

  @ApiProperty({ example: 'Certificate in Business Data Analysis' })
  @IsString()
  @IsNotBlank()
  @IsSingleLine()
  @MaxLength(300)
  title: string;

  @ApiPropertyOptional({ example: 'Cleaning, analysing and presenting business data: three micro-credentials.' })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  description?: string;

  @ApiProperty({ minimum: 1, maximum: 8, example: 5 })
  @IsInt({ message: 'eqfLevel must be a whole number from 1 to 8' })
  @Min(1, { message: 'eqfLevel must be a whole number from 1 to 8' })
  @Max(8, { message: 'eqfLevel must be a whole number from 1 to 8' })
  eqfLevel: number;

  @ApiProperty({ enum: QualificationRule, description: 'all_of: a micro-credential for every component; credit_total: creditsRequired from distinct components', example: QualificationRule.AllOf })
  @IsEnum(QualificationRule, { message: `rule must be one of ${Object.values(QualificationRule).join(', ')}` })
  rule: QualificationRule;

  @ApiPropertyOptional({ nullable: true, type: Number, description: 'for credit_total only: the credits to reach', example: 10 })
  @IsOptional()
  @IsDecimal(2, { message: 'creditsRequired must be a number with at most two decimals' })
  @Min(0.01, { message: 'creditsRequired must be positive' })
  @Max(9999, { message: 'creditsRequired must be at most 9999' })
  creditsRequired?: number | null;

  @ApiProperty({ type: [String], description: "the body's standards whose micro-credentials count, each once", example: ['3b241101-e2bb-4255-8caf-4136c566a962'] })
  @IsArray()
  @ArrayMinSize(1, { message: 'componentStandardIds must name at least one standard' })
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true, message: 'each of componentStandardIds must be a UUID' })
  componentStandardIds: string[];

  @ApiPropertyOptional({ default: false, description: 'only a published qualification is issued and shown to learners', example: false })
  @IsOptional()
  @IsBoolean()
  published?: boolean;
}

/** Any subset of the fields; componentStandardIds, when given, replace the whole set. */
export class UpdateQualificationDto extends PartialType(CreateQualificationDto) {}
