import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Signed, revocable micro-credentials:
 * - one credential per decision that awards (unique on the decision; a case may hold several over time, a
 *   revoked one stays revoked), with its issuer, the key that signed it, its Open Badges 3.0, VC-JWT and Europass
 *   forms and the one source they were generated from, its position in the issuer's status lists, suspension beside revocation, and the holder's public page;
 * - the awarding bodies' signing keys, the secret half sealed with CREDENTIAL_KEYS, one current key per body;
 * - the forms of participation validation recognises (volunteering, work experience, self-directed learning) and
 *   ELM's learning setting on the micro-credential specification.
 * Credentials issued before this stay as they are: unsigned, with no status position.
 */
export class Credentials1765200000000 implements MigrationInterface {
  name = 'Credentials1765200000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."uq_credential_case"`);
    await queryRunner.query(`ALTER TABLE "credential" DROP CONSTRAINT "REL_606bbd398142467fd96d104999"`);
    await queryRunner.query(`
            CREATE TABLE "awarding_body_key" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "awarding_body_id" uuid NOT NULL,
                "controller" text NOT NULL,
                "verification_method" text NOT NULL,
                "public_key_multibase" text NOT NULL,
                "sealed_secret_key" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "retired_at" TIMESTAMP WITH TIME ZONE,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "ck_awarding_body_key_revoked" CHECK (revoked_at IS NULL OR retired_at IS NOT NULL),
                CONSTRAINT "ck_awarding_body_key_retired" CHECK (retired_at IS NULL OR retired_at >= created_at),
                CONSTRAINT "PK_3ab9d512ee80f3e4c9d25bb3ed6" PRIMARY KEY ("id"),
                CONSTRAINT "fk_awarding_body_key_body" FOREIGN KEY ("awarding_body_id") REFERENCES "awarding_body"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
            )
        `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_awarding_body_key_current" ON "awarding_body_key" ("awarding_body_id") WHERE retired_at IS NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_awarding_body_key_method" ON "awarding_body_key" ("verification_method")`);
    await queryRunner.query(`ALTER TABLE "awarding_body" ADD "next_status_position" integer NOT NULL DEFAULT '0'`);

    await queryRunner.query(`ALTER TABLE "credential" ADD "awarding_body_id" uuid`);
    await queryRunner.query(`UPDATE "credential" c SET "awarding_body_id" = k."awarding_body_id" FROM "validation_case" k WHERE k."id" = c."case_id"`);
    await queryRunner.query(`ALTER TABLE "credential" ALTER COLUMN "awarding_body_id" SET NOT NULL`);
    await queryRunner.query(`
            ALTER TABLE "credential"
                ADD "key_id" uuid,
                ADD "open_badge" jsonb,
                ADD "jwt" text,
                ADD "europass" jsonb,
                ADD "award_source" jsonb,
                ADD "status_position" integer,
                ADD "revoked_by" uuid,
                ADD "suspended_at" TIMESTAMP WITH TIME ZONE,
                ADD "suspension_reason" text,
                ADD "suspended_by" uuid,
                ADD "public_page" boolean NOT NULL DEFAULT false
        `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_credential_status_position" ON "credential" ("awarding_body_id", "status_position")`);
    await queryRunner.query(`CREATE INDEX "ix_credential_candidate" ON "credential" ("candidate_id", "issued_at")`);
    await queryRunner.query(`CREATE INDEX "ix_credential_case" ON "credential" ("case_id")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_credential_decision" ON "credential" ("decision_id")`);
    await queryRunner.query(`
            ALTER TABLE "credential" ADD CONSTRAINT "ck_credential_signed" CHECK (
                (key_id IS NULL) = (open_badge IS NULL)
                AND (key_id IS NULL) = (jwt IS NULL)
                AND (key_id IS NULL) = (europass IS NULL)
                AND (key_id IS NULL) = (status_position IS NULL)
                AND (key_id IS NULL) = (award_source IS NULL)
            )
        `);
    await queryRunner.query(`ALTER TABLE "credential" ADD CONSTRAINT "ck_credential_suspension" CHECK ((suspended_at IS NULL) = (suspension_reason IS NULL))`);
    await queryRunner.query(
      `ALTER TABLE "credential" ADD CONSTRAINT "fk_credential_awarding_body" FOREIGN KEY ("awarding_body_id") REFERENCES "awarding_body"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "credential" ADD CONSTRAINT "fk_credential_key" FOREIGN KEY ("key_id") REFERENCES "awarding_body_key"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );

    await queryRunner.query(`CREATE TYPE "public"."learning_setting" AS ENUM('formal', 'non_formal', 'informal')`);
    await queryRunner.query(`ALTER TABLE "micro_credential_spec" ADD "learning_setting" "public"."learning_setting" NOT NULL DEFAULT 'non_formal'`);
    await queryRunner.query(`ALTER TYPE "public"."participation_form" ADD VALUE 'volunteering'`);
    await queryRunner.query(`ALTER TYPE "public"."participation_form" ADD VALUE 'work_experience'`);
    await queryRunner.query(`ALTER TYPE "public"."participation_form" ADD VALUE 'self_directed'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // Only possible while every case holds at most one credential and no specification uses the new forms.
    await queryRunner.query(`UPDATE "micro_credential_spec" SET "form_of_participation" = 'online' WHERE "form_of_participation"::text IN ('volunteering', 'work_experience', 'self_directed')`);
    await queryRunner.query(`CREATE TYPE "public"."participation_form_old" AS ENUM('online', 'onsite', 'blended')`);
    await queryRunner.query(
      `ALTER TABLE "micro_credential_spec" ALTER COLUMN "form_of_participation" TYPE "public"."participation_form_old" USING "form_of_participation"::"text"::"public"."participation_form_old"`,
    );
    await queryRunner.query(`DROP TYPE "public"."participation_form"`);
    await queryRunner.query(`ALTER TYPE "public"."participation_form_old" RENAME TO "participation_form"`);
    await queryRunner.query(`ALTER TABLE "micro_credential_spec" DROP COLUMN "learning_setting"`);
    await queryRunner.query(`DROP TYPE "public"."learning_setting"`);

    await queryRunner.query(`ALTER TABLE "credential" DROP CONSTRAINT "fk_credential_key"`);
    await queryRunner.query(`ALTER TABLE "credential" DROP CONSTRAINT "fk_credential_awarding_body"`);
    await queryRunner.query(`ALTER TABLE "credential" DROP CONSTRAINT "ck_credential_suspension"`);
    await queryRunner.query(`ALTER TABLE "credential" DROP CONSTRAINT "ck_credential_signed"`);
    await queryRunner.query(`DROP INDEX "public"."uq_credential_decision"`);
    await queryRunner.query(`DROP INDEX "public"."ix_credential_case"`);
    await queryRunner.query(`DROP INDEX "public"."ix_credential_candidate"`);
    await queryRunner.query(`DROP INDEX "public"."uq_credential_status_position"`);
    await queryRunner.query(`
            ALTER TABLE "credential"
                DROP COLUMN "public_page", DROP COLUMN "suspended_by", DROP COLUMN "suspension_reason", DROP COLUMN "suspended_at",
                DROP COLUMN "revoked_by", DROP COLUMN "status_position", DROP COLUMN "award_source", DROP COLUMN "europass", DROP COLUMN "jwt",
                DROP COLUMN "open_badge", DROP COLUMN "key_id", DROP COLUMN "awarding_body_id"
        `);
    await queryRunner.query(`ALTER TABLE "awarding_body" DROP COLUMN "next_status_position"`);
    await queryRunner.query(`DROP TABLE "awarding_body_key"`);
    await queryRunner.query(`ALTER TABLE "credential" ADD CONSTRAINT "REL_606bbd398142467fd96d104999" UNIQUE ("case_id")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_credential_case" ON "credential" USING btree ("case_id")`);
  }
}
