import { ALIGNMENT_TYPES, elementConcepts, EQF_FRAMEWORK, escoSkill, EUROPASS_EDC_CONTEXT_URL, OPEN_BADGES_CONTEXT, VC_V2_CONTEXT } from '../../../../libs/credentials';
import type { VocabularyConcept } from '../../../../libs/credentials';
import { ALIGNMENT_TARGET_TYPES, AlignmentKind } from '../../../../libs/domain';
import type { Alignment } from '../../../../libs/domain';
import { bodyDid } from '../../../../libs/issuance/did-web';
import { credentialUrls } from '../../../../libs/issuance/urls';
import { assessmentMap, entryPath, howToStart, typicalDuration } from './catalogue-entry';
import type { CatalogueRow, DecidedCaseStats } from './catalogue.repository';

/**
 * The catalogue as open data (docs/catalogue.md#open-data-feeds): each published standard as a European Learning
 * Model 3 LearningOpportunity (JSON-LD, the EDC application profile context, the LOQ profile's shapes) and as an
 * Open Badges 3.0 Achievement. Ids are the public URLs the issued credentials already name (libs/issuance/urls.ts),
 * so a harvested entry and a credential awarded on it point at the same achievement.
 */

/** Standards are written in English today, as the credentials issued on them say (credential-issuer.ts). */
export const TEXT_LANGUAGE = 'en';

// the EU language authority (http://publications.europa.eu/resource/authority/language) for the EU's official languages
const LANGUAGE_AUTHORITY: Record<string, string> = {
  bg: 'BUL', cs: 'CES', da: 'DAN', de: 'DEU', el: 'ELL', en: 'ENG', es: 'SPA', et: 'EST', fi: 'FIN', fr: 'FRA', ga: 'GLE', hr: 'HRV',
  hu: 'HUN', it: 'ITA', lt: 'LIT', lv: 'LAV', mt: 'MLT', nl: 'NLD', pl: 'POL', pt: 'POR', ro: 'RON', sk: 'SLK', sl: 'SLV', sv: 'SWE',
};
const LANGUAGE_SCHEME = 'http://publications.europa.eu/resource/authority/language';

/** An ISO 639-1 code as a concept of the EU language authority list (MUL, "multiple languages", when not an EU language). */
export function languageConcept(code: string): Record<string, unknown> {
  return { id: `${LANGUAGE_SCHEME}/${LANGUAGE_AUTHORITY[code] ?? 'MUL'}`, type: 'Concept', inScheme: { id: LANGUAGE_SCHEME, type: 'ConceptScheme' }, notation: code };
}

const text = (value: string) => ({ [TEXT_LANGUAGE]: value });

// the EDC context coerces dateModified (dc:modified) to an IRI: a typed value object keeps it a date
const modified = (at: Date) => ({ '@value': at.toISOString(), '@type': 'xsd:dateTime' });

function concept(c: VocabularyConcept): Record<string, unknown> {
  return { id: c.id, type: 'Concept', inScheme: { id: c.scheme, type: 'ConceptScheme' }, prefLabel: text(c.label) };
}

function note(id: string, literal: string, subject?: string): Record<string, unknown> {
  return { id, type: 'Note', noteLiteral: text(literal), ...(subject ? { subject: { id: `${id}-subject`, type: 'Concept', prefLabel: text(subject) } } : {}) };
}



const listed = (list: readonly Alignment[] | null | undefined, kind: AlignmentKind) => ofKind(list, kind).map((a) => `${a.title} (${a.uri})`).join('; ');

const METHOD_TITLES: Record<string, string> = {
  portfolio: 'Portfolio review',
  interview: 'Interview',
  observation: 'Observation at work',
  simulation: 'Practical simulation',
  test: 'Test',
  jury: 'Jury',
};

const ofKind = (list: readonly Alignment[] | null | undefined, kind: AlignmentKind) => (list ?? []).filter((a) => a.kind === kind);

/** The ELM LearningOpportunity of one catalogue entry (see the mapping table in docs/catalogue.md). */
export function elmLearningOpportunity(publicUrl: string, row: CatalogueRow, stats?: DecidedCaseStats): Record<string, unknown> {
  const s = row.standard;
  const spec = row.spec;
  const urls = credentialUrls(publicUrl);
  const specId = urls.standard(s.id);
  const entryUrl = `${publicUrl}${entryPath(s.id)}`;
  const body = s.awardingBody!;
  const { outcomes, methods } = assessmentMap(row);
  const duration = typicalDuration(row, stats);
  // as the credentials do: ELM relates occupations only to an entitlement, and ESCO skills only to learning outcomes
  const occupations = listed(s.alignments, AlignmentKind.EscoOccupation);
  const skills = listed(s.alignments, AlignmentKind.EscoSkill);
  const standardNotes = [
    ...(occupations ? [note(`${specId}#esco-occupations`, occupations, 'Related occupations (ESCO)')] : []),
    ...(skills ? [note(`${specId}#esco-skills`, skills, 'Related skills (ESCO)')] : []),
    ...(spec ? [note(`${specId}#quality-assurance`, spec.typeOfQualityAssurance, 'Type of quality assurance')] : []),
    ...(spec?.accreditation ? [note(`${specId}#accreditation`, `${spec.accreditation.body}, ${spec.accreditation.reference}`, 'Accreditation')] : []),
    ...(spec?.standaloneValue ? [note(`${specId}#standalone-value`, spec.standaloneValue.statement, 'Standalone value')] : []),
  ];
  const nqf = ofKind(s.alignments, AlignmentKind.NqfLevel);
  const specification = {
    id: specId,
    type: 'Qualification',
    title: text(spec?.title ?? s.title),
    description: text(s.description || s.title),
    identifier: [{ id: `${specId}#code`, type: 'Identifier', notation: s.code, schemeName: body.name }],
    language: s.languages.map(languageConcept),
    eqfLevel: { id: `http://data.europa.eu/snb/eqf/${s.eqfLevel}`, type: 'Concept', inScheme: { id: 'http://data.europa.eu/snb/eqf/25831c2', type: 'ConceptScheme' }, prefLabel: text(`Level ${s.eqfLevel}`), definition: text(EQF_FRAMEWORK) },
    ...(nqf.length
      ? { nqfLevel: nqf.map((a) => ({ id: a.uri, type: 'Concept', prefLabel: text(a.title), ...(s.nqfLevel !== null ? { notation: String(s.nqfLevel) } : {}) })) }
      : s.nqfLevel !== null
        ? { nqfLevel: [{ id: `${specId}#nqf-level-${s.nqfLevel}`, type: 'Concept', prefLabel: text(`National Qualifications Framework (${body.country}), level ${s.nqfLevel}`), notation: String(s.nqfLevel) }] }
        : {}),
    learningOutcome: outcomes.map((o) => ({
      id: urls.learningOutcome(s.id, o.id),
      type: 'LearningOutcome',
      title: text(o.description),
      identifier: [{ id: `${urls.learningOutcome(s.id, o.id)}-code`, type: 'Identifier', notation: o.code, schemeName: s.code }],
      ...(ofKind(o.alignments, AlignmentKind.EscoSkill).length
        ? { relatedESCOSkill: ofKind(o.alignments, AlignmentKind.EscoSkill).map((a) => escoSkill(a, TEXT_LANGUAGE)) }
        : {}),
    })),
    provenBy: methods.map((m) => ({
      id: `${specId}#assessment-${encodeURIComponent(m.code)}`,
      type: 'LearningAssessmentSpecification',
      title: text(`${METHOD_TITLES[m.type] ?? m.type} (${m.code})`),
      description: text(m.description),
      dcType: concept(elementConcepts.assessmentMethod(m.type)),
      additionalNote: [note(`${specId}#assessment-${encodeURIComponent(m.code)}-outcomes`, m.assesses.join(', '), 'Learning outcomes assessed')],
    })),
    volumeOfLearning: `PT${s.workloadHours}H`,
    ...(s.credits !== null && s.creditSystem
      ? { creditPoint: [{ id: `${specId}#credit-point`, type: 'CreditPoint', framework: concept(elementConcepts.creditSystem(s.creditSystem)), point: String(s.credits) }] }
      : {}),
    ...(spec ? { mode: [concept(elementConcepts.formOfParticipation(spec.formOfParticipation))], learningSetting: concept(elementConcepts.learningSetting(spec.learningSetting)) } : {}),
    ...(spec?.prerequisites ? { entryRequirement: note(`${specId}#entry-requirement`, spec.prerequisites) } : {}),
    ...(standardNotes.length ? { additionalNote: standardNotes } : {}),
    isPartialQualification: !(spec?.fullQualification ?? false),
    homepage: [{ id: `${specId}#homepage`, type: 'WebResource', contentURL: entryUrl }],
    dateModified: modified(s.updatedAt),
  };
  return {
    id: entryUrl,
    type: 'LearningOpportunity',
    title: text(s.title),
    description: text(s.description || s.title),
    homepage: [{ id: `${entryUrl}#homepage`, type: 'WebResource', contentURL: entryUrl }],
    providedBy: {
      id: bodyDid(publicUrl, body.id),
      type: 'Organisation',
      legalName: text(body.name),
      location: {
        id: `${urls.body(body.id)}#location`,
        type: 'Location',
        address: { id: `${urls.body(body.id)}#address`, type: 'Address', countryCode: { id: `http://publications.europa.eu/resource/authority/country/${body.country}`, type: 'Concept', notation: body.country } },
      },
      homepage: [{ id: `${urls.body(body.id)}#homepage`, type: 'WebResource', contentURL: urls.body(body.id) }],
    },
    learningAchievementSpecification: specification,
    'elm:defaultLanguage': languageConcept(TEXT_LANGUAGE),
    admissionProcedure: note(`${entryUrl}#how-to-start`, howToStart(s.id).steps.join(' ')),
    ...(spec ? { mode: [concept(elementConcepts.formOfParticipation(spec.formOfParticipation))] } : {}),
    ...(duration.basis === 'measured' ? { duration: `P${Math.ceil(duration.medianDays!)}D` } : {}),
    additionalNote: [note(`${entryUrl}#typical-duration`, duration.summary, 'How long it usually takes')],
    dateModified: modified(s.updatedAt),
  };
}

/**
 * The JSON-LD context of the ELM feed: ELM's EDC application profile context (as the Europass credentials use it),
 * then `id` and `type` as the keywords (the credentials get them from VC 1.1's context, which a feed has no use
 * for) and Hydra's `next` for paging.
 */
export const ELM_FEED_CONTEXT = [
  EUROPASS_EDC_CONTEXT_URL,
  { id: '@id', type: '@type', hydra: 'http://www.w3.org/ns/hydra/core#', next: { '@id': 'hydra:next', '@type': '@id' } },
];

const ESCO_FRAMEWORK = 'ESCO (European Skills, Competences, Qualifications and Occupations)';

/** The Open Badges 3.0 Achievement of one catalogue entry: the same id and alignments a credential awarded on it carries. */
export function openBadgesAchievement(publicUrl: string, row: CatalogueRow): Record<string, unknown> {
  const s = row.standard;
  const spec = row.spec;
  const urls = credentialUrls(publicUrl);
  const id = urls.standard(s.id);
  const body = s.awardingBody!;
  const { outcomes } = assessmentMap(row);
  const alignment = (targetType: string, targetName: string, targetUrl: string, extra: Record<string, string> = {}) => ({ type: ['Alignment'], targetType, targetName, targetUrl, ...extra });
  const frameworkAlignments = [...(s.alignments ?? []), ...outcomes.flatMap((o) => o.alignments)]
    .filter((a, i, all) => all.findIndex((b) => b.kind === a.kind && b.uri === a.uri) === i)
    .map((a) =>
      alignment(ALIGNMENT_TARGET_TYPES[a.kind], a.title, a.uri, {
        targetFramework: a.kind === AlignmentKind.NqfLevel ? `National Qualifications Framework (${body.country})` : ESCO_FRAMEWORK,
        ...(a.kind === AlignmentKind.NqfLevel && s.nqfLevel !== null ? { targetCode: String(s.nqfLevel) } : {}),
      }),
    );
  return {
    '@context': [VC_V2_CONTEXT, OPEN_BADGES_CONTEXT],
    id,
    type: ['Achievement'],
    achievementType: 'MicroCredential',
    name: spec?.title ?? s.title,
    description: s.description || s.title,
    criteria: {
      id: `${id}#criteria`,
      narrative: outcomes.map((o) => [`${o.code}: ${o.description}`, ...o.criteria.map((c) => `- ${c.code}: ${c.description}`)].join('\n')).join('\n\n'),
    },
    alignment: [
      ...outcomes.map((o) => alignment(ALIGNMENT_TYPES.learningOutcome, o.description, urls.learningOutcome(s.id, o.id), { targetCode: o.code })),
      alignment(ALIGNMENT_TYPES.eqfLevel, `EQF level ${s.eqfLevel}`, `http://data.europa.eu/snb/eqf/${s.eqfLevel}`, { targetFramework: EQF_FRAMEWORK, targetCode: String(s.eqfLevel) }),
      ...frameworkAlignments,
    ],
    ...(s.credits !== null ? { creditsAvailable: s.credits } : {}),
    humanCode: s.code,
    inLanguage: TEXT_LANGUAGE,
    version: String(s.version),
    creator: {
      id: bodyDid(publicUrl, body.id),
      type: ['Profile'],
      name: body.name,
      url: urls.body(body.id),
      address: { type: ['Address'], addressCountryCode: body.country },
    },
  };
}
