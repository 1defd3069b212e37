import { plainToInstance } from 'class-transformer';
import { IsEnum, IsOptional, IsString, IsUUID, MaxLength, validate } from 'class-validator';
import { CaseStatus, CriterionResult, Recommendation } from '../../../../../libs/domain';
import { QueueQueryDto } from '../../assessor/dto/assessor.dto';
import { IsNotBlank } from '../../common/validation';
import { MalformedFormError, readForm } from '../portal-form';
import type { FieldError, FormResult } from '../portal-form';

// The assessor's forms. The rules are those of the API's RecordAssessmentDto, EvidenceRequestDto and
// DeclareConflictDto; the messages are keys of templates/locales/<locale>/assessor.json. The rubric and the evidence
// request have a field per criterion or learning outcome of the case's standard (`result-<criterionId>`,
// `outcome-<learningOutcomeId>`): each is read on its own and named back in the form's order.

const COMMENT_MAX_LENGTH = 4000;
const OVERALL_COMMENT_MAX_LENGTH = 10_000;
const MESSAGE_MAX_LENGTH = 4000;
const REASON_MAX_LENGTH = 2000;

type Translate = (key: string, values: Record<string, unknown>) => string;

export class JudgementForm {
  @IsEnum(CriterionResult, { message: 'assessor.errors.resultRequired' })
  result: CriterionResult;

  @IsOptional()
  @MaxLength(COMMENT_MAX_LENGTH, { message: 'assessor.errors.commentTooLong', context: { max: COMMENT_MAX_LENGTH } })
  @IsString({ message: 'assessor.errors.commentTooLong' })
  comment?: string;
}

export class RecommendationForm {
  @IsEnum(Recommendation, { message: 'assessor.errors.recommendationRequired' })
  recommendation: Recommendation;

  @IsOptional()
  @MaxLength(OVERALL_COMMENT_MAX_LENGTH, { message: 'assessor.errors.overallCommentTooLong', context: { max: OVERALL_COMMENT_MAX_LENGTH } })
  @IsString({ message: 'assessor.errors.overallCommentTooLong' })
  comment?: string;
}

export class EvidenceRequestForm {
  @MaxLength(MESSAGE_MAX_LENGTH, { message: 'assessor.errors.messageTooLong', context: { max: MESSAGE_MAX_LENGTH } })
  @IsNotBlank({ message: 'assessor.errors.messageRequired' })
  @IsString({ message: 'assessor.errors.messageRequired' })
  message: string;
}

export class ConflictForm {
  @MaxLength(REASON_MAX_LENGTH, { message: 'assessor.errors.reasonTooLong', context: { max: REASON_MAX_LENGTH } })
  @IsNotBlank({ message: 'assessor.errors.reasonRequired' })
  @IsString({ message: 'assessor.errors.reasonRequired' })
  reason: string;
}

/** The rubric as the API takes it (RecordAssessmentDto). */
export interface RubricInput {
  judgements: { criterionId: string; result: CriterionResult; comment: string | null }[];
  recommendation: Recommendation;
  comment: string;
}

export interface EvidenceRequestInput {
  message: string;
  learningOutcomeIds: string[];
}

/** The fields `<prefix>-<id>` of the body for the ids given, by id; the rest of the body as it came. */
function splitById(body: unknown, prefixes: readonly string[], ids: readonly string[]): { byId: Map<string, Record<string, unknown>>; rest: Record<string, unknown> } {
  const byId = new Map<string, Record<string, unknown>>(ids.map((id) => [id, {}]));
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    const dash = key.indexOf('-');
    const prefix = key.slice(0, dash);
    const own = dash > 0 && prefixes.includes(prefix) ? byId.get(key.slice(dash + 1)) : undefined;
    if (own) own[prefix] = value;
    else rest[key] = value;
  }
  return { byId, rest };
}

/**
 * The rubric: a result (and an optional comment) for every criterion, in the standard's order, then the
 * recommendation and the overall comment. A field naming a criterion the standard does not have is malformed.
 */
export async function readRubric(body: unknown, criteria: readonly { id: string; code: string }[], translate: Translate): Promise<FormResult<RubricInput>> {
  const { byId, rest } = splitById(body, ['result', 'comment'], criteria.map((c) => c.id));
  const errors: FieldError[] = [];
  const values: Record<string, string> = {};
  const judgements: RubricInput['judgements'] = [];
  for (const criterion of criteria) {
    const form = await readForm(JudgementForm, byId.get(criterion.id), ['result', 'comment'], (key, v) => translate(key, { ...v, code: criterion.code }));
    const sent = form.ok ? { result: form.value.result, comment: form.value.comment ?? '' } : form.values;
    for (const [field, value] of Object.entries(sent)) if (value !== undefined) values[`${field}-${criterion.id}`] = value;
    if (form.ok) judgements.push({ criterionId: criterion.id, result: form.value.result, comment: form.value.comment?.trim() || null });
    else errors.push(...form.errors.map((e) => ({ ...e, field: `${e.field}-${criterion.id}` })));
  }
  const overall = await readForm(RecommendationForm, rest, ['recommendation', 'comment'], translate);
  if (!overall.ok) {
    Object.assign(values, overall.values);
    return { ok: false, values, errors: [...errors, ...overall.errors] };
  }
  Object.assign(values, { recommendation: overall.value.recommendation, comment: overall.value.comment ?? '' });
  if (errors.length) return { ok: false, values, errors };
  return { ok: true, value: { judgements, recommendation: overall.value.recommendation, comment: overall.value.comment?.trim() ?? '' } };
}

/** The evidence request: what to add (a message) and at least one learning outcome it is for (`outcome-<id>` ticked). */
export async function readEvidenceRequest(body: unknown, outcomeIds: readonly string[], translate: Translate): Promise<FormResult<EvidenceRequestInput>> {
  const { byId, rest } = splitById(body, ['outcome'], outcomeIds);
  const chosen = outcomeIds.filter((id) => byId.get(id)!.outcome !== undefined);
  if (outcomeIds.some((id) => ![undefined, 'yes'].includes(byId.get(id)!.outcome as string | undefined))) {
    // a box the page draws sends "yes" or nothing: anything else did not come from it
    throw new MalformedFormError('an outcome box sent something else than yes');
  }
  const form = await readForm(EvidenceRequestForm, rest, ['message'], translate);
  const values: Record<string, string> = { ...(form.ok ? { message: form.value.message } : form.values) };
  for (const id of chosen) values[`outcome-${id}`] = 'yes';
  const errors = form.ok ? [] : [...form.errors];
  if (!chosen.length) errors.push({ field: 'outcomes', message: translate('assessor.errors.outcomesRequired', {}) });
  if (!form.ok || errors.length) return { ok: false, values, errors };
  return { ok: true, value: { message: form.value.message.trim(), learningOutcomeIds: chosen } };
}

/** A credential recognised for one learning outcome it is offered for (the API's RecogniseCredentialDto). */
export class RecognitionForm {
  @IsUUID('all', { message: 'assessor.errors.recognitionOutcomeRequired' })
  learningOutcomeId: string;

  @IsOptional()
  @MaxLength(COMMENT_MAX_LENGTH, { message: 'assessor.errors.recognitionCommentTooLong', context: { max: COMMENT_MAX_LENGTH } })
  @IsString({ message: 'assessor.errors.recognitionCommentTooLong' })
  comment?: string;
}

/** The statuses an assignment in the queue can be in: the queue's status filter offers these. */
export const QUEUE_STATUSES: readonly CaseStatus[] = [CaseStatus.AssessorAssigned, CaseStatus.UnderAssessment, CaseStatus.EvidenceRequested, CaseStatus.Moderation];

/** The queue's filters, as the GET form sends them (and the paging links carry them). */
const QUEUE_FILTERS = ['standardId', 'status', 'q', 'overdue'] as const;
type QueueFilterName = (typeof QUEUE_FILTERS)[number];

/** The queue's filters read from the query string: those that hold, applied; the others named back, left out. */
export interface QueueFilters {
  /** What the form shows: the values as sent. */
  values: Record<QueueFilterName, string>;
  /** The filters that hold, for AssessorService.queue (QueueQueryDto's rules), with the cursor if it holds. */
  query: Pick<QueueQueryDto, 'q' | 'standardId' | 'status' | 'overdue' | 'cursor'>;
  /** The filters that hold, as a query string for the paging links (no cursor; empty when none). */
  kept: Record<string, string>;
  errors: FieldError[];
}

/**
 * Reads the queue's filters with QueueQueryDto's own rules (a status of the process, a standard's id, a search of 1
 * to 100 characters). The page's box for overdue sends only "true". A value sent twice or as a nested key fails
 * its rule like any other mistake: the page says which filter was left out, in the form's order, never an error page.
 */
export async function readQueueFilters(query: unknown, translate: Translate): Promise<QueueFilters> {
  const raw = (query ?? {}) as Record<string, unknown>;
  const sent = Object.fromEntries(
    [...QUEUE_FILTERS, 'cursor'].flatMap((name) => (raw[name] === undefined || raw[name] === '' ? [] : [[name, raw[name]]])),
  ) as Record<string, unknown>;
  const dto = plainToInstance(QueueQueryDto, sent);
  const failed = new Set((await validate(dto, { stopAtFirstError: true })).map((e) => e.property));
  if (sent.overdue !== undefined && sent.overdue !== 'true') failed.add('overdue');
  const values = Object.fromEntries(QUEUE_FILTERS.map((name) => [name, typeof sent[name] === 'string' ? sent[name] : ''])) as Record<QueueFilterName, string>;
  const errors: FieldError[] = [];
  const kept: Record<string, string> = {};
  const applied: QueueFilters['query'] = {};
  for (const name of QUEUE_FILTERS) {
    if (sent[name] === undefined) continue;
    if (failed.has(name)) {
      errors.push({ field: name, message: translate(`assessor.filters.errors.${name}`, { max: 100 }) });
      continue;
    }
    kept[name] = Array.isArray(sent[name]) ? (sent[name] as string[]).join(',') : (sent[name] as string);
    Object.assign(applied, { [name]: dto[name] });
  }
  if (sent.cursor !== undefined) {
    if (failed.has('cursor')) errors.push({ field: 'cursor', anchor: 'queue-filters', message: translate('assessor.filters.errors.cursor', {}) });
    else applied.cursor = dto.cursor;
  }
  return { values, query: applied, kept, errors };
}
