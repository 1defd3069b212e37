import type { AwardSource } from '../../credentials/award-source';
import { CreditSystem, LearningSetting, ParticipationForm } from '../../domain';

/**
 * A realistic issued micro-credential: a learner whose spreadsheet skills, learnt at work, were validated by a
 * French awarding body. Every optional element is set; `overrides` replaces top-level fields and `elements` merges.
 */
export function awardSourceFixture(
  overrides: Partial<Omit<AwardSource, 'elements'>> & { elements?: Partial<AwardSource['elements']> } = {},
): AwardSource {
  const { elements, ...rest } = overrides;
  const issuer = { id: 'did:web:certify.example.eu:bodies:cnam-idf', name: 'Institut Régional des Compétences', country: 'FR', url: 'https://certify.example.eu/bodies/cnam-idf' };
  const outcomes = [
    { id: 'https://certify.example.eu/standards/data-spreadsheets/outcomes/lo1', code: 'LO1', description: 'Builds a spreadsheet model with named ranges, lookups and validated inputs' },
    { id: 'https://certify.example.eu/standards/data-spreadsheets/outcomes/lo2', code: 'LO2', description: 'Summarises a data set with pivot tables and explains the result to a non-specialist' },
    { id: 'https://certify.example.eu/standards/data-spreadsheets/outcomes/lo3', code: 'LO3', description: 'Checks a colleague’s workbook for errors and documents the corrections' },
  ];
  return {
    credentialId: 'urn:uuid:6f1c2a44-8d0b-4f5e-9a51-3c7e2b1d9f08',
    issuedAt: '2026-11-27T14:05:00.000Z',
    validUntil: '2031-11-27T00:00:00.000Z',
    issuer,
    achievement: {
      id: 'https://certify.example.eu/standards/data-spreadsheets',
      code: 'DATA-SPREADSHEETS',
      description: 'Uses spreadsheets to model, summarise and check business data.',
      language: 'en',
    },
    learningOutcomes: outcomes.map((o) => ({ ...o, url: o.id, criteria: [], recognised: true })),
    learner: { name: 'Zoë Álvarez-Nakamura', identityHash: 'sha256$5f0c1d1e7e8a0c3b2f7e9b1d4a6c8e0f2a4b6c8d0e2f4a6b8c0d2e4f6a8b0c2d', salt: 'b9f3c1' },
    evidence: [{ id: 'urn:uuid:0b7e4d21-5a3c-4e8f-9d12-6c4b2a1f3e55', name: 'Quarterly sales workbook', description: null }],
    verificationUrl: 'https://certify.example.eu/verify/6f1c2a44-8d0b-4f5e-9a51-3c7e2b1d9f08',
    ...rest,
    elements: {
      learnerIdentification: { id: 'urn:uuid:d2a9e0f4-1b3c-4d5e-8f6a-7b8c9d0e1f2a', name: 'Zoë Álvarez-Nakamura' },
      title: 'Business data with spreadsheets',
      countryOfIssuer: 'FR',
      awardingBody: { id: issuer.id, name: issuer.name },
      dateOfIssue: '2026-11-27T14:05:00.000Z',
      learningOutcomes: outcomes,
      notionalWorkloadHours: 125,
      credits: { system: CreditSystem.Ects, value: 5 },
      eqfLevel: 4,
      nqfLevel: 4,
      typeOfAssessment: 'Portfolio review and a structured interview with two assessors',
      formOfParticipation: ParticipationForm.WorkExperience,
      learningSetting: LearningSetting.Informal,
      typeOfQualityAssurance: 'External review by the regional accreditation agency (ESG Part 1 aligned)',
      prerequisites: 'None',
      supervisionAndIdentityVerification: 'Identity checked against an official document at the interview',
      gradeAchieved: 'Pass with distinction',
      integrationStackability: 'Counts towards the Level 4 Business Administration certificate',
      furtherInformation: 'Assessed against the DATA-SPREADSHEETS standard, version 2',
      validUntil: '2031-11-27T00:00:00.000Z',
      ...elements,
    },
  };
}
