import { hash } from 'argon2';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { CreditSystem, LearningSetting, ParticipationForm } from '../../libs/domain';
import type { AssessmentMethod, MicroCredentialElements, ProcessSettingsOverrides, Role } from '../../libs/domain';
import { AwardingBodyEntity, MicroCredentialSpecEntity, StandardEntity, UserEntity } from '../../libs/persistence/entities';

export const TEST_PASSWORD = 'correct horse battery staple';
let passwordHash: Promise<string> | undefined;

/** Builders of the records tests start from; every call makes new, unique rows. */
export function factories(ds: DataSource) {
  const hashed = () => (passwordHash ??= hash(TEST_PASSWORD));
  return {
    /** An awarding body in France, its deadlines kept in `timeZone`. */
    async body(settings: ProcessSettingsOverrides = {}, name = 'Test Awarding Body', timeZone = 'Europe/Paris'): Promise<AwardingBodyEntity> {
      return ds.getRepository(AwardingBodyEntity).save({ name, country: 'FR', timeZone, settings });
    },

    async user(role: Role, awardingBodyId: string | null = null, displayName = `${role} ${randomUUID().slice(0, 6)}`): Promise<UserEntity> {
      return ds.getRepository(UserEntity).save({
        email: `${role}.${randomUUID()}@test.vnfil.eu`,
        displayName,
        role,
        awardingBodyId,
        passwordHash: await hashed(),
        // as if they had followed the link of the sign-up e-mail (the portal signs in only such accounts)
        emailVerifiedAt: new Date(),
      });
    },

    /**
     * A published standard with `outcomes` learning outcomes of `criteriaPer` criteria each, and its EU spec;
     * `assessmentMethods`, when given, are the standard's methods (the last outcome assessed by the last method, the others by the first).
     */
    async standard(
      awardingBodyId: string,
      opts: { outcomes?: number; criteriaPer?: number; settings?: ProcessSettingsOverrides; assessmentMethods?: AssessmentMethod[] } = {},
    ): Promise<StandardEntity> {
      const outcomes = opts.outcomes ?? 2;
      const criteriaPer = opts.criteriaPer ?? 2;
      const standard = await ds.getRepository(StandardEntity).save({
        awardingBodyId,
        code: `STD-${randomUUID().slice(0, 8)}`,
        title: 'Facilitating online learning',
        description: 'Designing and running online sessions for adult learners.',
        eqfLevel: 5,
        nqfLevel: null,
        credits: 2,
        creditSystem: CreditSystem.Ects,
        workloadHours: 50,
        settings: opts.settings ?? {},
        assessmentMethods: opts.assessmentMethods ?? [],
        published: true,
        learningOutcomes: Array.from({ length: outcomes }, (_, i) => ({
          code: `LO${i + 1}`,
          position: i + 1,
          description: `Learning outcome ${i + 1}`,
          assessmentMethods: opts.assessmentMethods?.length ? [(i === outcomes - 1 ? opts.assessmentMethods.at(-1)! : opts.assessmentMethods[0]!).code] : [],
          criteria: Array.from({ length: criteriaPer }, (_, j) => ({
            code: `LO${i + 1}.${j + 1}`,
            position: j + 1,
            description: `Criterion ${j + 1} of outcome ${i + 1}`,
          })),
        })),
      });
      await ds.getRepository(MicroCredentialSpecEntity).save({
        standardId: standard.id,
        title: 'Micro-credential in Facilitating Online Learning',
        typeOfAssessment: 'Portfolio assessment',
        formOfParticipation: ParticipationForm.Online,
        typeOfQualityAssurance: 'Internal moderation',
      });
      return ds.getRepository(StandardEntity).findOneOrFail({
        where: { id: standard.id },
        relations: { learningOutcomes: { criteria: true } },
        order: { learningOutcomes: { position: 'ASC', criteria: { position: 'ASC' } } },
      });
    },
  };
}

/**
 * The EU micro-credential elements of an award of every learning outcome of `standard` to `candidate` (a test's
 * stand-in for what the worker builds from the standard's specification).
 */
export function microCredentialElements(
  candidate: Pick<UserEntity, 'id' | 'displayName'>,
  standard: StandardEntity,
  body: Pick<AwardingBodyEntity, 'id' | 'name' | 'country'>,
  at: Date,
): MicroCredentialElements {
  return {
    learnerIdentification: { id: candidate.id, name: candidate.displayName },
    title: `Micro-credential in ${standard.title}`,
    countryOfIssuer: body.country,
    awardingBody: { id: body.id, name: body.name },
    dateOfIssue: at.toISOString(),
    learningOutcomes: (standard.learningOutcomes ?? []).map((o) => ({ id: o.id, code: o.code, description: o.description })),
    notionalWorkloadHours: standard.workloadHours,
    credits: standard.creditSystem !== null && standard.credits !== null ? { system: standard.creditSystem, value: standard.credits } : null,
    eqfLevel: standard.eqfLevel,
    nqfLevel: null,
    typeOfAssessment: 'Portfolio assessment',
    formOfParticipation: ParticipationForm.WorkExperience,
    learningSetting: LearningSetting.Informal,
    typeOfQualityAssurance: 'Internal moderation',
    prerequisites: null,
    supervisionAndIdentityVerification: null,
    gradeAchieved: null,
    integrationStackability: null,
    furtherInformation: null,
    validUntil: null,
  };
}
