import { ArrayMaxSize, ArrayMinSize, IsArray, IsEmail, IsOptional, IsString, IsUrl, IsUUID, MaxLength } from 'class-validator';
import { SelfAssessmentLevel } from '../../../../../libs/domain';
import { IsNotBlank, IsSingleLine } from '../../common/validation';
import type { FieldError } from '../portal-form';

// The candidate's forms. Their rules are the JSON API's (CreateEvidenceDto, ReasonDto, EvidenceResponseDto); the
// messages are catalogue keys.

export class LinkEvidenceForm {
  @MaxLength(300, { message: 'candidate.errors.titleTooLong', context: { max: 300 } })
  @IsSingleLine({ message: 'candidate.errors.titleOneLine' })
  @IsNotBlank({ message: 'candidate.errors.titleRequired' })
  @IsString({ message: 'candidate.errors.titleRequired' })
  title: string;

  @MaxLength(2000, { message: 'candidate.errors.urlInvalid' })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'candidate.errors.urlInvalid' })
  @IsString({ message: 'candidate.errors.urlInvalid' })
  url: string;

  @IsUUID('all', { each: true, message: 'candidate.errors.outcomesRequired' })
  @ArrayMaxSize(100)
  @ArrayMinSize(1, { message: 'candidate.errors.outcomesRequired' })
  @IsArray()
  learningOutcomeIds: string[];
}

export class AttestationForm {
  @MaxLength(300, { message: 'candidate.errors.titleTooLong', context: { max: 300 } })
  @IsSingleLine({ message: 'candidate.errors.titleOneLine' })
  @IsNotBlank({ message: 'candidate.errors.titleRequired' })
  @IsString({ message: 'candidate.errors.titleRequired' })
  title: string;

  @MaxLength(200, { message: 'candidate.errors.attestorTooLong', context: { max: 200 } })
  @IsSingleLine({ message: 'candidate.errors.attestorRequired' })
  @IsNotBlank({ message: 'candidate.errors.attestorRequired' })
  @IsString({ message: 'candidate.errors.attestorRequired' })
  attestorName: string;

  @MaxLength(320, { message: 'form.email' })
  @IsEmail({}, { message: 'form.email' })
  @IsString({ message: 'form.email' })
  attestorEmail: string;

  @IsOptional()
  @MaxLength(200, { message: 'candidate.errors.attestorTooLong', context: { max: 200 } })
  @IsString()
  attestorOrganisation?: string;

  @MaxLength(4000, { message: 'candidate.errors.statementTooLong', context: { max: 4000 } })
  @IsNotBlank({ message: 'candidate.errors.statementRequired' })
  @IsString({ message: 'candidate.errors.statementRequired' })
  statement: string;

  @IsUUID('all', { each: true, message: 'candidate.errors.outcomesRequired' })
  @ArrayMaxSize(100)
  @ArrayMinSize(1, { message: 'candidate.errors.outcomesRequired' })
  @IsArray()
  learningOutcomeIds: string[];
}

export class NoteForm {
  @MaxLength(4000, { message: 'candidate.errors.noteTooLong', context: { max: 4000 } })
  @IsNotBlank({ message: 'candidate.errors.noteRequired' })
  @IsString({ message: 'candidate.errors.noteRequired' })
  note: string;
}

export class ReasonForm {
  @MaxLength(4000, { message: 'candidate.errors.reasonTooLong', context: { max: 4000 } })
  @IsNotBlank({ message: 'candidate.errors.reasonRequired' })
  @IsString({ message: 'candidate.errors.reasonRequired' })
  reason: string;
}

const STATEMENT_MAX = 10_000;

/**
 * The self-assessment form: for each learning outcome `level-<id>` (one of SelfAssessmentLevel, or empty: not
 * yet said) and `statement-<id>`. A level needs a statement saying how the candidate meets the outcome. The items
 * for PUT /cases/{id}/self-assessment, or the mistakes by field; MalformedForm when a field is not the form's.
 */
export function readSelfAssessment(
  body: Record<string, unknown>,
  outcomeIds: string[],
  t: (key: string, values?: Record<string, unknown>) => string,
): { items: { learningOutcomeId: string; level: SelfAssessmentLevel; statement: string }[]; errors: FieldError[]; values: Record<string, string> } | null {
  const allowed = new Set(['_csrf', ...outcomeIds.flatMap((id) => [`level-${id}`, `statement-${id}`])]);
  if (Object.entries(body).some(([key, value]) => !allowed.has(key) || typeof value !== 'string')) return null;
  const values = body as Record<string, string>;
  const items: { learningOutcomeId: string; level: SelfAssessmentLevel; statement: string }[] = [];
  const errors: FieldError[] = [];
  for (const id of outcomeIds) {
    const level = values[`level-${id}`] ?? '';
    const statement = (values[`statement-${id}`] ?? '').trim();
    if (level !== '' && !(Object.values(SelfAssessmentLevel) as string[]).includes(level)) return null;
    if (statement.length > STATEMENT_MAX) errors.push({ field: `statement-${id}`, message: t('candidate.errors.statementTooLong', { max: STATEMENT_MAX }) });
    else if (level !== '' && !statement) errors.push({ field: `statement-${id}`, message: t('candidate.errors.selfStatementRequired') });
    else if (level === '' && statement) errors.push({ field: `level-${id}`, message: t('candidate.errors.levelRequired') });
    else if (level !== '') items.push({ learningOutcomeId: id, level: level as SelfAssessmentLevel, statement });
  }
  return { items, errors, values };
}
