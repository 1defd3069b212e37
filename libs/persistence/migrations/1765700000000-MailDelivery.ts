import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Delivery of the outbox by e-mail: attempts made, when the next is due (also the lease a relay holds while it
 * sends), the last failure; and the index the relay's poll walks. A pending message is always due at some time.
 */
export class MailDelivery1765700000000 implements MigrationInterface {
  name = 'MailDelivery1765700000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "notification"
      ADD "attempts" integer NOT NULL DEFAULT '0',
      ADD "next_attempt_at" TIMESTAMP WITH TIME ZONE DEFAULT now(),
      ADD "last_error" text
    `);
    // messages written before the relay existed are due in the order they were written
    await queryRunner.query(`
      UPDATE "notification"
      SET "next_attempt_at" = CASE WHEN status = 'pending' THEN created_at END
    `);
    await queryRunner.query(`
      ALTER TABLE "notification"
      ADD CONSTRAINT "ck_notification_attempts" CHECK (attempts >= 0)
    `);
    await queryRunner.query(`
      ALTER TABLE "notification"
      ADD CONSTRAINT "ck_notification_next_attempt_at" CHECK (status <> 'pending' OR next_attempt_at IS NOT NULL)
    `);
    await queryRunner.query(`
      CREATE INDEX "ix_notification_due" ON "notification" ("status", "next_attempt_at", "created_at")
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP INDEX "public"."ix_notification_due"
    `);
    await queryRunner.query(`
      ALTER TABLE "notification" DROP CONSTRAINT "ck_notification_next_attempt_at"
    `);
    await queryRunner.query(`
      ALTER TABLE "notification" DROP CONSTRAINT "ck_notification_attempts"
    `);
    await queryRunner.query(`
      ALTER TABLE "notification" DROP COLUMN "last_error",
      DROP COLUMN "next_attempt_at",
      DROP COLUMN "attempts"
    `);
  }
}
