import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The sort keys of the case lists (apps/api/src/cases/case-list.ts), spelled exactly as the queries spell them. */
const STATUS_SINCE = `COALESCE(status_changed_at, created_at)`;
const NEXT_DUE = `COALESCE(LEAST(evidence_due_at, assessment_due_at, appeal_deadline), 'infinity'::timestamp with time zone)`;

/**
 * Indexes for lists that page by cursor (docs/lists.md). Each list's sort is a row of keys ending in the id, and
 * each index below holds the scope column(s) and then those keys, so a page is an index range scan from the
 * cursor that stops after `limit + 1` rows, however many rows the scope has:
 *
 * - a body's cases by time in status, with or without a status filter (the "awaiting decision, oldest first"
 *   list), and by the next deadline that applies (a missing one sorts as 'infinity', last); these replace the
 *   index on (body, status, status_changed_at) and the two partial due-date indexes, which the lists cannot use
 *   (a nullable key, no id to break ties);
 * - standards by title; a body's users by name and by creation;
 * - trigram GIN indexes (pg_trgm) for `ILIKE '%…%'` on a candidate's name, a user's email and a standard's
 *   title. pg_trgm ships with PostgreSQL's contrib (in the official postgres images too) and is a trusted
 *   extension: the database's owner may create it. `down` leaves the extension installed.
 */
export class ListIndexes1765000000000 implements MigrationInterface {
  name = 'ListIndexes1765000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);

    await queryRunner.query(`DROP INDEX "public"."ix_validation_case_body_status_changed"`);
    await queryRunner.query(`DROP INDEX "public"."ix_validation_case_body_assessment_due"`);
    await queryRunner.query(`DROP INDEX "public"."ix_validation_case_body_evidence_due"`);
    await queryRunner.query(`CREATE INDEX "ix_validation_case_body_status_since" ON "validation_case" ("awarding_body_id", "status", (${STATUS_SINCE}), "id")`);
    await queryRunner.query(`CREATE INDEX "ix_validation_case_body_since" ON "validation_case" ("awarding_body_id", (${STATUS_SINCE}), "id")`);
    await queryRunner.query(`CREATE INDEX "ix_validation_case_body_due" ON "validation_case" ("awarding_body_id", (${NEXT_DUE}), "id")`);

    await queryRunner.query(`CREATE INDEX "ix_standard_title" ON "standard" ("title", "id")`);
    await queryRunner.query(`CREATE INDEX "ix_app_user_body_name" ON "app_user" ("awarding_body_id", "display_name", "id")`);
    await queryRunner.query(`CREATE INDEX "ix_app_user_body_created" ON "app_user" ("awarding_body_id", "created_at" DESC, "id" DESC)`);

    await queryRunner.query(`CREATE INDEX "ix_app_user_display_name_trgm" ON "app_user" USING gin ("display_name" gin_trgm_ops)`);
    await queryRunner.query(`CREATE INDEX "ix_app_user_email_trgm" ON "app_user" USING gin ("email" gin_trgm_ops)`);
    await queryRunner.query(`CREATE INDEX "ix_standard_title_trgm" ON "standard" USING gin ("title" gin_trgm_ops)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const index of [
      'ix_standard_title_trgm',
      'ix_app_user_email_trgm',
      'ix_app_user_display_name_trgm',
      'ix_app_user_body_created',
      'ix_app_user_body_name',
      'ix_standard_title',
      'ix_validation_case_body_due',
      'ix_validation_case_body_since',
      'ix_validation_case_body_status_since',
    ]) {
      await queryRunner.query(`DROP INDEX "public"."${index}"`);
    }
    await queryRunner.query(
      `CREATE INDEX "ix_validation_case_body_evidence_due" ON "validation_case" ("awarding_body_id", "evidence_due_at") WHERE evidence_due_at IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_validation_case_body_assessment_due" ON "validation_case" ("awarding_body_id", "assessment_due_at") WHERE assessment_due_at IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX "ix_validation_case_body_status_changed" ON "validation_case" ("awarding_body_id", "status", "status_changed_at")`);
  }
}
