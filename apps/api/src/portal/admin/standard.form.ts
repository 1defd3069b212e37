import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { ValidationError } from 'class-validator';
import { CreditSystem, ParticipationForm, StandaloneValueKind } from '../../../../../libs/domain';
import { CreateStandardDto } from '../../standards/dto/standard.dto';
import type { StandardDetailResponse } from '../../standards/dto/standard.response';
import { MalformedFormError } from '../portal-form';
import type { FieldError } from '../portal-form';

/**
 * The standard editor's form: flat fields (outcome-<i>-code, outcome-<i>-criterion-<j>-description …) whose
 * number of rows travels in hidden fields, so rows are added and removed by posting the form, without script.
 * It is read into the API's CreateStandardDto and checked by that DTO's own rules; each rule that fails is shown
 * next to its field, in the catalogue's words for that field.
 */
export interface CriterionRow {
  code: string;
  description: string;
}
export interface OutcomeRow {
  code: string;
  description: string;
  criteria: CriterionRow[];
}

export const STANDARD_FIELDS = [
  'code',
  'title',
  'description',
  'eqfLevel',
  'credits',
  'workloadHours',
  'mcTitle',
  'typeOfAssessment',
  'formOfParticipation',
  'typeOfQualityAssurance',
  'fullQualification',
  'standaloneKind',
  'qualificationTitle',
  'standaloneStatement',
  'accreditationBody',
  'accreditationReference',
] as const;
export type StandardField = (typeof STANDARD_FIELDS)[number];

export interface StandardFormState {
  values: Record<StandardField, string>;
  outcomes: OutcomeRow[];
}

/** What the person asked for with the button they pressed. */
export type EditorAction =
  | { kind: 'save' }
  | { kind: 'publish' }
  | { kind: 'addOutcome' }
  | { kind: 'removeOutcome'; outcome: number }
  | { kind: 'addCriterion'; outcome: number }
  | { kind: 'removeCriterion'; outcome: number; criterion: number };

const MAX_OUTCOMES = 100;
const MAX_CRITERIA = 50;

const emptyCriterion = (): CriterionRow => ({ code: '', description: '' });
const emptyOutcome = (): OutcomeRow => ({ code: '', description: '', criteria: [emptyCriterion()] });

export function blankStandardForm(): StandardFormState {
  const values = Object.fromEntries(STANDARD_FIELDS.map((f) => [f, ''])) as Record<StandardField, string>;
  return { values, outcomes: [emptyOutcome()] };
}

/** A stored standard as the form shows it. */
export function standardFormOf(s: StandardDetailResponse): StandardFormState {
  const mc = s.microCredential;
  const values: Record<StandardField, string> = {
    code: s.code,
    title: s.title,
    description: s.description,
    eqfLevel: String(s.eqfLevel),
    credits: s.credits === null ? '' : String(s.credits),
    workloadHours: String(s.workloadHours),
    mcTitle: mc?.title ?? '',
    typeOfAssessment: mc?.typeOfAssessment ?? '',
    formOfParticipation: mc?.formOfParticipation ?? '',
    typeOfQualityAssurance: mc?.typeOfQualityAssurance ?? '',
    fullQualification: mc?.fullQualification ? 'yes' : '',
    standaloneKind: mc?.standaloneValue?.kind ?? '',
    qualificationTitle: mc?.standaloneValue?.qualification?.title ?? '',
    standaloneStatement: mc?.standaloneValue?.statement ?? '',
    accreditationBody: mc?.accreditation?.body ?? '',
    accreditationReference: mc?.accreditation?.reference ?? '',
  };
  const outcomes = s.learningOutcomes.map((o) => ({ code: o.code, description: o.description, criteria: o.criteria.map((c) => ({ code: c.code, description: c.description })) }));
  return { values, outcomes: outcomes.length ? outcomes : [emptyOutcome()] };
}

function count(body: Record<string, unknown>, name: string, max: number): number {
  const raw = body[name];
  const n = typeof raw === 'string' && /^\d{1,3}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < 0 || n > max) throw new MalformedFormError(`the form's ${name} is not a row count`);
  return n;
}

/** Reads the posted form (every field a string, none unknown: else it is malformed) and the button pressed. */
export function readStandardForm(body: unknown): { state: StandardFormState; action: EditorAction } {
  const b = (body ?? {}) as Record<string, unknown>;
  const known = new Set<string>(['_csrf', 'action', 'outcomes', ...STANDARD_FIELDS]);
  const text = (name: string): string => {
    const v = b[name];
    if (v === undefined) return '';
    if (typeof v !== 'string') throw new MalformedFormError(`the form sent ${name} more than once`);
    return v;
  };
  const n = count(b, 'outcomes', MAX_OUTCOMES);
  const outcomes: OutcomeRow[] = [];
  for (let i = 0; i < n; i++) {
    const m = count(b, `criteria-${i}`, MAX_CRITERIA);
    known.add(`criteria-${i}`).add(`outcome-${i}-code`).add(`outcome-${i}-description`);
    const criteria: CriterionRow[] = [];
    for (let j = 0; j < m; j++) {
      known.add(`outcome-${i}-criterion-${j}-code`).add(`outcome-${i}-criterion-${j}-description`);
      criteria.push({ code: text(`outcome-${i}-criterion-${j}-code`), description: text(`outcome-${i}-criterion-${j}-description`) });
    }
    outcomes.push({ code: text(`outcome-${i}-code`), description: text(`outcome-${i}-description`), criteria });
  }
  for (const key of Object.keys(b)) if (!known.has(key)) throw new MalformedFormError(`the form has no field ${key}`);
  const values = Object.fromEntries(STANDARD_FIELDS.map((f) => [f, text(f)])) as Record<StandardField, string>;
  return { state: { values, outcomes }, action: parseAction(text('action'), outcomes) };
}

function parseAction(action: string, outcomes: OutcomeRow[]): EditorAction {
  if (action === 'save' || action === '') return { kind: 'save' };
  if (action === 'publish') return { kind: 'publish' };
  if (action === 'add-outcome') return { kind: 'addOutcome' };
  let m = /^remove-outcome-(\d+)$/.exec(action);
  if (m && Number(m[1]) < outcomes.length) return { kind: 'removeOutcome', outcome: Number(m[1]) };
  m = /^add-criterion-(\d+)$/.exec(action);
  if (m && Number(m[1]) < outcomes.length) return { kind: 'addCriterion', outcome: Number(m[1]) };
  m = /^remove-criterion-(\d+)-(\d+)$/.exec(action);
  if (m && Number(m[1]) < outcomes.length && Number(m[2]) < outcomes[Number(m[1])]!.criteria.length) return { kind: 'removeCriterion', outcome: Number(m[1]), criterion: Number(m[2]) };
  throw new MalformedFormError(`the form has no button ${action}`);
}

/** The form with a row added or removed (the values of the other rows kept). */
export function withRowChange(state: StandardFormState, action: EditorAction): StandardFormState {
  const outcomes = state.outcomes.map((o) => ({ ...o, criteria: [...o.criteria] }));
  switch (action.kind) {
    case 'addOutcome':
      if (outcomes.length < MAX_OUTCOMES) outcomes.push(emptyOutcome());
      break;
    case 'removeOutcome':
      outcomes.splice(action.outcome, 1);
      break;
    case 'addCriterion':
      if (outcomes[action.outcome]!.criteria.length < MAX_CRITERIA) outcomes[action.outcome]!.criteria.push(emptyCriterion());
      break;
    case 'removeCriterion':
      outcomes[action.outcome]!.criteria.splice(action.criterion, 1);
      break;
    default:
      break;
  }
  return { values: state.values, outcomes };
}

/** A number as typed ("2,5" as a French reader writes it), or the text itself so the DTO's rule refuses it. */
function numberOf(text: string): number | string | undefined {
  const t = text.trim().replace(',', '.');
  if (!t) return undefined;
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : text;
}

/**
 * The API's input built from the form: the same DTO POST /standards and PATCH /standards/{id} take. The
 * specification's elements the form does not show are carried over from the stored one (`kept`), since the
 * service replaces the specification whole.
 */
export function standardDtoOf(state: StandardFormState, published: boolean, kept: StandardDetailResponse['microCredential'] = null): CreateStandardDto {
  const v = state.values;
  const optional = (t: string) => (t.trim() ? t : undefined);
  const credits = numberOf(v.credits);
  const kind = optional(v.standaloneKind);
  const plain = {
    code: v.code.trim(),
    title: v.title,
    description: v.description,
    eqfLevel: numberOf(v.eqfLevel),
    credits: credits ?? null,
    creditSystem: credits === undefined ? null : CreditSystem.Ects,
    workloadHours: numberOf(v.workloadHours),
    published,
    learningOutcomes: state.outcomes.map((o) => ({ code: o.code.trim(), description: o.description, criteria: o.criteria.map((c) => ({ code: c.code.trim(), description: c.description })) })),
    microCredential: {
      title: v.mcTitle,
      typeOfAssessment: v.typeOfAssessment,
      formOfParticipation: v.formOfParticipation,
      typeOfQualityAssurance: v.typeOfQualityAssurance,
      fullQualification: v.fullQualification === 'yes',
      ...(kept
        ? {
            learningSetting: kept.learningSetting,
            prerequisites: kept.prerequisites,
            supervisionAndIdentityVerification: kept.supervisionAndIdentityVerification,
            validityMonths: kept.validityMonths,
            stackableInto: kept.stackableInto,
            furtherInformation: kept.furtherInformation,
          }
        : {}),
      standaloneValue: kind
        ? {
            kind,
            statement: v.standaloneStatement,
            qualification:
              kind === StandaloneValueKind.LabourMarketNeed
                ? null
                : optional(v.qualificationTitle)
                  ? { title: v.qualificationTitle, ...(kept?.standaloneValue?.qualification?.reference ? { reference: kept.standaloneValue.qualification.reference } : {}) }
                  : undefined,
          }
        : null,
      accreditation:
        optional(v.accreditationBody) || optional(v.accreditationReference)
          ? { body: v.accreditationBody, reference: v.accreditationReference, ...(kept?.accreditation?.url ? { url: kept.accreditation.url } : {}) }
          : null,
    },
  };
  return plainToInstance(CreateStandardDto, plain);
}

/** Where each of the DTO's properties is on the form, and the catalogue's words for a mistake there. */
function fieldOf(path: string[]): { field: string; key: string } {
  const [head, ...rest] = path;
  const at = rest.join('.');
  switch (head) {
    case 'learningOutcomes': {
      const [i, prop, j, sub] = rest;
      if (i === undefined) return { field: 'outcomes', key: 'admin.standards.errors.outcomes' };
      if (prop === 'criteria' && j !== undefined) return { field: `outcome-${i}-criterion-${j}-${sub === 'code' ? 'code' : 'description'}`, key: sub === 'code' ? 'admin.standards.errors.code' : 'admin.standards.errors.required' };
      if (prop === 'criteria') return { field: `outcome-${i}-criteria`, key: 'admin.standards.errors.criteria' };
      if (prop === 'code') return { field: `outcome-${i}-code`, key: 'admin.standards.errors.code' };
      return { field: `outcome-${i}-description`, key: 'admin.standards.errors.required' };
    }
    case 'microCredential': {
      const map: Record<string, [string, string]> = {
        title: ['mcTitle', 'admin.standards.errors.required'],
        typeOfAssessment: ['typeOfAssessment', 'admin.standards.errors.required'],
        formOfParticipation: ['formOfParticipation', 'admin.standards.errors.choose'],
        typeOfQualityAssurance: ['typeOfQualityAssurance', 'admin.standards.errors.required'],
        fullQualification: ['fullQualification', 'admin.standards.errors.choose'],
        'standaloneValue.kind': ['standaloneKind', 'admin.standards.errors.choose'],
        'standaloneValue.statement': ['standaloneStatement', 'admin.standards.errors.required'],
        'standaloneValue.qualification': ['qualificationTitle', 'admin.standards.errors.qualification'],
        'standaloneValue.qualification.title': ['qualificationTitle', 'admin.standards.errors.qualification'],
        'accreditation.body': ['accreditationBody', 'admin.standards.errors.required'],
        'accreditation.reference': ['accreditationReference', 'admin.standards.errors.required'],
      };
      const [field, key] = map[at] ?? (at.startsWith('accreditation') ? ['accreditationBody', 'admin.standards.errors.required'] : ['mcTitle', 'admin.standards.errors.required']);
      return { field, key };
    }
    case 'code':
      return { field: 'code', key: 'admin.standards.errors.code' };
    case 'title':
      return { field: 'title', key: 'admin.standards.errors.title' };
    case 'description':
      return { field: 'description', key: 'admin.standards.errors.description' };
    case 'eqfLevel':
      return { field: 'eqfLevel', key: 'admin.standards.errors.eqfLevel' };
    case 'credits':
    case 'creditSystem':
      return { field: 'credits', key: 'admin.standards.errors.credits' };
    case 'workloadHours':
      return { field: 'workloadHours', key: 'admin.standards.errors.workloadHours' };
    default:
      return { field: 'code', key: 'admin.standards.errors.invalid' };
  }
}

function leaves(errors: ValidationError[], path: string[] = []): string[][] {
  return errors.flatMap((e) => {
    const here = [...path, e.property];
    return [...(e.constraints && Object.keys(e.constraints).length ? [here] : []), ...leaves(e.children ?? [], here)];
  });
}

/** The DTO's own rules on the form's input, each failure as a mistake next to its field (one per field). */
export async function standardFormMistakes(dto: CreateStandardDto, t: (key: string) => string): Promise<FieldError[]> {
  const problems = await validate(dto, { whitelist: true, forbidNonWhitelisted: true, validationError: { target: false, value: false } });
  const seen = new Map<string, string>();
  for (const path of leaves(problems)) {
    const { field, key } = fieldOf(path);
    if (!seen.has(field)) seen.set(field, t(key));
  }
  return [...seen].map(([field, message]) => ({ field, message }));
}

/** A failed micro-credential check ({ code, field }) next to the field it is about. */
export function conformanceMistake(failure: { code: string; field: string }, t: (key: string, values?: Record<string, unknown>) => string, ceiling: { ects: number; hours: number }): FieldError {
  const fields: Record<string, string> = {
    learningOutcomes: 'outcomes',
    'microCredential.fullQualification': 'fullQualification',
    'microCredential.standaloneValue': 'standaloneKind',
    'microCredential.typeOfQualityAssurance': 'typeOfQualityAssurance',
    'microCredential.accreditation': 'accreditationBody',
    credits: 'credits',
    workloadHours: 'workloadHours',
    microCredential: 'mcTitle',
  };
  const field = fields[failure.field] ?? (failure.field.startsWith('microCredential') ? 'mcTitle' : 'code');
  return { field, message: t(`admin.standards.conformance.${failure.code}`, { ects: ceiling.ects, hours: ceiling.hours }) };
}

export const PARTICIPATION_FORMS = Object.values(ParticipationForm);
export const STANDALONE_KINDS = Object.values(StandaloneValueKind);
