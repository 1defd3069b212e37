import { resolveProcessSettings } from '../../../../libs/domain';
import type { Alignment } from '../../../../libs/domain';
import type { CatalogueRow, DecidedCaseStats } from './catalogue.repository';
import type {
  CatalogueEntryResponse,
  CatalogueMethodResponse,
  CatalogueOutcomeResponse,
  CatalogueSummaryResponse,
  HowToStartResponse,
  TypicalDurationResponse,
} from './dto/catalogue.response';

/**
 * Closed cases a standard needs before the catalogue shows how long its process took (median and 80th percentile
 * from submission to decision). Below it a figure would describe a handful of people, not the process, and could
 * let a reader recognise them; the planned figures of the process settings are shown instead.
 */
export const TYPICAL_DURATION_MIN_CASES = 5;

const NO_CASES: DecidedCaseStats = { closedCases: 0, medianDays: null, p80Days: null };

const oneDecimal = (days: number) => Math.round(days * 10) / 10;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * How long the process usually takes on a standard: measured from `stats` once `closedCases` reaches
 * TYPICAL_DURATION_MIN_CASES; otherwise the planned figures of its resolved process settings (libs/domain/settings.ts).
 */
export function typicalDuration(row: CatalogueRow, stats: DecidedCaseStats = NO_CASES): TypicalDurationResponse {
  const settings = resolveProcessSettings(row.standard.awardingBody?.settings, row.standard.settings);
  const planned = { assessmentDays: settings.assessorSlaDays, evidenceRequestDays: settings.evidenceRequestDays, appealWindowDays: settings.appealWindowDays };
  const plan =
    `an assessor has ${plural(planned.assessmentDays, 'day')} to assess your portfolio once assigned; if more evidence is asked for, ` +
    `you have ${plural(planned.evidenceRequestDays, 'day')} to send it; after the decision you may appeal within ${plural(planned.appealWindowDays, 'day')}.`;
  const measured = stats.closedCases >= TYPICAL_DURATION_MIN_CASES && stats.medianDays !== null && stats.p80Days !== null;
  if (!measured) {
    return {
      basis: 'planned',
      closedCases: stats.closedCases,
      minimumCases: TYPICAL_DURATION_MIN_CASES,
      medianDays: null,
      p80Days: null,
      planned,
      summary: `Not enough closed cases yet to say how long it usually takes (${stats.closedCases} of the ${TYPICAL_DURATION_MIN_CASES} needed). As planned, ${plan}`,
    };
  }
  const median = oneDecimal(stats.medianDays!);
  const p80 = oneDecimal(stats.p80Days!);
  return {
    basis: 'measured',
    closedCases: stats.closedCases,
    minimumCases: TYPICAL_DURATION_MIN_CASES,
    medianDays: median,
    p80Days: p80,
    planned,
    summary: `Half of the ${stats.closedCases} closed cases were decided within ${median} days of submission, four in five within ${p80} days.`,
  };
}

/** The catalogue entry's address, relative to the API. */
export const entryPath = (id: string) => `/catalogue/${id}`;

export function toSummary(row: CatalogueRow, stats?: DecidedCaseStats): CatalogueSummaryResponse {
  const s = row.standard;
  return {
    id: s.id,
    code: s.code,
    title: s.title,
    description: s.description,
    awardingBody: { id: s.awardingBodyId, name: s.awardingBody!.name, country: s.awardingBody!.country },
    eqfLevel: s.eqfLevel,
    nqfLevel: s.nqfLevel,
    credits: s.credits,
    creditSystem: s.creditSystem,
    workloadHours: s.workloadHours,
    languages: [...s.languages],
    microCredentialTitle: row.spec?.title ?? null,
    typicalDuration: typicalDuration(row, stats),
    href: entryPath(s.id),
  };
}

const alignmentsOf = (list: readonly Alignment[] | null | undefined) => (list ?? []).map((a) => ({ kind: a.kind, uri: a.uri, title: a.title }));

/**
 * Which methods assess which outcomes: an outcome's `assessmentMethods` names method codes; an empty list means
 * every method of the standard assesses it (learning_outcome.assessment_methods, 1765500000000).
 */
export function assessmentMap(row: CatalogueRow): { outcomes: CatalogueOutcomeResponse[]; methods: CatalogueMethodResponse[] } {
  const methods = row.standard.assessmentMethods ?? [];
  const codes = methods.map((m) => m.code);
  const outcomes = (row.standard.learningOutcomes ?? []).map((o) => ({
    id: o.id,
    code: o.code,
    description: o.description,
    criteria: (o.criteria ?? []).map((c) => ({ code: c.code, description: c.description })),
    assessedBy: o.assessmentMethods.length ? codes.filter((c) => o.assessmentMethods.includes(c)) : codes,
    alignments: alignmentsOf(o.alignments),
  }));
  return {
    outcomes,
    methods: methods.map((m) => ({ code: m.code, type: m.type, description: m.description, assesses: outcomes.filter((o) => o.assessedBy.includes(m.code)).map((o) => o.code) })),
  };
}

export function howToStart(standardId: string): HowToStartResponse {
  return {
    steps: [
      'Create an account (POST /auth/register), or sign in if you have one (POST /auth/login).',
      `Open a case on this standard (POST /cases with {"standardId": "${standardId}"}): it starts as a draft only you see.`,
      'Assess yourself against each learning outcome and add your evidence: documents, recordings, attestations, credentials you hold.',
      'Submit when you are ready. An assessor of the awarding body reviews it, may ask for more, and the body decides.',
    ],
    signUp: { method: 'POST', path: '/auth/register' },
    signIn: { method: 'POST', path: '/auth/login' },
    startCase: { method: 'POST', path: '/cases' },
    standardId,
  };
}

export function toEntry(row: CatalogueRow, stats?: DecidedCaseStats): CatalogueEntryResponse {
  const s = row.standard;
  const spec = row.spec;
  const { outcomes, methods } = assessmentMap(row);
  const standalone = spec?.standaloneValue ?? null;
  return {
    ...toSummary(row, stats),
    version: s.version,
    updatedAt: s.updatedAt.toISOString(),
    microCredential: spec
      ? {
          title: spec.title,
          typeOfAssessment: spec.typeOfAssessment,
          formOfParticipation: spec.formOfParticipation,
          learningSetting: spec.learningSetting,
          typeOfQualityAssurance: spec.typeOfQualityAssurance,
          prerequisites: spec.prerequisites,
          standaloneValue: standalone
            ? {
                kind: standalone.kind,
                qualification: standalone.qualification ? [standalone.qualification.title, standalone.qualification.reference].filter(Boolean).join(', ') : null,
                statement: standalone.statement,
              }
            : null,
          accreditation: spec.accreditation ? { body: spec.accreditation.body, reference: spec.accreditation.reference, url: spec.accreditation.url ?? null } : null,
          validityMonths: spec.validityMonths,
        }
      : null,
    learningOutcomes: outcomes,
    assessmentMethods: methods,
    alignments: alignmentsOf(s.alignments),
    howToStart: howToStart(s.id),
  };
}
