/**
 * Elements of a micro-credential per the Council Recommendation of 16 June 2022 on a European approach to
 * micro-credentials for lifelong learning and employability (2022/C 243/02), Annex I.
 */
export enum CreditSystem {
  Ects = 'ECTS',
  Ecvet = 'ECVET',
}

/**
 * Form of participation in the learning activity (Recommendation, Annex I, mandatory element "form of
 * participation"). The Recommendation's own examples include volunteering and work experience, which is most of
 * what validation recognises.
 */
export enum ParticipationForm {
  Online = 'online',
  Onsite = 'onsite',
  Blended = 'blended',
  Volunteering = 'volunteering',
  WorkExperience = 'work_experience',
  SelfDirected = 'self_directed',
}

/** Where the learning took place, as the European Learning Model records it (`learningSetting`). */
export enum LearningSetting {
  Formal = 'formal',
  NonFormal = 'non_formal',
  Informal = 'informal',
}

/**
 * What gives a micro-credential standalone value (ETF survey on micro-credentials; Recommendation, point 5 of
 * the definition: "it has a standalone value and may also contribute to or complement other micro-credentials,
 * including through validation of prior learning"): a meaningful unit of a named qualification, a complement to
 * one, or a stated labour-market need.
 */
export enum StandaloneValueKind {
  UnitOfQualification = 'unit_of_qualification',
  ComplementToQualification = 'complement_to_qualification',
  LabourMarketNeed = 'labour_market_need',
}

export interface StandaloneValue {
  kind: StandaloneValueKind;
  /** The qualification it is a unit of or complements; required for those two kinds. */
  qualification: { title: string; reference: string | null } | null;
  /** Why it has value on its own, e.g. the labour-market need it answers. */
  statement: string;
}

/** The recognised body that quality assures the awarding body, and its accreditation or recognition. */
export interface Accreditation {
  /** The accrediting or recognising body, e.g. a national agency. */
  body: string;
  /** Its reference for the accreditation or recognition (a number, a decree, a register entry). */
  reference: string;
  /** Where it can be checked, when published. */
  url: string | null;
}

/**
 * The ceiling on a micro-credential's notional workload a body applies (the survey: "it does not represent a
 * small volume of learning"); the default follows common practice of 30 ECTS, or 750 hours at 25 hours a credit.
 */
export interface WorkloadCeiling {
  ects: number;
  hours: number;
}

export const DEFAULT_WORKLOAD_CEILING: Readonly<WorkloadCeiling> = Object.freeze({ ects: 30, hours: 750 });

export interface MicroCredentialElements {
  // mandatory
  learnerIdentification: { id: string; name: string };
  title: string;
  countryOfIssuer: string;
  awardingBody: { id: string; name: string };
  dateOfIssue: string;
  learningOutcomes: { id: string; code: string; description: string }[];
  notionalWorkloadHours: number;
  credits: { system: CreditSystem; value: number } | null;
  eqfLevel: number;
  nqfLevel: number | null;
  typeOfAssessment: string;
  formOfParticipation: ParticipationForm;
  /** ELM's learning setting; for validation of non-formal and informal learning usually not formal. */
  learningSetting: LearningSetting;
  typeOfQualityAssurance: string;
  // optional
  prerequisites: string | null;
  supervisionAndIdentityVerification: string | null;
  gradeAchieved: string | null;
  integrationStackability: string | null;
  furtherInformation: string | null;
  validUntil: string | null;
}

const ISO_COUNTRY = /^[A-Z]{2}$/;

/** Mandatory elements missing or malformed, as sentences; empty when the credential can be issued. */
export function microCredentialProblems(e: MicroCredentialElements): string[] {
  const problems: string[] = [];
  if (!e.learnerIdentification?.id || !e.learnerIdentification?.name) problems.push('the learner must be identified');
  if (!e.title?.trim()) problems.push('a title is required');
  if (!ISO_COUNTRY.test(e.countryOfIssuer ?? '')) problems.push('the country of the issuer must be an ISO 3166-1 alpha-2 code');
  if (!e.awardingBody?.name) problems.push('the awarding body is required');
  if (!e.dateOfIssue) problems.push('the date of issue is required');
  if (!e.learningOutcomes?.length) problems.push('at least one learning outcome is required');
  if (!(e.notionalWorkloadHours > 0)) problems.push('the notional workload must be a positive number of hours');
  if (!(Number.isInteger(e.eqfLevel) && e.eqfLevel >= 1 && e.eqfLevel <= 8)) problems.push('the EQF level must be 1 to 8');
  if (!e.typeOfAssessment?.trim()) problems.push('the type of assessment is required');
  if (!e.formOfParticipation) problems.push('the form of participation is required');
  if (!e.typeOfQualityAssurance?.trim()) problems.push('the type of quality assurance is required');
  return problems;
}
