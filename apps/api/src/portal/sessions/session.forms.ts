import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, MaxLength, Min } from 'class-validator';
import { DateTime } from 'luxon';
import { CriterionResult, DAY_MS, SESSION_HORIZON_DAYS, SESSION_MINUTES_MAX, SESSION_MINUTES_MIN, SESSION_OUTCOMES, SessionStatus } from '../../../../../libs/domain';
import type { SessionOutcome } from '../../../../../libs/domain';
import { IsNotBlank, IsSingleLine } from '../../common/validation';
import { readForm } from '../portal-form';
import type { FieldError, FormResult } from '../portal-form';
import { ATTENDEE_ROWS } from './session-view';

// The session forms of the case pages. Their rules are the JSON API's (ProposeSessionDto, AnswerSessionDto,
// RecordSessionDto); the messages are keys of templates/locales/<locale>/session.json. What depends on the case
// (its methods, the session's time, the candidate's zone) is checked after the fields, with the same words.

type Translate = (key: string, values: Record<string, unknown>) => string;

/** An empty field of the page is a value left out. */
const blankToUndefined = ({ value }: { value: unknown }) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

export class ProposeSessionForm {
  @IsNotBlank({ message: 'session.errors.methodRequired' })
  @IsString({ message: 'session.errors.methodRequired' })
  methodCode: string;

  // what <input type="datetime-local"> sends: a local date and time, read in the candidate's zone
  @Matches(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/, { message: 'session.errors.startsAtFormat' })
  @IsString({ message: 'session.errors.startsAtFormat' })
  startsAt: string;

  @Max(SESSION_MINUTES_MAX, { message: 'session.errors.duration', context: { min: SESSION_MINUTES_MIN, max: SESSION_MINUTES_MAX } })
  @Min(SESSION_MINUTES_MIN, { message: 'session.errors.duration', context: { min: SESSION_MINUTES_MIN, max: SESSION_MINUTES_MAX } })
  @IsInt({ message: 'session.errors.duration', context: { min: SESSION_MINUTES_MIN, max: SESSION_MINUTES_MAX } })
  @Transform(({ value }) => (typeof value === 'string' && /^\s*\d{1,4}\s*$/.test(value) ? Number(value) : value))
  durationMinutes: number;

  @IsOptional()
  @MaxLength(500, { message: 'session.errors.locationTooLong', context: { max: 500 } })
  @IsSingleLine({ message: 'session.errors.locationOneLine' })
  @IsString()
  @Transform(blankToUndefined)
  location?: string;

  @IsOptional()
  @MaxLength(1000, { message: 'session.errors.onlineUrl' })
  @IsUrl({ protocols: ['https'], require_protocol: true, require_valid_protocol: true }, { message: 'session.errors.onlineUrl' })
  @IsString({ message: 'session.errors.onlineUrl' })
  @Transform(blankToUndefined)
  onlineUrl?: string;
}

export class AttendeeForm {
  @IsOptional()
  @MaxLength(200, { message: 'session.errors.attendeeTooLong', context: { max: 200 } })
  @IsSingleLine({ message: 'session.errors.attendeeOneLine' })
  @IsString()
  @Transform(blankToUndefined)
  name?: string;

  @IsOptional()
  @MaxLength(200, { message: 'session.errors.attendeeTooLong', context: { max: 200 } })
  @IsSingleLine({ message: 'session.errors.attendeeOneLine' })
  @IsString()
  @Transform(blankToUndefined)
  role?: string;
}

export class RescheduleForm {
  @MaxLength(2000, { message: 'session.errors.noteTooLong', context: { max: 2000 } })
  @IsNotBlank({ message: 'session.errors.rescheduleNoteRequired' })
  @IsString({ message: 'session.errors.rescheduleNoteRequired' })
  note: string;
}

export class RecordSessionForm {
  @IsIn(SESSION_OUTCOMES, { message: 'session.errors.outcomeRequired' })
  outcome: SessionOutcome;

  @IsOptional()
  @MaxLength(4000, { message: 'session.errors.noteTooLong', context: { max: 4000 } })
  @IsString()
  @Transform(blankToUndefined)
  note?: string;
}

/** A proposal as SessionsService.propose takes it (ProposeSessionDto). */
export interface ProposalInput {
  methodCode: string;
  startsAt: string;
  durationMinutes: number;
  location?: string;
  onlineUrl?: string;
  attendees: { name: string; role: string }[];
}

/** What the proposal form needs to know of the case: its methods that need a session, the candidate's zone, the body's notice. */
export interface ProposalRules {
  methodCodes: readonly string[];
  timeZone: string;
  noticeMinutes: number;
  now: Date;
}

const ATTENDEE_FIELDS = Array.from({ length: ATTENDEE_ROWS }, (_, i) => [`attendeeName${i + 1}`, `attendeeRole${i + 1}`]).flat();

/**
 * The proposal: a method of the standard, a local start in the candidate's zone (one that exists there: not in the
 * hour skipped when the clocks go forward), at least the body's notice ahead and within SESSION_HORIZON_DAYS, a
 * duration, a place or an https link, and up to ATTENDEE_ROWS people attending (name and role, both or neither).
 */
export async function readProposal(body: unknown, rules: ProposalRules, translate: Translate): Promise<FormResult<ProposalInput>> {
  const sent = (body ?? {}) as Record<string, unknown>;
  const own = Object.fromEntries(Object.entries(sent).filter(([k]) => !ATTENDEE_FIELDS.includes(k)));
  const form = await readForm(ProposeSessionForm, own, ['methodCode', 'startsAt', 'durationMinutes', 'location', 'onlineUrl'], translate);
  const values: Record<string, string> = Object.fromEntries(Object.entries(sent).filter((e): e is [string, string] => e[0] !== '_csrf' && typeof e[1] === 'string'));
  const errors: FieldError[] = form.ok ? [] : [...form.errors];
  const attendees: { name: string; role: string }[] = [];
  for (let n = 1; n <= ATTENDEE_ROWS; n++) {
    // a row the request left out is a row left blank
    const fields = Object.entries({ name: sent[`attendeeName${n}`], role: sent[`attendeeRole${n}`] }).filter(([, v]) => v !== undefined);
    const row = await readForm(AttendeeForm, Object.fromEntries(fields), ['name', 'role'], translate);
    if (!row.ok) {
      errors.push(...row.errors.map((e) => ({ ...e, field: e.field === 'name' ? `attendeeName${n}` : `attendeeRole${n}` })));
      continue;
    }
    const { name, role } = row.value;
    if (name && role) attendees.push({ name: name.trim(), role: role.trim() });
    else if (name || role) errors.push({ field: name ? `attendeeRole${n}` : `attendeeName${n}`, message: translate('session.errors.attendeeBoth', {}) });
  }
  if (form.ok) {
    const p = form.value;
    if (!rules.methodCodes.includes(p.methodCode)) errors.push({ field: 'methodCode', message: translate('session.errors.methodRequired', {}) });
    const start = DateTime.fromISO(p.startsAt, { zone: rules.timeZone });
    const ahead = start.toMillis() - rules.now.getTime();
    if (!DateTime.fromISO(p.startsAt.slice(0, 10), { zone: 'UTC' }).isValid) {
      // 30 February: no such day anywhere, not a change of the clocks
      errors.push({ field: 'startsAt', message: translate('session.errors.startsAtNoSuchDate', {}) });
    } else if (!start.isValid || start.toFormat("yyyy-MM-dd'T'HH:mm") !== p.startsAt.slice(0, 16)) {
      errors.push({ field: 'startsAt', message: translate('session.errors.startsAtMissing', { zone: rules.timeZone }) });
    } else if (ahead <= rules.noticeMinutes * 60_000) {
      errors.push({ field: 'startsAt', message: translate(rules.noticeMinutes ? 'session.errors.startsAtNotice' : 'session.errors.startsAtPast', { minutes: rules.noticeMinutes }) });
    } else if (ahead > SESSION_HORIZON_DAYS * DAY_MS) {
      errors.push({ field: 'startsAt', message: translate('session.errors.startsAtHorizon', { days: SESSION_HORIZON_DAYS }) });
    }
    if (!p.location && !p.onlineUrl) errors.push({ field: 'location', message: translate('session.errors.placeRequired', {}) });
  }
  if (!form.ok || errors.length) return { ok: false, values, errors: orderErrors(errors) };
  const p = form.value;
  return {
    ok: true,
    value: {
      methodCode: p.methodCode,
      startsAt: p.startsAt.slice(0, 16),
      durationMinutes: p.durationMinutes,
      ...(p.location ? { location: p.location.trim() } : {}),
      ...(p.onlineUrl ? { onlineUrl: p.onlineUrl } : {}),
      attendees,
    },
  };
}

/** Mistakes in the order a reader meets the fields. */
function orderErrors(errors: FieldError[]): FieldError[] {
  const order = ['methodCode', 'startsAt', 'durationMinutes', 'location', 'onlineUrl', ...ATTENDEE_FIELDS];
  return [...errors].sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field));
}

/** A session's record as SessionsService.record takes it (RecordSessionDto). */
export interface RecordInput {
  outcome: SessionOutcome;
  note?: string;
  judgements: { criterionId: string; result: CriterionResult; comment: string | null }[];
}

/**
 * How the session went: held, candidate absent (with a note) or postponed; held or absent only once it has begun.
 * For a session held, a judgement per criterion the method assesses may be given (a result, and a comment that
 * needs one); `criteria` are those criteria, in the standard's order.
 */
export async function readSessionRecord(
  body: unknown,
  session: { startsAt: string },
  criteria: readonly { id: string; code: string }[],
  now: Date,
  translate: Translate,
): Promise<FormResult<RecordInput>> {
  const sent = (body ?? {}) as Record<string, unknown>;
  const ids = new Set(criteria.map((c) => c.id));
  const own: Record<string, unknown> = {};
  const perCriterion = new Map<string, { result?: unknown; comment?: unknown }>();
  for (const [key, value] of Object.entries(sent)) {
    const m = /^(result|comment)-(.+)$/.exec(key);
    if (m && ids.has(m[2])) perCriterion.set(m[2], { ...perCriterion.get(m[2]), [m[1]]: value });
    else own[key] = value;
  }
  const form = await readForm(RecordSessionForm, own, ['outcome', 'note'], translate);
  const values: Record<string, string> = Object.fromEntries(Object.entries(sent).filter((e): e is [string, string] => e[0] !== '_csrf' && typeof e[1] === 'string'));
  const errors: FieldError[] = form.ok ? [] : [...form.errors];
  const judgements: RecordInput['judgements'] = [];
  for (const c of criteria) {
    const { result, comment } = perCriterion.get(c.id) ?? {};
    const text = typeof comment === 'string' ? comment.trim() : '';
    if (result === undefined || result === '') {
      if (text) errors.push({ field: `result-${c.id}`, message: translate('session.errors.resultForComment', { code: c.code }) });
      continue;
    }
    if (typeof result !== 'string' || !(Object.values(CriterionResult) as string[]).includes(result)) {
      errors.push({ field: `result-${c.id}`, message: translate('session.errors.resultForComment', { code: c.code }) });
      continue;
    }
    if (text.length > 4000) errors.push({ field: `result-${c.id}`, message: translate('session.errors.noteTooLong', { max: 4000 }) });
    judgements.push({ criterionId: c.id, result: result as CriterionResult, comment: text || null });
  }
  if (form.ok) {
    const { outcome, note } = form.value;
    const begun = Date.parse(session.startsAt) <= now.getTime();
    if (outcome !== SessionStatus.Postponed && !begun) errors.push({ field: 'outcome', message: translate('session.errors.notBegun', {}) });
    if (outcome === SessionStatus.CandidateAbsent && !note?.trim()) errors.push({ field: 'note', message: translate('session.errors.absentNoteRequired', {}) });
    if (outcome !== SessionStatus.Held && judgements.length) errors.push({ field: 'outcome', message: translate('session.errors.judgementsOnlyHeld', {}) });
  }
  if (!form.ok || errors.length) return { ok: false, values, errors };
  return { ok: true, value: { outcome: form.value.outcome, ...(form.value.note ? { note: form.value.note.trim() } : {}), judgements: form.value.outcome === SessionStatus.Held ? judgements : [] } };
}
