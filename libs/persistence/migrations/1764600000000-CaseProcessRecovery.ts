import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a case's process needs to resume from its records alone (a new run after continue-as-new, a restart):
 * the statuses awaiting_assessor and needs_attention, the candidate's last activity (read by the inactivity
 * timer, so portfolio edits send the workflow nothing), the reopen deadline, why a case needs attention and
 * the run that writes it; and case_step, the idempotency anchor of every recorded step (its key is the run id
 * and a counter). Rows written under a natural key carry the step that wrote them, so a second writer is
 * detected instead of silently keeping the first row.
 */
export class CaseProcessRecovery1764600000000 implements MigrationInterface {
  name = 'CaseProcessRecovery1764600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TYPE "public"."case_status" ADD VALUE IF NOT EXISTS 'awaiting_assessor' BEFORE 'assessor_assigned'`);
    await queryRunner.query(`ALTER TYPE "public"."case_status" ADD VALUE IF NOT EXISTS 'needs_attention' BEFORE 'withdrawn'`);
    await queryRunner.query(`ALTER TYPE "public"."case_outcome" ADD VALUE IF NOT EXISTS 'closed_by_body'`);
    await queryRunner.query(`
      ALTER TABLE "validation_case"
        ADD "last_activity_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        ADD "reopen_deadline" TIMESTAMP WITH TIME ZONE,
        ADD "attention_reason" text,
        ADD "process_run_id" text
    `);
    await queryRunner.query(`
      CREATE TABLE "case_step" (
        "case_id" uuid NOT NULL,
        "key" text NOT NULL,
        "result" jsonb NOT NULL,
        "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "pk_case_step" PRIMARY KEY ("case_id", "key")
      )
    `);
    await queryRunner.query(`
      ALTER TABLE "case_step" ADD CONSTRAINT "fk_case_step_case" FOREIGN KEY ("case_id") REFERENCES "validation_case"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
    `);
    for (const table of ['case_assessor', 'assessment', 'decision', 'credential']) {
      await queryRunner.query(`ALTER TABLE "${table}" ADD "step_key" text`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['credential', 'decision', 'assessment', 'case_assessor']) {
      await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "step_key"`);
    }
    await queryRunner.query(`DROP TABLE "case_step"`);
    await queryRunner.query(`
      ALTER TABLE "validation_case"
        DROP COLUMN "process_run_id", DROP COLUMN "attention_reason", DROP COLUMN "reopen_deadline", DROP COLUMN "last_activity_at"
    `);
    // PostgreSQL cannot drop enum values; the added statuses and outcome stay, unused.
  }
}
