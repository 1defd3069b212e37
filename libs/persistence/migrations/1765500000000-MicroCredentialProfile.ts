import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What makes a standard's credential a micro-credential, how it is assessed, and what it is aligned to:
 * - standard: assessment_methods (jsonb list of AssessmentMethod), alignments (ESCO occupations and skills, NQF
 *   levels, by URI), languages (ISO 639-1 codes the candidate can be assessed in);
 * - learning_outcome: assessment_methods (codes of the standard's methods that assess it), alignments;
 * - micro_credential_spec: full_qualification, standalone_value, accreditation (checked before publishing);
 * - awarding_body: the workload ceiling of its micro-credentials (30 ECTS, 750 hours by default);
 * - app_user: the time zone the person reads dates in.
 */
export class MicroCredentialProfile1765500000000 implements MigrationInterface {
  name = 'MicroCredentialProfile1765500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "standard" ADD "assessment_methods" jsonb NOT NULL DEFAULT '[]'`);
    await queryRunner.query(`ALTER TABLE "standard" ADD "alignments" jsonb NOT NULL DEFAULT '[]'`);
    await queryRunner.query(`ALTER TABLE "standard" ADD "languages" text array NOT NULL DEFAULT '{en}'`);
    await queryRunner.query(`ALTER TABLE "learning_outcome" ADD "assessment_methods" text array NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`ALTER TABLE "learning_outcome" ADD "alignments" jsonb NOT NULL DEFAULT '[]'`);
    await queryRunner.query(`ALTER TABLE "micro_credential_spec" ADD "full_qualification" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "micro_credential_spec" ADD "standalone_value" jsonb`);
    await queryRunner.query(`ALTER TABLE "micro_credential_spec" ADD "accreditation" jsonb`);
    await queryRunner.query(`ALTER TABLE "awarding_body" ADD "micro_credential_max_ects" numeric(6,2) NOT NULL DEFAULT 30`);
    await queryRunner.query(`ALTER TABLE "awarding_body" ADD "micro_credential_max_hours" integer NOT NULL DEFAULT 750`);
    await queryRunner.query(
      `ALTER TABLE "awarding_body" ADD CONSTRAINT "ck_awarding_body_workload_ceiling" CHECK (micro_credential_max_ects > 0 AND micro_credential_max_hours > 0)`,
    );
    await queryRunner.query(`ALTER TABLE "app_user" ADD "time_zone" text`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "app_user" DROP COLUMN "time_zone"`);
    await queryRunner.query(`ALTER TABLE "awarding_body" DROP CONSTRAINT "ck_awarding_body_workload_ceiling"`);
    await queryRunner.query(`ALTER TABLE "awarding_body" DROP COLUMN "micro_credential_max_hours"`);
    await queryRunner.query(`ALTER TABLE "awarding_body" DROP COLUMN "micro_credential_max_ects"`);
    await queryRunner.query(`ALTER TABLE "micro_credential_spec" DROP COLUMN "accreditation"`);
    await queryRunner.query(`ALTER TABLE "micro_credential_spec" DROP COLUMN "standalone_value"`);
    await queryRunner.query(`ALTER TABLE "micro_credential_spec" DROP COLUMN "full_qualification"`);
    await queryRunner.query(`ALTER TABLE "learning_outcome" DROP COLUMN "alignments"`);
    await queryRunner.query(`ALTER TABLE "learning_outcome" DROP COLUMN "assessment_methods"`);
    await queryRunner.query(`ALTER TABLE "standard" DROP COLUMN "languages"`);
    await queryRunner.query(`ALTER TABLE "standard" DROP COLUMN "alignments"`);
    await queryRunner.query(`ALTER TABLE "standard" DROP COLUMN "assessment_methods"`);
  }
}
