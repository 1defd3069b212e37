import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEnum, IsString, IsUUID, Matches, MaxLength, ValidateBy, ValidateIf } from 'class-validator';
import { AlignmentKind, alignmentUriProblem, CreditSystem } from '../../../../../libs/domain';
import { PageQueryDto, queryMessage, SearchQueryDto } from '../../common/page.dto';

/** EQF levels (Council Recommendation of 22 May 2017 on the EQF, Annex II): 1 to 8. */
export const EQF_MIN = 1;
export const EQF_MAX = 8;
/** Credits as the standards store them: numeric(6,2), so at most 9999.99. */
export const CREDITS_MAX = 9999.99;

/** Whole digits in the query string as a number; anything else (1e2, 5.0, -1) is left for the validator to refuse. */
const QueryInteger = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' && /^\d{1,3}$/.test(value) ? Number(value) : value));
/** A decimal with at most two places (12, 2.5, 7.25) as a number; anything else is left to refuse. */
const QueryDecimal = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' && /^\d{1,4}(\.\d{1,2})?$/.test(value) ? Number(value) : value));

const isLevel = (v: unknown) => Number.isInteger(v) && (v as number) >= EQF_MIN && (v as number) <= EQF_MAX;
const isCredits = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= CREDITS_MAX;

const levelMessage = (name: string) => queryMessage(name, `a whole number from ${EQF_MIN} to ${EQF_MAX} (an EQF level)`);
const creditsMessage = (name: string) => queryMessage(name, `a number from 0 to ${CREDITS_MAX} with at most two decimals`);
/** An ESCO concept URI of the form the standards API accepts for an alignment of this kind (alignmentUriProblem). */
const IsEscoUri = (name: string, kind: AlignmentKind) =>
  ValidateBy(
    { name: 'isEscoUri', validator: { validate: (v: unknown) => typeof v === 'string' && alignmentUriProblem(kind, v) === null } },
    { message: (args) => (typeof args.value === 'string' ? `${name} is not valid: ${alignmentUriProblem(kind, args.value) ?? ''}` : `${name} must be given once`) },
  );

const ESCO_SKILL_EXAMPLE = 'http://data.europa.eu/esco/skill/ccd0a1d9-afda-43d9-b901-96344886e14d';
const ESCO_OCCUPATION_EXAMPLE = 'http://data.europa.eu/esco/occupation/f2b15a0e-e65a-438a-affb-29b9d50b77d1';

/** The pages of the open data feeds: the paging parameters only, so that a harvester's URL is the page's identity. */
export class CatalogueFeedQueryDto extends PageQueryDto {}

/**
 * Filters of the public catalogue; all given filters apply together (AND). Each is answered through an index
 * (migration 1765520000000; docs/catalogue.md).
 */
export class CatalogueQueryDto extends SearchQueryDto {
  @ApiPropertyOptional({ description: 'an ESCO skill URI (http://data.europa.eu/esco/skill/<uuid>): standards aligned to it, themselves or through one of their learning outcomes', example: ESCO_SKILL_EXAMPLE, maxLength: 500 })
  @ValidateIf((o: CatalogueQueryDto) => o.skill !== undefined)
  @IsString({ message: 'skill must be given once' })
  @MaxLength(500, { message: 'skill must be at most 500 characters' })
  @IsEscoUri('skill', AlignmentKind.EscoSkill)
  skill?: string;

  @ApiPropertyOptional({ description: 'an ESCO occupation URI (http://data.europa.eu/esco/occupation/<uuid>, or an ISCO-08 group http://data.europa.eu/esco/isco/C<code>): standards aligned to it, themselves or through one of their learning outcomes', example: ESCO_OCCUPATION_EXAMPLE, maxLength: 500 })
  @ValidateIf((o: CatalogueQueryDto) => o.occupation !== undefined)
  @IsString({ message: 'occupation must be given once' })
  @MaxLength(500, { message: 'occupation must be at most 500 characters' })
  @IsEscoUri('occupation', AlignmentKind.EscoOccupation)
  occupation?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: EQF_MIN, maximum: EQF_MAX, description: 'exactly this EQF level', example: 5 })
  @ValidateIf((o: CatalogueQueryDto) => o.eqfLevel !== undefined)
  @QueryInteger()
  @ValidateBy({ name: 'isEqfLevel', validator: { validate: isLevel } }, { message: levelMessage('eqfLevel') })
  eqfLevel?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: EQF_MIN, maximum: EQF_MAX, description: 'this EQF level or higher', example: 4 })
  @ValidateIf((o: CatalogueQueryDto) => o.eqfLevelMin !== undefined)
  @QueryInteger()
  @ValidateBy({ name: 'isEqfLevel', validator: { validate: isLevel } }, { message: levelMessage('eqfLevelMin') })
  eqfLevelMin?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: EQF_MIN, maximum: EQF_MAX, description: 'this EQF level or lower', example: 6 })
  @ValidateIf((o: CatalogueQueryDto) => o.eqfLevelMax !== undefined)
  @QueryInteger()
  @ValidateBy({ name: 'isEqfLevel', validator: { validate: isLevel } }, { message: levelMessage('eqfLevelMax') })
  eqfLevelMax?: number;

  @ApiPropertyOptional({ type: Number, minimum: 0, maximum: CREDITS_MAX, description: 'at least this many credits of creditSystem (required with it)', example: 2 })
  @ValidateIf((o: CatalogueQueryDto) => o.creditsMin !== undefined)
  @QueryDecimal()
  @ValidateBy({ name: 'isCredits', validator: { validate: isCredits } }, { message: creditsMessage('creditsMin') })
  creditsMin?: number;

  @ApiPropertyOptional({ type: Number, minimum: 0, maximum: CREDITS_MAX, description: 'at most this many credits of creditSystem (required with it)', example: 5 })
  @ValidateIf((o: CatalogueQueryDto) => o.creditsMax !== undefined)
  @QueryDecimal()
  @ValidateBy({ name: 'isCredits', validator: { validate: isCredits } }, { message: creditsMessage('creditsMax') })
  creditsMax?: number;

  @ApiPropertyOptional({ enum: CreditSystem, description: 'standards whose credits are in this system; required with creditsMin or creditsMax', example: CreditSystem.Ects })
  @ValidateIf((o: CatalogueQueryDto) => o.creditSystem !== undefined || o.creditsMin !== undefined || o.creditsMax !== undefined)
  @IsEnum(CreditSystem, { message: queryMessage('creditSystem', `one of ${Object.values(CreditSystem).join(', ')} (it is required with creditsMin or creditsMax)`) })
  creditSystem?: CreditSystem;

  @ApiPropertyOptional({ description: 'an ISO 639-1 code: standards a candidate can be assessed in this language', example: 'fr', pattern: '^[a-z]{2}$' })
  @ValidateIf((o: CatalogueQueryDto) => o.language !== undefined)
  @IsString({ message: 'language must be given once' })
  @Matches(/^[a-z]{2}$/, { message: 'language must be an ISO 639-1 code: two lower-case letters, e.g. fr' })
  language?: string;

  @ApiPropertyOptional({ format: 'uuid', description: "one awarding body's standards", example: '3f0e6a57-1c2d-4a8b-9e6f-5d4c3b2a1908' })
  @ValidateIf((o: CatalogueQueryDto) => o.awardingBodyId !== undefined)
  @IsUUID('all', { message: queryMessage('awardingBodyId', 'a UUID') })
  awardingBodyId?: string;
}
