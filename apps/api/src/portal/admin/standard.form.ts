import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { ValidationError } from 'class-validator';
import {
  AlignmentKind,
  AssessmentMethodType,
  CreditSystem,
  DEFAULT_PROCESS_SETTINGS,
  LearningSetting,
  NoShowRule,
  ParticipationForm,
  processSettingsProblems,
  SETTING_DAYS_MAX,
  SETTING_DAYS_MIN,
  StandaloneValueKind,
} from '../../../../../libs/domain';
import type { ProcessSettings, ProcessSettingsOverrides } from '../../../../../libs/domain';
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
  /** Codes of the standard's assessment methods that assess the outcome, as typed (blank: all of them). */
  methods: string;
  criteria: CriterionRow[];
}
export interface MethodRow {
  code: string;
  type: string;
  description: string;
}
export interface AlignmentRow {
  kind: string;
  uri: string;
  title: string;
}
export interface StackableRow {
  title: string;
  reference: string;
}

export const STANDARD_FIELDS = [
  'code',
  'title',
  'description',
  'eqfLevel',
  'nqfLevel',
  'credits',
  'creditSystem',
  'workloadHours',
  'languages',
  'mcTitle',
  'typeOfAssessment',
  'formOfParticipation',
  'learningSetting',
  'typeOfQualityAssurance',
  'fullQualification',
  'standaloneKind',
  'qualificationTitle',
  'qualificationReference',
  'standaloneStatement',
  'accreditationBody',
  'accreditationReference',
  'accreditationUrl',
  'prerequisites',
  'supervision',
  'validityMonths',
  'furtherInformation',
] as const;
export type StandardField = (typeof STANDARD_FIELDS)[number];

/** The process settings a standard may override (libs/domain ProcessSettings), each a field `setting-<key>`; blank: the body's. */
export const SETTING_KEYS = Object.keys(DEFAULT_PROCESS_SETTINGS) as (keyof ProcessSettings)[];
export const settingField = (key: string) => `setting-${key}`;

export interface StandardFormState {
  values: Record<StandardField, string>;
  settings: Record<string, string>;
  outcomes: OutcomeRow[];
  methods: MethodRow[];
  alignments: AlignmentRow[];
  stackables: StackableRow[];
}

/** The rows a form repeats besides outcomes: the hidden field with their number, their fields, their buttons' name. */
const GROUPS = {
  methods: { count: 'methods', prefix: 'method', fields: ['code', 'type', 'description'], max: 20 },
  alignments: { count: 'alignments', prefix: 'alignment', fields: ['kind', 'uri', 'title'], max: 50 },
  stackables: { count: 'stackables', prefix: 'stackable', fields: ['title', 'reference'], max: 20 },
} as const;
export type Group = keyof typeof GROUPS;
const GROUP_BY_PREFIX = Object.fromEntries(Object.entries(GROUPS).map(([g, d]) => [d.prefix, g as Group])) as Record<string, Group>;

/** What the person asked for with the button they pressed. */
export type EditorAction =
  | { kind: 'save' }
  | { kind: 'publish' }
  | { kind: 'addOutcome' }
  | { kind: 'removeOutcome'; outcome: number }
  | { kind: 'addCriterion'; outcome: number }
  | { kind: 'removeCriterion'; outcome: number; criterion: number }
  | { kind: 'addRow'; group: Group }
  | { kind: 'removeRow'; group: Group; row: number };

const MAX_OUTCOMES = 100;
const MAX_CRITERIA = 50;

const emptyCriterion = (): CriterionRow => ({ code: '', description: '' });
const emptyOutcome = (): OutcomeRow => ({ code: '', description: '', methods: '', criteria: [emptyCriterion()] });
const emptyRow = <G extends Group>(group: G): StandardFormState[G][number] => Object.fromEntries(GROUPS[group].fields.map((f) => [f, ''])) as unknown as StandardFormState[G][number];
/** A row left blank: not sent to the API, so blank rows may stand ready in the form. */
const blank = (row: object) => Object.values(row).every((v) => typeof v !== 'string' || !v.trim());

export function blankStandardForm(): StandardFormState {
  // most standards count in ECTS: chosen until the admin says otherwise
  const values = { ...Object.fromEntries(STANDARD_FIELDS.map((f) => [f, ''])), creditSystem: CreditSystem.Ects } as Record<StandardField, string>;
  const settings = Object.fromEntries(SETTING_KEYS.map((k) => [k, '']));
  return { values, settings, outcomes: [emptyOutcome()], methods: [emptyRow('methods')], alignments: [emptyRow('alignments')], stackables: [emptyRow('stackables')] };
}

/** A stored standard as the form shows it (with a blank row ready in each list that has none). */
export function standardFormOf(s: StandardDetailResponse): StandardFormState {
  const mc = s.microCredential;
  const text = (v: string | number | null | undefined) => (v === null || v === undefined ? '' : String(v));
  const values: Record<StandardField, string> = {
    code: s.code,
    title: s.title,
    description: s.description,
    eqfLevel: String(s.eqfLevel),
    nqfLevel: text(s.nqfLevel),
    credits: text(s.credits),
    creditSystem: s.creditSystem ?? CreditSystem.Ects,
    workloadHours: String(s.workloadHours),
    languages: s.languages.join(', '),
    mcTitle: mc?.title ?? '',
    typeOfAssessment: mc?.typeOfAssessment ?? '',
    formOfParticipation: mc?.formOfParticipation ?? '',
    learningSetting: mc?.learningSetting ?? '',
    typeOfQualityAssurance: mc?.typeOfQualityAssurance ?? '',
    fullQualification: mc?.fullQualification ? 'yes' : '',
    standaloneKind: mc?.standaloneValue?.kind ?? '',
    qualificationTitle: mc?.standaloneValue?.qualification?.title ?? '',
    qualificationReference: mc?.standaloneValue?.qualification?.reference ?? '',
    standaloneStatement: mc?.standaloneValue?.statement ?? '',
    accreditationBody: mc?.accreditation?.body ?? '',
    accreditationReference: mc?.accreditation?.reference ?? '',
    accreditationUrl: mc?.accreditation?.url ?? '',
    prerequisites: mc?.prerequisites ?? '',
    supervision: mc?.supervisionAndIdentityVerification ?? '',
    validityMonths: text(mc?.validityMonths),
    furtherInformation: mc?.furtherInformation ?? '',
  };
  const settings = settingTexts(s.settings as Record<string, unknown>);
  const outcomes = s.learningOutcomes.map((o) => ({
    code: o.code,
    description: o.description,
    methods: o.assessmentMethods.join(', '),
    criteria: o.criteria.map((c) => ({ code: c.code, description: c.description })),
  }));
  const orBlank = <G extends Group>(group: G, rows: StandardFormState[G]) => (rows.length ? rows : [emptyRow(group)]);
  return {
    values,
    settings,
    outcomes: outcomes.length ? outcomes : [emptyOutcome()],
    methods: orBlank('methods', s.assessmentMethods.map((m) => ({ code: m.code, type: m.type, description: m.description }))),
    alignments: orBlank('alignments', s.alignments.map((a) => ({ kind: a.kind, uri: a.uri, title: a.title }))),
    stackables: orBlank('stackables', (mc?.stackableInto ?? []).map((x) => ({ title: x.title, reference: x.reference ?? '' }))),
  };
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
  const known = new Set<string>(['_csrf', 'action', 'outcomes', ...STANDARD_FIELDS, ...SETTING_KEYS.map(settingField)]);
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
    known.add(`criteria-${i}`).add(`outcome-${i}-code`).add(`outcome-${i}-description`).add(`outcome-${i}-methods`);
    const criteria: CriterionRow[] = [];
    for (let j = 0; j < m; j++) {
      known.add(`outcome-${i}-criterion-${j}-code`).add(`outcome-${i}-criterion-${j}-description`);
      criteria.push({ code: text(`outcome-${i}-criterion-${j}-code`), description: text(`outcome-${i}-criterion-${j}-description`) });
    }
    outcomes.push({ code: text(`outcome-${i}-code`), description: text(`outcome-${i}-description`), methods: text(`outcome-${i}-methods`), criteria });
  }
  const rows = <G extends Group>(group: G): StandardFormState[G] => {
    const { count: countField, prefix, fields, max } = GROUPS[group];
    known.add(countField);
    // a form from before the group existed has no count: no rows
    const k = b[countField] === undefined ? 0 : count(b, countField, max);
    return Array.from({ length: k }, (_, r) =>
      Object.fromEntries(
        fields.map((f) => {
          known.add(`${prefix}-${r}-${f}`);
          return [f, text(`${prefix}-${r}-${f}`)];
        }),
      ),
    ) as unknown as StandardFormState[G];
  };
  const methods = rows('methods');
  const alignments = rows('alignments');
  const stackables = rows('stackables');
  for (const key of Object.keys(b)) if (!known.has(key)) throw new MalformedFormError(`the form has no field ${key}`);
  const values = Object.fromEntries(STANDARD_FIELDS.map((f) => [f, text(f)])) as Record<StandardField, string>;
  const settings = Object.fromEntries(SETTING_KEYS.map((k) => [k, text(settingField(k))]));
  const state: StandardFormState = { values, settings, outcomes, methods, alignments, stackables };
  return { state, action: parseAction(text('action'), state) };
}

function parseAction(action: string, state: StandardFormState): EditorAction {
  const { outcomes } = state;
  if (action === 'save' || action === '') return { kind: 'save' };
  if (action === 'publish') return { kind: 'publish' };
  if (action === 'add-outcome') return { kind: 'addOutcome' };
  let m = /^remove-outcome-(\d+)$/.exec(action);
  if (m && Number(m[1]) < outcomes.length) return { kind: 'removeOutcome', outcome: Number(m[1]) };
  m = /^add-criterion-(\d+)$/.exec(action);
  if (m && Number(m[1]) < outcomes.length) return { kind: 'addCriterion', outcome: Number(m[1]) };
  m = /^remove-criterion-(\d+)-(\d+)$/.exec(action);
  if (m && Number(m[1]) < outcomes.length && Number(m[2]) < outcomes[Number(m[1])]!.criteria.length) return { kind: 'removeCriterion', outcome: Number(m[1]), criterion: Number(m[2]) };
  m = /^add-(method|alignment|stackable)$/.exec(action);
  if (m) return { kind: 'addRow', group: GROUP_BY_PREFIX[m[1]!]! };
  m = /^remove-(method|alignment|stackable)-(\d+)$/.exec(action);
  if (m && Number(m[2]) < state[GROUP_BY_PREFIX[m[1]!]!].length) return { kind: 'removeRow', group: GROUP_BY_PREFIX[m[1]!]!, row: Number(m[2]) };
  throw new MalformedFormError(`the form has no button ${action}`);
}

/** The form with a row added or removed (the values of the other rows kept). */
export function withRowChange(state: StandardFormState, action: EditorAction): StandardFormState {
  const outcomes = state.outcomes.map((o) => ({ ...o, criteria: [...o.criteria] }));
  const next: StandardFormState = { ...state, outcomes, methods: [...state.methods], alignments: [...state.alignments], stackables: [...state.stackables] };
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
    case 'addRow':
      if (next[action.group].length < GROUPS[action.group].max) (next[action.group] as object[]).push(emptyRow(action.group));
      break;
    case 'removeRow':
      next[action.group].splice(action.row, 1);
      break;
    default:
      break;
  }
  return next;
}

/** A number as typed ("2,5" as a French reader writes it), or the text itself so the DTO's rule refuses it. */
function numberOf(text: string): number | string | undefined {
  const t = text.trim().replace(',', '.');
  if (!t) return undefined;
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : text;
}

/** The rows of a list that are not blank, each with its place in the form (the API's index is its place here). */
function filled<T extends object>(rows: T[]): { row: T; at: number }[] {
  return rows.map((row, at) => ({ row, at })).filter(({ row }) => !blank(row));
}

/** A list typed in one field ("en, fr" or "INT OBS"): its items. */
const items = (text: string) => text.split(/[\s,;]+/).filter(Boolean);

/** Process settings typed in the fields setting-<key> (a standard's, or the body's own): a blank field sets nothing. */
export function settingsFromTexts(texts: Record<string, string>): Record<string, unknown> {
  const settings: Record<string, unknown> = {};
  for (const key of SETTING_KEYS) {
    const text = texts[key]?.trim() ?? '';
    if (!text) continue;
    const kind = typeof DEFAULT_PROCESS_SETTINGS[key];
    // a yes/no that is neither stays text, which settingsMistakes refuses as not one of the choices
    settings[key] = kind === 'boolean' ? ({ yes: true, no: false }[text] ?? text) : kind === 'number' ? numberOf(text) : text;
  }
  return settings;
}

/** The standard's own process settings from the form: a blank field leaves the body's setting. */
const settingsOf = (state: StandardFormState) => settingsFromTexts(state.settings);

/** Process settings as the fields setting-<key> show them (yes/no for a choice); an unset one blank. */
export function settingTexts(stored: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    SETTING_KEYS.map((k) => {
      const v = stored[k];
      return [k, typeof v === 'boolean' ? (v ? 'yes' : 'no') : typeof v === 'number' || typeof v === 'string' ? String(v) : ''];
    }),
  );
}

/** A setting's field on a page: its name, words, value, mistake and, for a choice, the options. */
export function settingRows(texts: Record<string, string>, error: (field: string) => string | null) {
  return SETTING_KEYS.map((key) => {
    const value = texts[key] ?? '';
    const choices = key === 'requireAdmissibility' ? ['yes', 'no'] : key === 'sessionNoShowRule' ? NO_SHOW_RULES : null;
    return {
      key,
      name: settingField(key),
      labelKey: `admin.standards.setting.${key}`,
      hintKey: `admin.standards.settingUnit.${settingUnit(key)}`,
      value,
      error: error(settingField(key)),
      choices: choices ? choices.map((c) => ({ value: c, labelKey: `admin.standards.settingChoice.${key}.${c}`, selected: c === value })) : null,
    };
  });
}

/**
 * The mistakes in the settings fields, each next to its field: a value of the wrong kind, else the domain's
 * bounds and order (libs/domain processSettingsProblems). `beforeKeys` words the order rules for the page: a blank
 * field stands for the body's setting on a standard, for the default on the body's own page.
 */
export function settingsMistakes(texts: Record<string, string>, beforeKeys: string): { field: string; key: string; values?: Record<string, unknown> }[] {
  const found: { field: string; key: string; values?: Record<string, unknown> }[] = [];
  const settings = settingsFromTexts(texts);
  const typed = SETTING_KEYS.filter((k) => settings[k] !== undefined && typeof settings[k] !== typeof DEFAULT_PROCESS_SETTINGS[k]);
  for (const key of typed) found.push({ field: settingField(key), key: typeof DEFAULT_PROCESS_SETTINGS[key] === 'number' ? 'admin.standards.errors.setting.number' : 'admin.standards.errors.choose' });
  if (!typed.length) {
    // in the form's order of the settings, as a reader meets them
    const order = (problem: string) => SETTING_KEYS.findIndex((k) => problem.startsWith(k));
    for (const problem of processSettingsProblems(settings as ProcessSettingsOverrides).sort((x, y) => order(x) - order(y))) {
      const mistake = settingMistake(problem, beforeKeys);
      found.push(mistake ? { field: settingField(mistake.key), key: mistake.message, values: { min: SETTING_DAYS_MIN, max: SETTING_DAYS_MAX } } : { field: 'settings', key: 'admin.standards.errors.invalid' });
    }
  }
  return found;
}

/**
 * The API's input built from the form: the same DTO POST /standards and PATCH /standards/{id} take. What the form
 * does not show (the alignments of each learning outcome) is carried over from the stored standard (`stored`), an
 * outcome's by its code, since the service replaces lists whole.
 */
export function standardDtoOf(state: StandardFormState, published: boolean, stored: StandardDetailResponse | null = null): CreateStandardDto {
  const v = state.values;
  const optional = (t: string) => (t.trim() ? t : undefined);
  const credits = numberOf(v.credits);
  const kind = optional(v.standaloneKind);
  const storedOutcomes = new Map((stored?.learningOutcomes ?? []).map((o) => [o.code, o]));
  const languages = items(v.languages.toLowerCase());
  const plain = {
    code: v.code.trim(),
    title: v.title,
    description: v.description,
    eqfLevel: numberOf(v.eqfLevel),
    nqfLevel: numberOf(v.nqfLevel) ?? null,
    credits: credits ?? null,
    // the system the admin chose (a blank one is told next to its field); none without credits
    creditSystem: credits === undefined ? null : (optional(v.creditSystem) ?? null),
    workloadHours: numberOf(v.workloadHours),
    settings: settingsOf(state),
    ...(languages.length ? { languages } : {}),
    assessmentMethods: filled(state.methods).map(({ row }) => ({ code: row.code.trim(), type: row.type, description: row.description })),
    alignments: filled(state.alignments).map(({ row }) => ({ kind: row.kind, uri: row.uri.trim(), title: row.title })),
    published,
    learningOutcomes: state.outcomes.map((o) => ({
      code: o.code.trim(),
      description: o.description,
      assessmentMethods: items(o.methods),
      alignments: (storedOutcomes.get(o.code.trim())?.alignments ?? []).map((a) => ({ kind: a.kind, uri: a.uri, title: a.title })),
      criteria: o.criteria.map((c) => ({ code: c.code.trim(), description: c.description })),
    })),
    microCredential: {
      title: v.mcTitle,
      typeOfAssessment: v.typeOfAssessment,
      formOfParticipation: v.formOfParticipation,
      ...(optional(v.learningSetting) ? { learningSetting: v.learningSetting } : {}),
      typeOfQualityAssurance: v.typeOfQualityAssurance,
      fullQualification: v.fullQualification === 'yes',
      prerequisites: optional(v.prerequisites) ?? null,
      supervisionAndIdentityVerification: optional(v.supervision) ?? null,
      validityMonths: numberOf(v.validityMonths) ?? null,
      furtherInformation: optional(v.furtherInformation) ?? null,
      stackableInto: filled(state.stackables).map(({ row }) => ({ title: row.title, ...(optional(row.reference) ? { reference: row.reference.trim() } : {}) })),
      standaloneValue: kind
        ? {
            kind,
            statement: v.standaloneStatement,
            qualification:
              kind === StandaloneValueKind.LabourMarketNeed
                ? null
                : optional(v.qualificationTitle) || optional(v.qualificationReference)
                  ? { title: v.qualificationTitle, ...(optional(v.qualificationReference) ? { reference: v.qualificationReference.trim() } : {}) }
                  : undefined,
          }
        : null,
      accreditation:
        optional(v.accreditationBody) || optional(v.accreditationReference) || optional(v.accreditationUrl)
          ? { body: v.accreditationBody, reference: v.accreditationReference, ...(optional(v.accreditationUrl) ? { url: v.accreditationUrl.trim() } : {}) }
          : null,
    },
  };
  return plainToInstance(CreateStandardDto, plain);
}

/** Where each of the DTO's properties is on the form, and the catalogue's words for a mistake there. */
function fieldOf(path: string[], state: StandardFormState): { field: string; key: string } {
  const [head, ...rest] = path;
  const at = rest.join('.');
  // the API's index of a row of a list is its place among the rows not left blank
  const row = (group: Group, index: string | undefined) => filled<object>(state[group])[Number(index)]?.at ?? 0;
  switch (head) {
    case 'learningOutcomes': {
      const [i, prop, j, sub] = rest;
      if (i === undefined) return { field: 'outcomes', key: 'admin.standards.errors.outcomes' };
      if (prop === 'criteria' && j !== undefined) return { field: `outcome-${i}-criterion-${j}-${sub === 'code' ? 'code' : 'description'}`, key: sub === 'code' ? 'admin.standards.errors.code' : 'admin.standards.errors.required' };
      if (prop === 'criteria') return { field: `outcome-${i}-criteria`, key: 'admin.standards.errors.criteria' };
      if (prop === 'assessmentMethods') return { field: `outcome-${i}-methods`, key: 'admin.standards.errors.outcomeMethods' };
      if (prop === 'code') return { field: `outcome-${i}-code`, key: 'admin.standards.errors.code' };
      return { field: `outcome-${i}-description`, key: 'admin.standards.errors.required' };
    }
    case 'assessmentMethods': {
      const [i, prop] = rest;
      const r = row('methods', i);
      if (prop === 'code') return { field: `method-${r}-code`, key: 'admin.standards.errors.methodCode' };
      if (prop === 'type') return { field: `method-${r}-type`, key: 'admin.standards.errors.choose' };
      return { field: `method-${r}-description`, key: 'admin.standards.errors.required' };
    }
    case 'alignments': {
      const [i, prop] = rest;
      const r = row('alignments', i);
      if (prop === 'kind') return { field: `alignment-${r}-kind`, key: 'admin.standards.errors.choose' };
      if (prop === 'uri') return { field: `alignment-${r}-uri`, key: 'admin.standards.errors.alignmentUri' };
      return { field: `alignment-${r}-title`, key: 'admin.standards.errors.required' };
    }
    case 'microCredential': {
      if (rest[0] === 'stackableInto') {
        const r = row('stackables', rest[1]);
        return rest[2] === 'reference' ? { field: `stackable-${r}-reference`, key: 'admin.standards.errors.tooLong' } : { field: `stackable-${r}-title`, key: 'admin.standards.errors.required' };
      }
      const map: Record<string, [string, string]> = {
        title: ['mcTitle', 'admin.standards.errors.required'],
        typeOfAssessment: ['typeOfAssessment', 'admin.standards.errors.required'],
        formOfParticipation: ['formOfParticipation', 'admin.standards.errors.choose'],
        learningSetting: ['learningSetting', 'admin.standards.errors.choose'],
        typeOfQualityAssurance: ['typeOfQualityAssurance', 'admin.standards.errors.required'],
        fullQualification: ['fullQualification', 'admin.standards.errors.choose'],
        prerequisites: ['prerequisites', 'admin.standards.errors.tooLong'],
        supervisionAndIdentityVerification: ['supervision', 'admin.standards.errors.tooLong'],
        validityMonths: ['validityMonths', 'admin.standards.errors.validityMonths'],
        furtherInformation: ['furtherInformation', 'admin.standards.errors.tooLong'],
        'standaloneValue.kind': ['standaloneKind', 'admin.standards.errors.choose'],
        'standaloneValue.statement': ['standaloneStatement', 'admin.standards.errors.required'],
        'standaloneValue.qualification': ['qualificationTitle', 'admin.standards.errors.qualification'],
        'standaloneValue.qualification.title': ['qualificationTitle', 'admin.standards.errors.qualification'],
        'standaloneValue.qualification.reference': ['qualificationReference', 'admin.standards.errors.tooLong'],
        'accreditation.body': ['accreditationBody', 'admin.standards.errors.required'],
        'accreditation.reference': ['accreditationReference', 'admin.standards.errors.required'],
        'accreditation.url': ['accreditationUrl', 'admin.standards.errors.url'],
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
    case 'nqfLevel':
      return { field: 'nqfLevel', key: 'admin.standards.errors.nqfLevel' };
    case 'languages':
      return { field: 'languages', key: 'admin.standards.errors.languages' };
    case 'credits':
      return { field: 'credits', key: 'admin.standards.errors.credits' };
    case 'creditSystem':
      return { field: 'creditSystem', key: 'admin.standards.errors.choose' };
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

const duplicated = (values: string[]) => values.map((v, i) => !!v && values.indexOf(v) !== i);

/** Which catalogue sentence says what is wrong with a setting, from the domain's rule that it broke. */
function settingMistake(problem: string, beforeKeys: string): { key: keyof ProcessSettings; message: string } | null {
  const named = SETTING_KEYS.find((k) => problem.startsWith(k));
  if (!named) return null;
  if (/must be less than/.test(problem)) return { key: named, message: `${beforeKeys}.${named}` };
  if (named === 'borderlineLow') return { key: named, message: 'admin.standards.errors.setting.borderline' };
  // a value not in a choice's list (only a tampered form sends one)
  if (SETTING_UNITS[named] === 'choice') return { key: named, message: 'admin.standards.errors.choose' };
  return { key: named, message: `admin.standards.errors.setting.range.${SETTING_UNITS[named]}` };
}

/**
 * The service's own checks of the lists (codes used twice, an outcome naming a method the standard lacks, a
 * setting out of bounds: libs/domain) on the form, each next to its field in the catalogue's words, so the service
 * never has to refuse the form with its English sentences.
 */
function listMistakes(state: StandardFormState): { field: string; key: string; values?: Record<string, unknown> }[] {
  const found: { field: string; key: string; values?: Record<string, unknown> }[] = [];
  duplicated(state.outcomes.map((o) => o.code.trim())).forEach((d, i) => d && found.push({ field: `outcome-${i}-code`, key: 'admin.standards.errors.codeTwice' }));
  state.outcomes.forEach((o, i) => duplicated(o.criteria.map((c) => c.code.trim())).forEach((d, j) => d && found.push({ field: `outcome-${i}-criterion-${j}-code`, key: 'admin.standards.errors.codeTwice' })));
  const methods = filled(state.methods);
  const methodCodes = methods.map(({ row }) => row.code.trim());
  duplicated(methodCodes).forEach((d, k) => d && found.push({ field: `method-${methods[k]!.at}-code`, key: 'admin.standards.errors.codeTwice' }));
  state.outcomes.forEach((o, i) => {
    const named = items(o.methods);
    const unknown = named.filter((c) => !methodCodes.includes(c));
    if (unknown.length) found.push({ field: `outcome-${i}-methods`, key: 'admin.standards.errors.unknownMethod', values: { codes: unknown.join(', ') } });
    else if (duplicated(named).some(Boolean)) found.push({ field: `outcome-${i}-methods`, key: 'admin.standards.errors.methodTwice' });
  });
  if (state.values.credits.trim() && !state.values.creditSystem.trim()) found.push({ field: 'creditSystem', key: 'admin.standards.errors.creditSystem' });
  if (duplicated(items(state.values.languages.toLowerCase())).some(Boolean)) found.push({ field: 'languages', key: 'admin.standards.errors.languageTwice' });
  const alignments = filled(state.alignments);
  duplicated(alignments.map(({ row }) => `${row.kind} ${row.uri.trim()}`)).forEach((d, k) => d && found.push({ field: `alignment-${alignments[k]!.at}-uri`, key: 'admin.standards.errors.alignmentTwice' }));
  found.push(...settingsMistakes(state.settings, 'admin.standards.errors.setting.before'));
  return found;
}

/** The unit a numeric setting is counted in, which names its bounds (libs/domain processSettingsProblems). */
const SETTING_UNITS: Record<keyof ProcessSettings, string> = {
  evidenceRequestDays: 'days',
  assessorSlaDays: 'days',
  assessorReminderDays: 'days',
  appealWindowDays: 'days',
  inactivityReminderDays: 'days',
  inactivityLapseDays: 'days',
  reopenWindowDays: 'days',
  requireAdmissibility: 'choice',
  moderationSampleRate: 'share',
  borderlineLow: 'share',
  borderlineHigh: 'share',
  assessorRetryDays: 'days',
  sessionNoticeMinutes: 'minutes',
  sessionReminderHours: 'hours',
  sessionResultDays: 'days',
  sessionRescheduleLimit: 'times',
  sessionNoShowRule: 'choice',
};
export const settingUnit = (key: keyof ProcessSettings) => SETTING_UNITS[key];

/** The DTO's own rules, then the service's list rules, on the form's input: each failure next to its field (one per field). */
export async function standardFormMistakes(dto: CreateStandardDto, state: StandardFormState, t: (key: string, values?: Record<string, unknown>) => string): Promise<FieldError[]> {
  const problems = await validate(dto, { whitelist: true, forbidNonWhitelisted: true, validationError: { target: false, value: false } });
  const seen = new Map<string, string>();
  for (const path of leaves(problems)) {
    const { field, key } = fieldOf(path, state);
    if (!seen.has(field)) seen.set(field, t(key));
  }
  for (const { field, key, values } of listMistakes(state)) if (!seen.has(field)) seen.set(field, t(key, values));
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

export const CREDIT_SYSTEMS = Object.values(CreditSystem);
export const PARTICIPATION_FORMS = Object.values(ParticipationForm);
export const STANDALONE_KINDS = Object.values(StandaloneValueKind);
export const LEARNING_SETTINGS = Object.values(LearningSetting);
export const METHOD_TYPES = Object.values(AssessmentMethodType);
export const ALIGNMENT_KINDS = Object.values(AlignmentKind);
export const NO_SHOW_RULES = Object.values(NoShowRule);
