import { hash } from 'argon2';
import type { DataSource } from 'typeorm';
import { CreditSystem, DEMO_EMAILS, LearningSetting, ParticipationForm, Role } from '../../domain';
import { AwardingBodyEntity, MicroCredentialSpecEntity, StandardEntity, UserEntity } from '../entities';

export { DEMO_EMAILS };

export const DEMO_STANDARD_CODE = 'DATA-SHEETS-1';

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
        settings: { requireAdmissibility: false, moderationSampleRate: 0 },
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
        learningOutcomes: [
          {
            code: 'LO1',
            position: 1,
            description: 'Prepare a raw data set for analysis.',
            criteria: [
              { code: 'LO1.1', position: 1, description: 'Removes duplicates and fixes inconsistent values.' },
              { code: 'LO1.2', position: 2, description: 'Documents every transformation applied.' },
            ],
          },
          {
            code: 'LO2',
            position: 2,
            description: 'Summarise data with formulas and pivot tables.',
            criteria: [
              { code: 'LO2.1', position: 1, description: 'Chooses summaries suited to the question asked.' },
              { code: 'LO2.2', position: 2, description: 'Checks results against the source data.' },
            ],
          },
          {
            code: 'LO3',
            position: 3,
            description: 'Present findings to a non-specialist audience.',
            criteria: [{ code: 'LO3.1', position: 1, description: 'Uses clear charts with titles, units and sources.' }],
          },
        ],
      }),
    );
    await em.save(
      em.create(MicroCredentialSpecEntity, {
        standardId: standard.id,
        title: 'Micro-credential in Data Analysis with Spreadsheets',
        typeOfAssessment: 'Portfolio of workplace evidence assessed against criteria by a qualified assessor',
        formOfParticipation: ParticipationForm.WorkExperience,
        learningSetting: LearningSetting.Informal,
        typeOfQualityAssurance: 'Internal moderation by a second assessor; external review by the national QA agency',
        prerequisites: null,
        supervisionAndIdentityVerification: 'Identity verified at registration; unsupervised portfolio',
        validityMonths: null,
        stackableInto: [{ title: 'Certificate in Business Data Skills (EQF 5)' }],
        furtherInformation: null,
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
    await em.save(users.map((u) => em.create(UserEntity, { ...u, passwordHash })));
    return { created: true, awardingBodyId: body.id, standardId: standard.id };
  });
}
