import { alpha2ToAlpha3 } from 'i18n-iso-countries';
import { AssessmentMethodType, CreditSystem, LearningSetting, ParticipationForm } from '../domain';
import type { Alignment } from '../domain';
import type { AwardSource, IssuedAchievementType } from './award-source';

/**
 * A concept from a Europass controlled vocabulary (http://data.europa.eu/snb/...), or, where Europass has none for
 * our value, a vnfil concept (`urn:vnfil:...`) with `europass: false` so that a reader knows it is not from the list.
 */
export interface VocabularyConcept {
  id: string;
  label: string;
  scheme: string;
  europass: boolean;
}

export const EQF_FRAMEWORK = 'European Qualifications Framework';
export const EUROPASS_MODE_SCHEME = 'http://data.europa.eu/snb/learning-assessment/25831c2';
export const EUROPASS_LEARNING_SETTING_SCHEME = 'http://data.europa.eu/snb/learning-setting/25831c2';
export const EUROPASS_CREDIT_SCHEME = 'http://data.europa.eu/snb/education-credit/25831c2';
const VNFIL_SCHEME = 'urn:vnfil:concept-scheme';

// the Europass "mode of learning and assessment" list has online, presential, blended, hybrid, work-based,
// project-based and research-lab based: volunteering and self-directed learning have no concept there
const MODES: Record<ParticipationForm, Omit<VocabularyConcept, 'scheme'>> = {
  [ParticipationForm.Online]: { id: 'http://data.europa.eu/snb/learning-assessment/920fbb3cbe', label: 'Online', europass: true },
  [ParticipationForm.Onsite]: { id: 'http://data.europa.eu/snb/learning-assessment/9191af2ed9', label: 'Presential', europass: true },
  [ParticipationForm.Blended]: { id: 'http://data.europa.eu/snb/learning-assessment/e92d221e4d', label: 'Blended', europass: true },
  [ParticipationForm.WorkExperience]: { id: 'http://data.europa.eu/snb/learning-assessment/729f3bed4b', label: 'Workbased', europass: true },
  [ParticipationForm.Volunteering]: { id: 'urn:vnfil:form-of-participation:volunteering', label: 'Volunteering', europass: false },
  [ParticipationForm.SelfDirected]: { id: 'urn:vnfil:form-of-participation:self_directed', label: 'Self-directed learning', europass: false },
};

// the Europass learning setting list has formal and non-formal learning only
const SETTINGS: Record<LearningSetting, Omit<VocabularyConcept, 'scheme'>> = {
  [LearningSetting.Formal]: { id: 'http://data.europa.eu/snb/learning-setting/6fd4685715', label: 'formal learning', europass: true },
  [LearningSetting.NonFormal]: { id: 'http://data.europa.eu/snb/learning-setting/e207a81fc7', label: 'non-formal learning', europass: true },
  [LearningSetting.Informal]: { id: 'urn:vnfil:learning-setting:informal', label: 'informal learning', europass: false },
};

const CREDIT_SYSTEMS: Record<CreditSystem, Omit<VocabularyConcept, 'scheme'>> = {
  [CreditSystem.Ects]: { id: 'http://data.europa.eu/snb/education-credit/6fcec5c5af', label: 'European Credit Transfer System', europass: true },
  [CreditSystem.Ecvet]: { id: 'urn:vnfil:credit-system:ECVET', label: 'European Credit system for Vocational Education and Training', europass: false },
};

export const EUROPASS_ASSESSMENT_SCHEME = 'http://data.europa.eu/snb/assessment/25831c2';

// the Europass learning assessment types (ELM repository, xsd/loq/cv/europass-learning-assessment-types.xsd): the
// nearest to each of vnfil's methods; an interview and a jury are oral, an observation and a simulation practical
const ASSESSMENT_TYPES: Record<AssessmentMethodType, Omit<VocabularyConcept, 'scheme'>> = {
  [AssessmentMethodType.Portfolio]: { id: 'http://data.europa.eu/snb/assessment/4f03b91c0e', label: 'portfolio', europass: true },
  [AssessmentMethodType.Interview]: { id: 'http://data.europa.eu/snb/assessment/d30284d7df', label: 'oral examination', europass: true },
  [AssessmentMethodType.Jury]: { id: 'http://data.europa.eu/snb/assessment/d30284d7df', label: 'oral examination', europass: true },
  [AssessmentMethodType.Observation]: { id: 'http://data.europa.eu/snb/assessment/6a4db9f11d', label: 'practical assessment', europass: true },
  [AssessmentMethodType.Simulation]: { id: 'http://data.europa.eu/snb/assessment/6a4db9f11d', label: 'practical assessment', europass: true },
  [AssessmentMethodType.Test]: { id: 'http://data.europa.eu/snb/assessment/6e6cb2cc78', label: 'written examination', europass: true },
};

function inScheme(concept: Omit<VocabularyConcept, 'scheme'>, scheme: string): VocabularyConcept {
  return { ...concept, scheme: concept.europass ? scheme : VNFIL_SCHEME };
}

export class MicroCredentialFactsError extends Error {
  override name = 'MicroCredentialFactsError';
}

/**
 * What both the Open Badges 3.0 and the Europass credential say, computed once from the AwardSource: the builders
 * copy these values and never read the source's elements themselves, so the two documents cannot disagree.
 */
export interface MicroCredentialFacts {
  credentialId: string;
  issuedAt: string;
  validUntil: string | null;
  language: string;
  learner: { subjectId: string; name: string; identityHash: string; salt: string };
  title: string;
  description: string;
  achievement: { id: string; code: string; type: IssuedAchievementType };
  awardingBody: { id: string; name: string; url: string; countryAlpha2: string; countryUri: string };
  learningOutcomes: {
    id: string;
    url: string;
    code: string;
    description: string;
    criteria: { id: string; code: string; description: string }[];
    recognised: boolean;
    alignments: Alignment[];
    assessmentMethods: string[];
  }[];
  /** The standard's own alignments (ESCO occupations and skills, NQF levels). */
  alignments: Alignment[];
  /** How the standard is assessed, each with its Europass learning assessment type. */
  assessmentMethods: { code: string; type: AssessmentMethodType; description: string; concept: VocabularyConcept }[];
  notionalWorkloadHours: number;
  /** ISO 8601 duration of the notional workload, as ELM's volumeOfLearning. */
  volumeOfLearning: string;
  credits: { system: CreditSystem; value: number; concept: VocabularyConcept } | null;
  eqf: { level: number; uri: string };
  nqf: { level: number; framework: string } | null;
  typeOfAssessment: string;
  formOfParticipation: { value: ParticipationForm; concept: VocabularyConcept };
  learningSetting: { value: LearningSetting; concept: VocabularyConcept };
  typeOfQualityAssurance: string;
  prerequisites: string | null;
  supervisionAndIdentityVerification: string | null;
  gradeAchieved: string | null;
  integrationStackability: string | null;
  furtherInformation: string | null;
  evidence: { id: string; name: string; description: string | null }[];
  verificationUrl: string;
}

function subjectId(id: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(id)) return id;
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id) ? `urn:uuid:${id.toLowerCase()}` : `urn:vnfil:learner:${encodeURIComponent(id)}`;
}

export function microCredentialFacts(source: AwardSource): MicroCredentialFacts {
  const e = source.elements;
  const countryAlpha3 = alpha2ToAlpha3(e.countryOfIssuer);
  if (!countryAlpha3) throw new MicroCredentialFactsError(`the country of the issuer is not an ISO 3166-1 alpha-2 code: ${e.countryOfIssuer}`);
  if (e.countryOfIssuer !== source.issuer.country) {
    throw new MicroCredentialFactsError(`the elements name ${e.countryOfIssuer} as the issuer's country, the issuer profile ${source.issuer.country}`);
  }
  if (e.dateOfIssue !== source.issuedAt) throw new MicroCredentialFactsError(`the date of issue ${e.dateOfIssue} is not the issuance time ${source.issuedAt}`);
  const recognised = new Set(e.learningOutcomes.map((o) => o.id));
  const unknown = [...recognised].filter((id) => !source.learningOutcomes.some((o) => o.id === id));
  if (unknown.length > 0) throw new MicroCredentialFactsError(`recognised learning outcomes not in the standard: ${unknown.join(', ')}`);
  const mismatched = source.learningOutcomes.filter((o) => o.recognised !== recognised.has(o.id)).map((o) => o.code);
  if (mismatched.length > 0) throw new MicroCredentialFactsError(`learning outcomes recognised in one list and not the other: ${mismatched.join(', ')}`);
  return {
    credentialId: source.credentialId,
    issuedAt: source.issuedAt,
    validUntil: source.validUntil,
    language: source.achievement.language,
    learner: { subjectId: subjectId(e.learnerIdentification.id), name: e.learnerIdentification.name, identityHash: source.learner.identityHash, salt: source.learner.salt },
    title: e.title,
    description: source.achievement.description,
    achievement: { id: source.achievement.id, code: source.achievement.code, type: source.achievement.type ?? 'MicroCredential' },
    awardingBody: {
      id: source.issuer.id,
      name: e.awardingBody.name,
      url: source.issuer.url,
      countryAlpha2: e.countryOfIssuer,
      countryUri: `http://publications.europa.eu/resource/authority/country/${countryAlpha3}`,
    },
    learningOutcomes: source.learningOutcomes.map((o) => ({
      ...o,
      criteria: o.criteria.map((c) => ({ ...c })),
      alignments: (o.alignments ?? []).map((a) => ({ ...a })),
      assessmentMethods: [...(o.assessmentMethods ?? [])],
    })),
    alignments: (source.alignments ?? []).map((a) => ({ ...a })),
    assessmentMethods: (source.assessmentMethods ?? []).map((m) => ({ ...m, concept: inScheme(ASSESSMENT_TYPES[m.type], EUROPASS_ASSESSMENT_SCHEME) })),
    notionalWorkloadHours: e.notionalWorkloadHours,
    volumeOfLearning: `PT${e.notionalWorkloadHours}H`,
    credits: e.credits ? { ...e.credits, concept: inScheme(CREDIT_SYSTEMS[e.credits.system], EUROPASS_CREDIT_SCHEME) } : null,
    eqf: { level: e.eqfLevel, uri: `http://data.europa.eu/snb/eqf/${e.eqfLevel}` },
    nqf: e.nqfLevel === null ? null : { level: e.nqfLevel, framework: `National Qualifications Framework (${e.countryOfIssuer})` },
    typeOfAssessment: e.typeOfAssessment,
    formOfParticipation: { value: e.formOfParticipation, concept: inScheme(MODES[e.formOfParticipation], EUROPASS_MODE_SCHEME) },
    learningSetting: { value: e.learningSetting, concept: inScheme(SETTINGS[e.learningSetting], EUROPASS_LEARNING_SETTING_SCHEME) },
    typeOfQualityAssurance: e.typeOfQualityAssurance,
    prerequisites: e.prerequisites,
    supervisionAndIdentityVerification: e.supervisionAndIdentityVerification,
    gradeAchieved: e.gradeAchieved,
    integrationStackability: e.integrationStackability,
    furtherInformation: e.furtherInformation,
    evidence: source.evidence.map((x) => ({ ...x })),
    verificationUrl: source.verificationUrl,
  };
}

/**
 * The vocabulary concepts of a standard's elements, for documents that describe the standard rather than an award
 * (the catalogue's open data feeds), so that they name the same concepts the issued credentials do.
 */
export const elementConcepts = {
  formOfParticipation: (form: ParticipationForm): VocabularyConcept => inScheme(MODES[form], EUROPASS_MODE_SCHEME),
  learningSetting: (setting: LearningSetting): VocabularyConcept => inScheme(SETTINGS[setting], EUROPASS_LEARNING_SETTING_SCHEME),
  creditSystem: (system: CreditSystem): VocabularyConcept => inScheme(CREDIT_SYSTEMS[system], EUROPASS_CREDIT_SCHEME),
  assessmentMethod: (type: AssessmentMethodType): VocabularyConcept => inScheme(ASSESSMENT_TYPES[type], EUROPASS_ASSESSMENT_SCHEME),
};
