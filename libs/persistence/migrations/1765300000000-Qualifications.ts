import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Qualifications stacked from micro-credentials:
 * - a qualification per awarding body (code unique per body, EQF level, rule all_of or credit_total with the
 *   credits required for the latter only) and its component standards (each once);
 * - its credential is a row of `credential` with no case and no decision but the qualification, and at most one
 *   not revoked per qualification and holder (uq_credential_qualification_holder: the exactly-once guard).
 */
export class Qualifications1765300000000 implements MigrationInterface {
  name = 'Qualifications1765300000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."qualification_rule" AS ENUM('all_of', 'credit_total')`);
    await queryRunner.query(`
            CREATE TABLE "qualification" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "awarding_body_id" uuid NOT NULL,
                "code" text NOT NULL,
                "title" text NOT NULL,
                "description" text NOT NULL DEFAULT '',
                "eqf_level" smallint NOT NULL,
                "rule" "public"."qualification_rule" NOT NULL,
                "credits_required" numeric(6,2),
                "published" boolean NOT NULL DEFAULT false,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_qualification_eqf_level" CHECK (eqf_level BETWEEN 1 AND 8),
                CONSTRAINT "ck_qualification_credits" CHECK ((rule = 'credit_total') = (credits_required IS NOT NULL) AND (credits_required IS NULL OR credits_required > 0)),
                CONSTRAINT "pk_qualification" PRIMARY KEY ("id"),
                CONSTRAINT "fk_qualification_awarding_body" FOREIGN KEY ("awarding_body_id") REFERENCES "awarding_body"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
            )
        `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_qualification_body_code" ON "qualification" ("awarding_body_id", "code")`);
    await queryRunner.query(`
            CREATE TABLE "qualification_component" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "qualification_id" uuid NOT NULL,
                "standard_id" uuid NOT NULL,
                CONSTRAINT "pk_qualification_component" PRIMARY KEY ("id"),
                CONSTRAINT "fk_qualification_component_qualification" FOREIGN KEY ("qualification_id") REFERENCES "qualification"("id") ON DELETE CASCADE ON UPDATE NO ACTION,
                CONSTRAINT "fk_qualification_component_standard" FOREIGN KEY ("standard_id") REFERENCES "standard"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
            )
        `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_qualification_component" ON "qualification_component" ("qualification_id", "standard_id")`);
    await queryRunner.query(`CREATE INDEX "ix_qualification_component_standard" ON "qualification_component" ("standard_id")`);

    await queryRunner.query(`ALTER TABLE "credential" ALTER COLUMN "case_id" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "credential" ALTER COLUMN "decision_id" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "credential" ADD "qualification_id" uuid`);
    await queryRunner.query(
      `ALTER TABLE "credential" ADD CONSTRAINT "ck_credential_kind" CHECK ((decision_id IS NULL) <> (qualification_id IS NULL) AND (case_id IS NULL) = (decision_id IS NULL))`,
    );
    await queryRunner.query(
      `ALTER TABLE "credential" ADD CONSTRAINT "fk_credential_qualification" FOREIGN KEY ("qualification_id") REFERENCES "qualification"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_credential_qualification_holder" ON "credential" ("qualification_id", "candidate_id") WHERE revoked_at IS NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // Only possible while no qualification credential has been issued.
    await queryRunner.query(`DROP INDEX "public"."uq_credential_qualification_holder"`);
    await queryRunner.query(`ALTER TABLE "credential" DROP CONSTRAINT "fk_credential_qualification"`);
    await queryRunner.query(`ALTER TABLE "credential" DROP CONSTRAINT "ck_credential_kind"`);
    await queryRunner.query(`ALTER TABLE "credential" DROP COLUMN "qualification_id"`);
    await queryRunner.query(`ALTER TABLE "credential" ALTER COLUMN "decision_id" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "credential" ALTER COLUMN "case_id" SET NOT NULL`);
    await queryRunner.query(`DROP TABLE "qualification_component"`);
    await queryRunner.query(`DROP TABLE "qualification"`);
    await queryRunner.query(`DROP TYPE "public"."qualification_rule"`);
  }
}
