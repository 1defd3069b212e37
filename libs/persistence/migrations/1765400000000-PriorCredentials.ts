import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Recognition of prior credentials, and expiry reminders:
 * - evidence of kind credential: an Open Badges 3.0 credential issued elsewhere, stored as presented (JSON or
 *   VC-JWT) in evidence_credential with the verification it got when it was added;
 * - credential_recognition: an assessor's record that such a credential recognises one learning outcome it is
 *   linked to (its foreign key is the evidence's outcome mapping), one per evidence and outcome;
 * - credential.expiry_reminded_at: when the holder was reminded that the credential expires (set once).
 * The new enum value is not used in this migration (PostgreSQL refuses a value added in the same transaction).
 */
export class PriorCredentials1765400000000 implements MigrationInterface {
  name = 'PriorCredentials1765400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TYPE "public"."evidence_kind" ADD VALUE IF NOT EXISTS 'credential'`);
    await queryRunner.query(`
            CREATE TABLE "evidence_credential" (
                "evidence_id" uuid NOT NULL,
                "format" text NOT NULL,
                "presented_json" jsonb,
                "presented_jwt" text,
                "verified" boolean NOT NULL,
                "checks" jsonb NOT NULL,
                "credential_id" text,
                "issuer_id" text,
                "issuer_name" text,
                "achievement_name" text,
                "valid_until" TIMESTAMP WITH TIME ZONE,
                "verified_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "ck_evidence_credential_presented" CHECK ((presented_json IS NULL) <> (presented_jwt IS NULL)),
                CONSTRAINT "REL_evidence_credential_evidence" UNIQUE ("evidence_id"),
                CONSTRAINT "PK_evidence_credential" PRIMARY KEY ("evidence_id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "credential_recognition" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "evidence_id" uuid NOT NULL,
                "learning_outcome_id" uuid NOT NULL,
                "assessor_id" uuid NOT NULL,
                "recognised_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "comment" text NOT NULL DEFAULT '',
                CONSTRAINT "PK_credential_recognition" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_credential_recognition" ON "credential_recognition" ("evidence_id", "learning_outcome_id")`);
    await queryRunner.query(`ALTER TABLE "credential" ADD "expiry_reminded_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `ALTER TABLE "evidence_credential" ADD CONSTRAINT "fk_evidence_credential_evidence" FOREIGN KEY ("evidence_id") REFERENCES "evidence"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "credential_recognition" ADD CONSTRAINT "fk_credential_recognition_evidence_outcome" FOREIGN KEY ("evidence_id", "learning_outcome_id") REFERENCES "evidence_outcome"("evidence_id","learning_outcome_id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "credential_recognition" ADD CONSTRAINT "fk_credential_recognition_assessor" FOREIGN KEY ("assessor_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "credential_recognition" DROP CONSTRAINT "fk_credential_recognition_assessor"`);
    await queryRunner.query(`ALTER TABLE "credential_recognition" DROP CONSTRAINT "fk_credential_recognition_evidence_outcome"`);
    await queryRunner.query(`ALTER TABLE "evidence_credential" DROP CONSTRAINT "fk_evidence_credential_evidence"`);
    await queryRunner.query(`ALTER TABLE "credential" DROP COLUMN "expiry_reminded_at"`);
    await queryRunner.query(`DROP INDEX "public"."uq_credential_recognition"`);
    await queryRunner.query(`DROP TABLE "credential_recognition"`);
    await queryRunner.query(`DROP TABLE "evidence_credential"`);
    // PostgreSQL cannot drop an enum value: evidence of kind credential must be gone, and the value stays unused.
    await queryRunner.query(`DELETE FROM "evidence" WHERE kind = 'credential'`);
  }
}
