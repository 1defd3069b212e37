import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Assessment sessions (interview, observation, simulation, jury) of a case, written by its process; and the
 * outbox's attachments, which carry a session's iCalendar invitation.
 */
export class AssessmentSessions1765600000000 implements MigrationInterface {
  name = 'AssessmentSessions1765600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TYPE "public"."assessment_method_type" AS ENUM(
        'portfolio',
        'interview',
        'observation',
        'simulation',
        'test',
        'jury'
      )
    `);
    await queryRunner.query(`
      CREATE TABLE "assessment_session" (
        "id" uuid NOT NULL,
        "case_id" uuid NOT NULL,
        "sequence" smallint NOT NULL,
        "assessor_id" uuid NOT NULL,
        "method_code" text NOT NULL,
        "method_type" "public"."assessment_method_type" NOT NULL,
        "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "duration_minutes" smallint NOT NULL,
        "time_zone" text NOT NULL,
        "location" text,
        "online_url" text,
        "attendees" jsonb NOT NULL DEFAULT '[]',
        "status" text NOT NULL DEFAULT 'proposed',
        "candidate_note" text,
        "outcome_note" text,
        "judgements" jsonb NOT NULL DEFAULT '[]',
        "proposed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "answered_at" TIMESTAMP WITH TIME ZONE,
        "ended_at" TIMESTAMP WITH TIME ZONE,
        "reminded_at" TIMESTAMP WITH TIME ZONE,
        "calendar_sequence" smallint NOT NULL DEFAULT '0',
        CONSTRAINT "ck_assessment_session_sequence" CHECK (sequence >= 1),
        CONSTRAINT "ck_assessment_session_place" CHECK (
          location IS NOT NULL
          OR online_url IS NOT NULL
        ),
        CONSTRAINT "ck_assessment_session_duration" CHECK (
          duration_minutes BETWEEN 10 AND 480
        ),
        CONSTRAINT "ck_assessment_session_status" CHECK (
          status IN (
            'proposed',
            'confirmed',
            'reschedule_requested',
            'held',
            'candidate_absent',
            'postponed',
            'cancelled'
          )
        ),
        CONSTRAINT "PK_51dc6f2b88ede2c9661bd2f0efa" PRIMARY KEY ("id")
      )
    `);
    await queryRunner.query(`
      CREATE INDEX "ix_assessment_session_assessor" ON "assessment_session" ("assessor_id", "starts_at")
    `);
    await queryRunner.query(`
      CREATE UNIQUE INDEX "uq_assessment_session_case_pending" ON "assessment_session" ("case_id")
      WHERE status IN ('proposed', 'confirmed')
    `);
    await queryRunner.query(`
      CREATE UNIQUE INDEX "uq_assessment_session_case_sequence" ON "assessment_session" ("case_id", "sequence")
    `);
    await queryRunner.query(`
      ALTER TABLE "notification"
      ADD "attachments" jsonb NOT NULL DEFAULT '[]'
    `);
    await queryRunner.query(`
      ALTER TABLE "assessment_session"
      ADD CONSTRAINT "fk_assessment_session_case" FOREIGN KEY ("case_id") REFERENCES "validation_case"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
    `);
    await queryRunner.query(`
      ALTER TABLE "assessment_session"
      ADD CONSTRAINT "fk_assessment_session_assessor" FOREIGN KEY ("assessor_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "assessment_session" DROP CONSTRAINT "fk_assessment_session_assessor"
    `);
    await queryRunner.query(`
      ALTER TABLE "assessment_session" DROP CONSTRAINT "fk_assessment_session_case"
    `);
    await queryRunner.query(`
      ALTER TABLE "notification" DROP COLUMN "attachments"
    `);
    await queryRunner.query(`
      DROP INDEX "public"."uq_assessment_session_case_sequence"
    `);
    await queryRunner.query(`
      DROP INDEX "public"."uq_assessment_session_case_pending"
    `);
    await queryRunner.query(`
      DROP INDEX "public"."ix_assessment_session_assessor"
    `);
    await queryRunner.query(`
      DROP TABLE "assessment_session"
    `);
    await queryRunner.query(`
      DROP TYPE "public"."assessment_method_type"
    `);
  }
}

