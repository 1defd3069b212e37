import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts for the portal: a person proves their e-mail address before signing in there, reads the portal and
 * their messages in their language, and may reset a forgotten password. The one-time links of both are kept as
 * the sha256 of their token, with an expiry and the moment they were used.
 */
export class PortalAccounts1765710000000 implements MigrationInterface {
  name = 'PortalAccounts1765710000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "app_user" ADD "email_verified_at" TIMESTAMP WITH TIME ZONE`);
    // accounts made before verification existed were made by their body or proved by use: they stay usable
    await queryRunner.query(`UPDATE "app_user" SET "email_verified_at" = "created_at"`);
    // null until the person chooses (the portal then follows their browser; messages are in English)
    await queryRunner.query(`ALTER TABLE "app_user" ADD "locale" text`);
    await queryRunner.query(`ALTER TABLE "app_user" ADD CONSTRAINT "ck_app_user_locale" CHECK (locale IN ('en', 'fr'))`);
    await queryRunner.query(`
      CREATE TABLE "account_token" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "user_id" uuid NOT NULL,
        "purpose" text NOT NULL,
        "token_hash" character(64) NOT NULL,
        "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "used_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_account_token" PRIMARY KEY ("id"),
        CONSTRAINT "ck_account_token_purpose" CHECK (purpose IN ('verify_email', 'reset_password')),
        CONSTRAINT "fk_account_token_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE
      )
    `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_account_token_hash" ON "account_token" ("token_hash")`);
    await queryRunner.query(`CREATE INDEX "ix_account_token_user_purpose" ON "account_token" ("user_id", "purpose", "created_at")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "account_token"`);
    await queryRunner.query(`ALTER TABLE "app_user" DROP CONSTRAINT "ck_app_user_locale"`);
    await queryRunner.query(`ALTER TABLE "app_user" DROP COLUMN "locale"`);
    await queryRunner.query(`ALTER TABLE "app_user" DROP COLUMN "email_verified_at"`);
  }
}
