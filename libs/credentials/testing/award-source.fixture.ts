import { AlignmentKind, AssessmentMethodType, CreditSystem, LearningSetting, ParticipationForm } from '../../domain';
import type { AwardSource } from '../award-source';
import { hashIdentity } from '../open-badge';

/** The learner's address: it must never appear in clear in an issued document. */
export const FIXTURE_EMAIL = 'Maria.Kowalska@example.org';
export const FIXTURE_SALT = '6d1f0c2b9a7e4f3c8b5a2d1e0f9c8b7a';

const ISSUED_AT = '2026-03-02T10:15:00.000Z';
const VALID_UNTIL = '2031-03-02T10:15:00.000Z';
const STANDARD = 'https://vnfil.example.org/standards/DATA-SPREADSHEETS';

/**
 * A realistic award: a Polish awarding body recognises two of three learning outcomes of a spreadsheet standard
 * learned at work. The issuer DID is a placeholder: tests that sign replace it with their key's controller.
 */
export function awardSourceFixture(overrides: { issuerId?: string } = {}): AwardSource {
  const issuerId = overrides.issuerId ?? 'did:web:vnfil.example.org:bodies:kcdp';
  const outcomes = [
    {
      id: '3f1c6a52-8d0e-4b7a-9c21-5e6f7a8b9c01',
      url: `${STANDARD}/outcomes/LO1`,
      code: 'LO1',
      description: 'Builds a spreadsheet model with formulas, named ranges and lookups for a business question',
      criteria: [
        { id: 'c1', code: 'LO1.1', description: 'Uses absolute and relative references correctly' },
        { id: 'c2', code: 'LO1.2', description: 'Combines lookup and conditional functions to answer the question' },
      ],
      recognised: true,
      alignments: [{ kind: AlignmentKind.EscoSkill, uri: 'http://data.europa.eu/esco/skill/1973c966-f236-40c9-b2d4-5d71a89019be', title: 'use spreadsheets software' }],
      assessmentMethods: ['PF'],
    },
    {
      id: '7b2d9e14-1f3a-4c5b-8d6e-0a1b2c3d4e02',
      url: `${STANDARD}/outcomes/LO2`,
      code: 'LO2',
      description: 'Presents data in charts and pivot tables suited to the audience',
      criteria: [{ id: 'c3', code: 'LO2.1', description: 'Chooses a chart type that fits the data and labels it' }],
      recognised: true,
      alignments: [{ kind: AlignmentKind.EscoSkill, uri: 'http://data.europa.eu/esco/skill/c0326e27-5fa8-4dca-aecb-ed89ab491513', title: 'prepare visual data' }],
      assessmentMethods: ['PF', 'INT'],
    },
    {
      id: 'a9e8d7c6-b5a4-4392-8170-6f5e4d3c2b03',
      url: `${STANDARD}/outcomes/LO3`,
      code: 'LO3',
      description: 'Automates a recurring task with macros',
      criteria: [{ id: 'c4', code: 'LO3.1', description: 'Records and edits a macro that runs without errors' }],
      recognised: false,
    },
  ];
  return {
    credentialId: 'urn:uuid:0c9b8a7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d',
    issuedAt: ISSUED_AT,
    validUntil: VALID_UNTIL,
    issuer: { id: issuerId, name: 'Krajowe Centrum Doskonalenia Praktyk', country: 'PL', url: 'https://vnfil.example.org/bodies/kcdp' },
    elements: {
      learnerIdentification: { id: '5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d', name: 'Maria Kowalska' },
      title: 'Spreadsheet data analysis',
      countryOfIssuer: 'PL',
      awardingBody: { id: 'b0d1e2f3-a4b5-4c6d-8e7f-9a0b1c2d3e4f', name: 'Krajowe Centrum Doskonalenia Praktyk' },
      dateOfIssue: ISSUED_AT,
      learningOutcomes: outcomes.filter((o) => o.recognised).map((o) => ({ id: o.id, code: o.code, description: o.description })),
      notionalWorkloadHours: 50,
      credits: { system: CreditSystem.Ects, value: 2 },
      eqfLevel: 4,
      nqfLevel: 4,
      typeOfAssessment: 'Portfolio review and structured interview',
      formOfParticipation: ParticipationForm.WorkExperience,
      learningSetting: LearningSetting.NonFormal,
      typeOfQualityAssurance: 'External quality assurance by the national validation agency (ISO 21001 audit)',
      prerequisites: 'None',
      supervisionAndIdentityVerification: 'Interview supervised on site with identity document check',
      gradeAchieved: 'partial recognition',
      integrationStackability: 'Counts towards the qualification "Office data specialist"',
      furtherInformation: 'https://vnfil.example.org/standards/DATA-SPREADSHEETS',
      validUntil: VALID_UNTIL,
    },
    achievement: {
      id: STANDARD,
      code: 'DATA-SPREADSHEETS',
      description: 'Recognises the ability to analyse business data with spreadsheets, learned at work or on one\'s own.',
      language: 'en',
    },
    learningOutcomes: outcomes,
    alignments: [
      { kind: AlignmentKind.EscoOccupation, uri: 'http://data.europa.eu/esco/occupation/d3edb8f8-3a06-47a0-8fb9-9b212c006aa2', title: 'data analyst' },
      { kind: AlignmentKind.NqfLevel, uri: 'https://kwalifikacje.gov.pl/en/zsk/prk/level-4', title: 'Polish Qualifications Framework, level 4' },
    ],
    assessmentMethods: [
      { code: 'PF', type: AssessmentMethodType.Portfolio, description: 'A portfolio of workbooks the candidate built at work' },
      { code: 'INT', type: AssessmentMethodType.Interview, description: 'A structured interview about the workbooks' },
    ],
    learner: { name: 'Maria Kowalska', identityHash: hashIdentity(FIXTURE_EMAIL, FIXTURE_SALT), salt: FIXTURE_SALT },
    evidence: [
      { id: 'urn:uuid:e1d2c3b4-a5f6-4e7d-8c9b-0a1b2c3d4e5f', name: 'Monthly sales report workbook', description: 'A workbook the candidate built at work, with lookups and pivot tables' },
      { id: 'urn:uuid:f0e1d2c3-b4a5-4f6e-9d8c-7b6a5f4e3d2c', name: 'Interview record', description: null },
    ],
    verificationUrl: 'https://vnfil.example.org/verify/0c9b8a7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d',
  };
}
