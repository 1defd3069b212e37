import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Requests sent with an Idempotency-Key header, one row per user and key, holding the final answer (status and
 * JSON body) that a retry gets instead of running the request again. The unique (user, key) index is what lets
 * only one of two concurrent requests with the same key run.
 */
export class IdempotencyKeys1764900000000 implements MigrationInterface {
  name = 'IdempotencyKeys1764900000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "idempotency_key" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "key" text NOT NULL,
                "method" text NOT NULL,
                "path" text NOT NULL,
                "fingerprint" character(64) NOT NULL,
                "state" text NOT NULL DEFAULT 'in_progress',
                "step_case_id" uuid,
                "step_update_id" text,
                "response_status" smallint,
                "response_body" text,
                "claimed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "completed_at" TIMESTAMP WITH TIME ZONE,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "ck_idempotency_key_step" CHECK (state <> 'accepted' OR (step_case_id IS NOT NULL AND step_update_id IS NOT NULL)),
                CONSTRAINT "ck_idempotency_key_answer" CHECK ((state = 'completed') = (response_status IS NOT NULL)),
                CONSTRAINT "ck_idempotency_key_state" CHECK (state IN ('in_progress', 'accepted', 'completed')),
                CONSTRAINT "ck_idempotency_key_key" CHECK (char_length(key) BETWEEN 1 AND 200),
                CONSTRAINT "PK_213f125e14469be304f9ff1d452" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_idempotency_key_user_key" ON "idempotency_key" ("user_id", "key")
        `);
    await queryRunner.query(`
            ALTER TABLE "idempotency_key"
            ADD CONSTRAINT "fk_idempotency_key_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "idempotency_key" DROP CONSTRAINT "fk_idempotency_key_user"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_idempotency_key_user_key"
        `);
    await queryRunner.query(`
            DROP TABLE "idempotency_key"
        `);
  }
}
