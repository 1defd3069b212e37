import { hash } from 'argon2';
import type { DataSource } from 'typeorm';
import { AlignmentKind, AssessmentMethodType, CreditSystem, DEMO_EMAILS, LearningSetting, ParticipationForm, Role, StandaloneValueKind } from '../../domain';
import { AwardingBodyEntity, MicroCredentialSpecEntity, StandardEntity, UserEntity } from '../entities';

export { DEMO_EMAILS };

export const DEMO_STANDARD_CODE = 'DATA-SHEETS-1';

/**
 * ESCO concepts of the demo standard (ESCO v1.2). "data analyst" (ISCO 2511.2) and "use spreadsheets software" were
 * found with the same URI in several independent public lists; "use data processing techniques" and "prepare visual
 * data" in one such list only: check them at https://esco.ec.europa.eu before relying on them elsewhere.
 */
export const DEMO_ESCO = {
  dataAnalyst: { kind: AlignmentKind.EscoOccupation, uri: 'http://data.europa.eu/esco/occupation/d3edb8f8-3a06-47a0-8fb9-9b212c006aa2', title: 'data analyst' },
  spreadsheets: { kind: AlignmentKind.EscoSkill, uri: 'http://data.europa.eu/esco/skill/1973c966-f236-40c9-b2d4-5d71a89019be', title: 'use spreadsheets software' },
  dataProcessing: { kind: AlignmentKind.EscoSkill, uri: 'http://data.europa.eu/esco/skill/1b70a55d-b8a4-49fc-96c6-15ab4cff2522', title: 'use data processing techniques' },
  visualData: { kind: AlignmentKind.EscoSkill, uri: 'http://data.europa.eu/esco/skill/c0326e27-5fa8-4dca-aecb-ed89ab491513', title: 'prepare visual data' },
} as const;

export interface DemoSeed {
  created: boolean;
  awardingBodyId: string;
  standardId: string;
}

/**
 * A demo awarding body with one published standard, its admin, three assessors and a candidate.
 * Runs once: when the admin exists, nothing is written.
 */
export async function seedDemo(ds: DataSource, password: string): Promise<DemoSeed> {
  return ds.transaction(async (em) => {
    const existing = await em.findOne(UserEntity, { where: { email: DEMO_EMAILS.admin } });
    if (existing?.awardingBodyId) {
      const standard = await em.findOneOrFail(StandardEntity, {
        where: { awardingBodyId: existing.awardingBodyId, code: DEMO_STANDARD_CODE },
      });
      return { created: false, awardingBodyId: existing.awardingBodyId, standardId: standard.id };
    }
    const passwordHash = await hash(password);
    const body = await em.save(
      em.create(AwardingBodyEntity, {
        name: 'Open Skills Institute',
        country: 'IE',
        timeZone: 'Europe/Dublin',
        // sessions at no notice: the demo holds its interview at once
        settings: { requireAdmissibility: false, moderationSampleRate: 0, sessionNoticeMinutes: 0 },
      }),
    );
    const standard = await em.save(
      em.create(StandardEntity, {
        awardingBodyId: body.id,
        code: DEMO_STANDARD_CODE,
        title: 'Data analysis with spreadsheets',
        description: 'Cleaning, analysing and presenting workplace data with a spreadsheet application.',
        eqfLevel: 4,
        nqfLevel: 5,
        credits: 3,
        creditSystem: CreditSystem.Ects,
        workloadHours: 75,
        published: true,
        assessmentMethods: [
          { code: 'PF', type: AssessmentMethodType.Portfolio, description: 'A portfolio of workbooks and reports you made at work, with a short account of each.' },
          { code: 'INT', type: AssessmentMethodType.Interview, description: 'A 30-minute online interview in which you present your findings to the assessor as you would to a colleague.' },
        ],
        languages: ['en'],
        alignments: [
          DEMO_ESCO.dataAnalyst,
          // the Irish National Framework of Qualifications publishes no URI per level: its page, with the level as fragment
          { kind: AlignmentKind.NqfLevel, uri: 'https://www.qqi.ie/what-we-do/the-qualifications-system/national-framework-of-qualifications#level-5', title: 'Irish NFQ level 5' },
        ],
        learningOutcomes: [
          {
            code: 'LO1',
            position: 1,
            description: 'Prepare a raw data set for analysis.',
            assessmentMethods: ['PF'],
            alignments: [DEMO_ESCO.dataProcessing],
            criteria: [
              { code: 'LO1.1', position: 1, description: 'Removes duplicates and fixes inconsistent values.' },
              { code: 'LO1.2', position: 2, description: 'Documents every transformation applied.' },
            ],
          },
          {
            code: 'LO2',
            position: 2,
            description: 'Summarise data with formulas and pivot tables.',
            assessmentMethods: ['PF'],
            alignments: [DEMO_ESCO.spreadsheets],
            criteria: [
              { code: 'LO2.1', position: 1, description: 'Chooses summaries suited to the question asked.' },
              { code: 'LO2.2', position: 2, description: 'Checks results against the source data.' },
            ],
          },
          {
            code: 'LO3',
            position: 3,
            description: 'Present findings to a non-specialist audience.',
            assessmentMethods: ['INT'],
            alignments: [DEMO_ESCO.visualData],
            criteria: [{ code: 'LO3.1', position: 1, description: 'Uses clear charts with titles, units and sources.' }],
          },
        ],
      }),
    );
    await em.save(
      em.create(MicroCredentialSpecEntity, {
        standardId: standard.id,
        title: 'Micro-credential in Data Analysis with Spreadsheets',
        typeOfAssessment: 'Portfolio of workplace evidence assessed against criteria by a qualified assessor, and an interview',
        formOfParticipation: ParticipationForm.WorkExperience,
        learningSetting: LearningSetting.Informal,
        typeOfQualityAssurance: 'Internal moderation by a second assessor; external review by the national QA agency',
        prerequisites: null,
        supervisionAndIdentityVerification: 'Identity verified at registration; unsupervised portfolio',
        validityMonths: null,
        stackableInto: [{ title: 'Certificate in Business Data Skills (EQF 5)' }],
        furtherInformation: null,
        fullQualification: false,
        standaloneValue: {
          kind: StandaloneValueKind.ComplementToQualification,
          qualification: { title: 'Certificate in Business Data Skills (EQF 5)', reference: null },
          statement: 'Office roles ask for spreadsheet analysis on its own; it also counts towards the Certificate in Business Data Skills.',
        },
        // a demonstration: the awarding body and its accreditation are invented
        accreditation: { body: 'Quality and Qualifications Ireland (QQI)', reference: 'DEMO-QA-0001 (demonstration only)', url: null },
      }),
    );
    const users: Partial<UserEntity>[] = [
      { email: DEMO_EMAILS.admin, displayName: 'Aoife Byrne', role: Role.BodyAdmin, awardingBodyId: body.id },
      ...DEMO_EMAILS.assessors.map((email, i) => ({
        email,
        displayName: ['Marc Dubois', 'Sofia Rossi', 'Jan Kowalski'][i]!,
        role: Role.Assessor,
        awardingBodyId: body.id,
      })),
      { email: DEMO_EMAILS.candidate, displayName: 'Lena Schmidt', role: Role.Candidate, awardingBodyId: null },
    ];
    await em.save(users.map((u) => em.create(UserEntity, { ...u, passwordHash, emailVerifiedAt: new Date() })));
    return { created: true, awardingBodyId: body.id, standardId: standard.id };
  });
}
