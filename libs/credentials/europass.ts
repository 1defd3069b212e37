import type { AwardSource } from './award-source';
import { EUROPASS_EDC_CONTEXT_URL } from './document-loader';
import { EQF_FRAMEWORK, microCredentialFacts } from './micro-credential-facts';
import type { MicroCredentialFacts, VocabularyConcept } from './micro-credential-facts';
import { AlignmentKind } from '../domain';
import type { Alignment } from '../domain';

/** ELM 3 credentials are VC Data Model 1.1 documents with the EDC application profile context after it. */
export const VC_V1_CONTEXT = 'https://www.w3.org/2018/credentials/v1';
/** Europass credential profile "Generic" and the EDC generic-full SHACL shapes, as in the ELM micro-credential sample. */
export const EUROPASS_GENERIC_PROFILE = 'http://data.europa.eu/snb/credential/e34929035b';
export const EDC_GENERIC_FULL_SHAPES = 'http://data.europa.eu/snb/model/ap/edc-generic-full';

/** A Europass (ELM) document: JSON-LD, unsigned (EDC seals it with a JAdES/eIDAS signature, which vnfil does not do). */
export type EuropassCredential = Record<string, unknown>;

type LanguageMap = Record<string, string>;

function concept(c: VocabularyConcept, lang: string): Record<string, unknown> {
  return { id: c.id, type: 'Concept', inScheme: { id: c.scheme, type: 'ConceptScheme' }, prefLabel: { [lang]: c.label } };
}

function note(id: string, text: string, lang: string, subject?: string): Record<string, unknown> {
  return {
    id,
    type: 'Note',
    noteLiteral: { [lang]: text } satisfies LanguageMap,
    ...(subject ? { subject: { id: `${id}:subject`, type: 'Concept', prefLabel: { [lang]: subject } } } : {}),
  };
}

const ESCO_SKILLS_SCHEME = 'http://data.europa.eu/esco/concept-scheme/skills';

/** An ESCO skill as ELM's relatedESCOSkill writes it (the ELM micro-credential sample's form); the catalogue's feed too. */
export function escoSkill(a: Alignment, lang: string): Record<string, unknown> {
  return { id: a.uri, type: 'Concept', inScheme: { id: ESCO_SKILLS_SCHEME, type: 'ConceptScheme' }, notation: 'Skill', prefLabel: { [lang]: a.title } };
}

const listed = (alignments: Alignment[], kind: AlignmentKind) => alignments.filter((a) => a.kind === kind).map((a) => `${a.title} (${a.uri})`).join('; ');

/**
 * What ELM 3 has no property for on a qualification, as notes: the ESCO occupations (ELM relates occupations only to
 * a LearningEntitlementSpecification, limitOccupation, which would claim a right to practise) and the ESCO skills
 * of the standard as a whole (relatedESCOSkill belongs to a learning outcome, where the outcomes' skills are).
 */
function alignmentNotes(f: MicroCredentialFacts, lang: string, id: (part: string) => string): Record<string, unknown>[] {
  const occupations = listed(f.alignments, AlignmentKind.EscoOccupation);
  const skills = listed(f.alignments, AlignmentKind.EscoSkill);
  return [
    occupations && note(id('note:esco-occupations'), occupations, lang, 'Related occupations (ESCO)'),
    skills && note(id('note:esco-skills'), skills, lang, 'Related skills (ESCO)'),
  ].filter((n): n is Record<string, unknown> => Boolean(n));
}

/** The NQF level: the framework's own concept when the standard is aligned to one, else the level as a number. */
function nqfLevels(f: MicroCredentialFacts, lang: string): Record<string, unknown>[] {
  const aligned = f.alignments.filter((a) => a.kind === AlignmentKind.NqfLevel);
  if (aligned.length) return aligned.map((a) => ({ id: a.uri, type: 'Concept', prefLabel: { [lang]: a.title }, ...(f.nqf ? { notation: String(f.nqf.level) } : {}) }));
  return f.nqf ? [{ id: `${f.achievement.id}#nqf-level-${f.nqf.level}`, type: 'Concept', prefLabel: { [lang]: `${f.nqf.framework}, level ${f.nqf.level}` }, notation: String(f.nqf.level) }] : [];
}

/** Each assessment method as a part of the assessment's specification, typed from the Europass assessment list. */
function assessmentParts(f: MicroCredentialFacts, lang: string, id: (part: string) => string): Record<string, unknown>[] {
  return f.assessmentMethods.map((m) => ({
    id: id(`learning-assessment-specification:${encodeURIComponent(m.code)}`),
    type: 'LearningAssessmentSpecification',
    title: { [lang]: m.description },
    dcType: concept(m.concept, lang),
    identifier: [{ id: id(`learning-assessment-specification:${encodeURIComponent(m.code)}:code`), type: 'Identifier', notation: m.code, schemeName: f.achievement.code }],
  }));
}

function awardingBody(f: MicroCredentialFacts, lang: string): Record<string, unknown> {
  return {
    id: f.awardingBody.id,
    type: 'Organisation',
    legalName: { [lang]: f.awardingBody.name },
    location: {
      id: `${f.credentialId}:location:awarding-body`,
      type: 'Location',
      address: {
        id: `${f.credentialId}:address:awarding-body`,
        type: 'Address',
        countryCode: {
          id: f.awardingBody.countryUri,
          type: 'Concept',
          inScheme: { id: 'http://publications.europa.eu/resource/authority/country', type: 'ConceptScheme' },
          notation: 'country',
        },
      },
    },
    homepage: { id: `${f.credentialId}:homepage:awarding-body`, type: 'WebResource', contentURL: f.awardingBody.url },
  };
}

function specification(f: MicroCredentialFacts, lang: string): Record<string, unknown> {
  const id = (part: string) => `${f.credentialId}:${part}`;
  const notes = [
    note(id('note:quality-assurance'), f.typeOfQualityAssurance, lang, 'Type of quality assurance'),
    f.integrationStackability && note(id('note:integration'), f.integrationStackability, lang, 'Integration / stackability options'),
    f.furtherInformation && note(id('note:further-information'), f.furtherInformation, lang, 'Further information'),
    ...alignmentNotes(f, lang, id),
  ].filter(Boolean);
  const nqf = nqfLevels(f, lang);
  return {
    id: f.achievement.id,
    type: 'Qualification',
    title: { [lang]: f.title },
    description: { [lang]: f.description },
    language: { id: `http://publications.europa.eu/resource/authority/language/${languageAuthority(lang)}`, type: 'Concept' },
    eqfLevel: {
      id: f.eqf.uri,
      type: 'Concept',
      inScheme: { id: 'http://data.europa.eu/snb/eqf/25831c2', type: 'ConceptScheme' },
      prefLabel: { [lang]: `Level ${f.eqf.level}` },
      definition: { [lang]: EQF_FRAMEWORK },
    },
    ...(nqf.length ? { nqfLevel: nqf } : {}),
    learningOutcome: f.learningOutcomes
      .filter((o) => o.recognised)
      .map((o) => {
        const skills = o.alignments.filter((a) => a.kind === AlignmentKind.EscoSkill);
        return {
          id: o.url,
          type: 'LearningOutcome',
          title: { [lang]: o.description },
          identifier: [{ id: `${o.url}#code`, type: 'Identifier', notation: o.code, schemeName: f.achievement.code }],
          ...(skills.length ? { relatedESCOSkill: skills.map((a) => escoSkill(a, lang)) } : {}),
        };
      }),
    volumeOfLearning: f.volumeOfLearning,
    ...(f.credits ? { creditPoint: [{ id: id('credit-point'), type: 'CreditPoint', framework: concept(f.credits.concept, lang), point: String(f.credits.value) }] } : {}),
    mode: [concept(f.formOfParticipation.concept, lang)],
    learningSetting: concept(f.learningSetting.concept, lang),
    ...(f.prerequisites ? { entryRequirement: note(id('note:entry-requirement'), f.prerequisites, lang) } : {}),
    additionalNote: notes,
    isPartialQualification: false,
    homepage: [{ id: id('homepage:specification'), type: 'WebResource', contentURL: f.achievement.id }],
  };
}

// ELM names languages by the EU authority list (ENG, FRA...): the common ones vnfil writes in
const LANGUAGES: Record<string, string> = { en: 'ENG', fr: 'FRA', de: 'DEU', es: 'SPA', it: 'ITA', pl: 'POL', pt: 'POR', nl: 'NLD', ro: 'RON' };
function languageAuthority(lang: string): string {
  return LANGUAGES[lang.slice(0, 2).toLowerCase()] ?? 'MUL';
}

/**
 * The Europass EuropeanDigitalCredential (European Learning Model 3, EDC application profile) for one award, from the
 * same facts as the Open Badges credential: the eleven mandatory micro-credential elements in ELM's own properties.
 */
export function buildEuropassCredential(source: AwardSource): EuropassCredential {
  const f = microCredentialFacts(source);
  const lang = f.language;
  const id = (part: string) => `${f.credentialId}:${part}`;
  const body = awardingBody(f, lang);
  const awardingProcess = { id: id('awarding-process'), type: 'AwardingProcess', awardingBody: [body], awardingDate: f.issuedAt };
  return {
    '@context': [VC_V1_CONTEXT, EUROPASS_EDC_CONTEXT_URL],
    id: f.credentialId,
    type: ['VerifiableCredential', 'EuropeanDigitalCredential'],
    credentialProfiles: [{ id: EUROPASS_GENERIC_PROFILE, type: 'Concept', prefLabel: { en: 'Generic' } }],
    credentialSchema: [{ id: EDC_GENERIC_FULL_SHAPES, type: 'ShaclValidator2017' }],
    issuer: body,
    issued: f.issuedAt,
    validFrom: f.issuedAt,
    ...(f.validUntil ? { expirationDate: f.validUntil } : {}),
    credentialSubject: {
      id: f.learner.subjectId,
      type: 'Person',
      fullName: { [lang]: f.learner.name },
      identifier: [
        {
          id: id('learner-identifier'),
          type: 'Identifier',
          notation: f.learner.identityHash,
          schemeName: `Open Badges 3.0 IdentityObject: salted SHA-256 of the e-mail address (salt ${f.learner.salt})`,
        },
      ],
      hasClaim: [
        {
          id: id('learning-achievement'),
          type: 'LearningAchievement',
          title: { [lang]: f.title },
          description: { [lang]: f.description },
          awardedBy: awardingProcess,
          provenBy: [
            {
              id: id('learning-assessment'),
              type: 'LearningAssessment',
              title: { [lang]: f.typeOfAssessment },
              awardedBy: awardingProcess,
              ...(f.gradeAchieved ? { grade: note(id('note:grade'), f.gradeAchieved, lang) } : {}),
              ...(f.supervisionAndIdentityVerification
                ? { idVerification: { id: id('supervision-verification'), type: 'Concept', prefLabel: { [lang]: f.supervisionAndIdentityVerification } } }
                : {}),
              specifiedBy: {
                id: id('learning-assessment-specification'),
                type: 'LearningAssessmentSpecification',
                title: { [lang]: f.typeOfAssessment },
                ...(f.assessmentMethods.length ? { hasPart: assessmentParts(f, lang, id) } : {}),
              },
            },
          ],
          specifiedBy: specification(f, lang),
          supplementaryDocument: [{ id: id('verification-page'), type: 'WebResource', contentURL: f.verificationUrl }],
        },
      ],
    },
  };
}
