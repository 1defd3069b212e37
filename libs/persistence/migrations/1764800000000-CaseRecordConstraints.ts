import type { MigrationInterface, QueryRunner } from 'typeorm';

/** [table, constraint] of the keys from a case's records to validation_case that were ON DELETE CASCADE. */
const CASE_RECORD_KEYS: readonly (readonly [string, string])[] = [
  ['case_event', 'fk_case_event_case'],
  ['case_assessor', 'fk_case_assessor_case'],
  ['assessment', 'fk_assessment_case'],
  ['decision', 'fk_decision_case'],
];

/** [column, constraint] of conflict_of_interest's keys to app_user that were ON DELETE CASCADE. */
const CONFLICT_USER_KEYS: readonly (readonly [string, string])[] = [
  ['assessor_id', 'fk_conflict_of_interest_assessor'],
  ['candidate_id', 'fk_conflict_of_interest_candidate'],
];

/** [table, column, constraint, referenced table] of the keys that were missing; all ON DELETE RESTRICT. */
const NEW_KEYS: readonly (readonly [string, string, string, string])[] = [
  ['case_event', 'actor_id', 'fk_case_event_actor', 'app_user'],
  ['audit_log', 'actor_id', 'fk_audit_log_actor', 'app_user'],
  ['notification', 'case_id', 'fk_notification_case', 'validation_case'],
  ['notification', 'recipient_user_id', 'fk_notification_recipient', 'app_user'],
  ['decision', 'revoked_by', 'fk_decision_revoked_by', 'app_user'],
  ['evidence', 'added_by', 'fk_evidence_added_by', 'app_user'],
  ['conflict_of_interest', 'declared_by', 'fk_conflict_of_interest_declared_by', 'app_user'],
  ['credential', 'candidate_id', 'fk_credential_candidate', 'app_user'],
];

/**
 * Records the database itself protects.
 *
 * - One active assignment per case (a partial unique index), known assignment and notification statuses, rounds
 *   and sequences from 1, end times that agree with the status, evidence columns that belong to their kind.
 * - An ended case (withdrawn, closed) has its closed_at and its outcome, and no other case has a closed_at. The
 *   statuses are compared as text, so these checks do not depend on values added to case_status later.
 * - A key on every uuid column that names a row. Users are deactivated, never deleted, so every new key to
 *   app_user is RESTRICT (a session still goes with its user); so is every key from a record of the case (event,
 *   assignment, assessment, decision, credential, message) to validation_case. conflict_of_interest's keys to
 *   app_user become RESTRICT too: a declaration explains why an assessor was taken off a case. (Left without a
 *   key: audit_log.subject_id, text naming rows of several tables, and the jsonb recognised_outcome_ids.)
 * - A case is never hard-deleted once submitted: a trigger refuses to delete a validation_case row whose status
 *   is not draft or that has a submitted_at, and the RESTRICT keys refuse to delete a case that has any event
 *   (every started workflow writes one), assignment, assessment, decision, credential or message. What can still
 *   go is a draft nobody submitted whose process never started (the API removes one when starting its workflow
 *   fails); its own portfolio (evidence with its outcome links, self_assessment) keeps ON DELETE CASCADE so that
 *   removal stays one statement. The case_event delete trigger no longer lets nested deletes through: with no
 *   cascade left into case_event, nothing legitimate deletes an event. TRUNCATE validation_case needs CASCADE,
 *   which reaches case_event, whose truncate trigger refuses it.
 * - Indexes for the assessor's queue, case lists newest first per body and per candidate, lists by status in
 *   order of time in status, due-date sorts, the notification outbox and a case's messages; the indexes they
 *   make redundant are dropped.
 */
export class CaseRecordConstraints1764800000000 implements MigrationInterface {
  name = 'CaseRecordConstraints1764800000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Indexes.
    await queryRunner.query(`DROP INDEX "public"."ix_case_assessor_assessor_status"`);
    await queryRunner.query(`DROP INDEX "public"."ix_validation_case_candidate"`);
    await queryRunner.query(`DROP INDEX "public"."ix_validation_case_body_status"`);
    await queryRunner.query(`DROP INDEX "public"."ix_notification_status"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_case_assessor_case_active" ON "case_assessor" ("case_id") WHERE status = 'active'`);
    await queryRunner.query(`CREATE INDEX "ix_case_assessor_assessor_queue" ON "case_assessor" ("assessor_id", "status", "assigned_at")`);
    await queryRunner.query(`CREATE INDEX "ix_validation_case_body_created" ON "validation_case" ("awarding_body_id", "created_at" DESC, "id" DESC)`);
    await queryRunner.query(`CREATE INDEX "ix_validation_case_candidate_created" ON "validation_case" ("candidate_id", "created_at" DESC, "id" DESC)`);
    await queryRunner.query(`CREATE INDEX "ix_validation_case_body_status_changed" ON "validation_case" ("awarding_body_id", "status", "status_changed_at")`);
    await queryRunner.query(
      `CREATE INDEX "ix_validation_case_body_assessment_due" ON "validation_case" ("awarding_body_id", "assessment_due_at") WHERE assessment_due_at IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_validation_case_body_evidence_due" ON "validation_case" ("awarding_body_id", "evidence_due_at") WHERE evidence_due_at IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX "ix_notification_outbox" ON "notification" ("status", "created_at")`);
    await queryRunner.query(`CREATE INDEX "ix_notification_case" ON "notification" ("case_id")`);

    // Checks.
    await queryRunner.query(`
      ALTER TABLE "case_assessor"
        ADD CONSTRAINT "ck_case_assessor_status" CHECK (status IN ('active', 'completed', 'reassigned', 'conflict', 'withdrawn', 'lapsed')),
        ADD CONSTRAINT "ck_case_assessor_round" CHECK (round >= 1),
        ADD CONSTRAINT "ck_case_assessor_ended" CHECK ((ended_at IS NULL) = (status = 'active'))
    `);
    await queryRunner.query(`
      ALTER TABLE "validation_case"
        ADD CONSTRAINT "ck_validation_case_closed" CHECK ((closed_at IS NOT NULL) = (status::text IN ('withdrawn', 'closed'))),
        ADD CONSTRAINT "ck_validation_case_outcome" CHECK (outcome IS NOT NULL OR status::text NOT IN ('withdrawn', 'closed'))
    `);
    await queryRunner.query(`ALTER TABLE "assessment" ADD CONSTRAINT "ck_assessment_round" CHECK (round >= 1)`);
    await queryRunner.query(`
      ALTER TABLE "decision"
        ADD CONSTRAINT "ck_decision_sequence" CHECK (sequence >= 1),
        ADD CONSTRAINT "ck_decision_revocation" CHECK (
          (revoked_at IS NULL) = (revocation_reason IS NULL) AND (revoked_by IS NULL OR revoked_at IS NOT NULL)
        )
    `);
    await queryRunner.query(`
      ALTER TABLE "credential"
        ADD CONSTRAINT "ck_credential_revocation" CHECK ((revoked_at IS NULL) = (revocation_reason IS NULL)),
        ADD CONSTRAINT "ck_credential_validity" CHECK (valid_until IS NULL OR valid_until > issued_at)
    `);
    await queryRunner.query(`
      ALTER TABLE "evidence"
        ADD CONSTRAINT "ck_evidence_kind_columns" CHECK (
          (kind = 'file' OR (storage_key IS NULL AND sha256 IS NULL AND size_bytes IS NULL AND media_type IS NULL AND original_name IS NULL))
          AND (kind = 'url' OR url IS NULL)
          AND (kind = 'attestation' OR (attestor_name IS NULL AND attestor_email IS NULL AND attestor_organisation IS NULL AND statement IS NULL))
        ),
        ADD CONSTRAINT "ck_evidence_size" CHECK (size_bytes IS NULL OR size_bytes > 0),
        ADD CONSTRAINT "ck_evidence_sha256" CHECK (sha256 IS NULL OR sha256 ~ '^[0-9a-f]{64}$')
    `);
    await queryRunner.query(`
      ALTER TABLE "notification"
        ADD CONSTRAINT "ck_notification_status" CHECK (status IN ('pending', 'sent', 'failed')),
        ADD CONSTRAINT "ck_notification_sent_at" CHECK ((sent_at IS NOT NULL) = (status = 'sent'))
    `);
    await queryRunner.query(
      `ALTER TABLE "micro_credential_spec" ADD CONSTRAINT "ck_micro_credential_spec_validity" CHECK (validity_months IS NULL OR validity_months > 0)`,
    );
    await queryRunner.query(`ALTER TABLE "learning_outcome" ADD CONSTRAINT "ck_learning_outcome_position" CHECK (position >= 1)`);
    await queryRunner.query(`ALTER TABLE "assessment_criterion" ADD CONSTRAINT "ck_assessment_criterion_position" CHECK (position >= 1)`);

    // Keys from the records of a case to the case: RESTRICT instead of CASCADE.
    for (const [table, constraint] of CASE_RECORD_KEYS) {
      await queryRunner.query(`ALTER TABLE "${table}" DROP CONSTRAINT "${constraint}"`);
      await queryRunner.query(
        `ALTER TABLE "${table}" ADD CONSTRAINT "${constraint}" FOREIGN KEY ("case_id") REFERENCES "validation_case"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
      );
    }
    for (const [column, constraint] of CONFLICT_USER_KEYS) {
      await queryRunner.query(`ALTER TABLE "conflict_of_interest" DROP CONSTRAINT "${constraint}"`);
      await queryRunner.query(
        `ALTER TABLE "conflict_of_interest" ADD CONSTRAINT "${constraint}" FOREIGN KEY ("${column}") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
      );
    }

    // Keys that were missing.
    for (const [table, column, constraint, target] of NEW_KEYS) {
      await queryRunner.query(
        `ALTER TABLE "${table}" ADD CONSTRAINT "${constraint}" FOREIGN KEY ("${column}") REFERENCES "${target}"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
      );
    }

    // A case that has left draft is never deleted.
    await queryRunner.query(`
      CREATE FUNCTION validation_case_no_delete_after_draft() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status::text <> 'draft' OR OLD.submitted_at IS NOT NULL THEN
          RAISE EXCEPTION 'case % cannot be deleted: it has left draft (status %); withdraw or close it instead', OLD.id, OLD.status
            USING ERRCODE = 'restrict_violation', CONSTRAINT = 'tr_validation_case_no_delete_after_draft';
        END IF;
        RETURN OLD;
      END
      $$
    `);
    await queryRunner.query(`
      CREATE TRIGGER tr_validation_case_no_delete_after_draft BEFORE DELETE ON validation_case
      FOR EACH ROW EXECUTE FUNCTION validation_case_no_delete_after_draft()
    `);

    // No delete of an event at any trigger depth: no cascade reaches case_event any more.
    await queryRunner.query(`DROP TRIGGER tr_case_event_no_delete ON case_event`);
    await queryRunner.query(`
      CREATE TRIGGER tr_case_event_no_delete BEFORE DELETE ON case_event
      FOR EACH ROW EXECUTE FUNCTION case_event_append_only()
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER tr_case_event_no_delete ON case_event`);
    await queryRunner.query(`
      CREATE TRIGGER tr_case_event_no_delete BEFORE DELETE ON case_event
      FOR EACH ROW WHEN (pg_trigger_depth() = 0) EXECUTE FUNCTION case_event_append_only()
    `);
    await queryRunner.query(`DROP TRIGGER tr_validation_case_no_delete_after_draft ON validation_case`);
    await queryRunner.query(`DROP FUNCTION validation_case_no_delete_after_draft()`);

    for (const [table, , constraint] of NEW_KEYS) {
      await queryRunner.query(`ALTER TABLE "${table}" DROP CONSTRAINT "${constraint}"`);
    }
    for (const [column, constraint] of CONFLICT_USER_KEYS) {
      await queryRunner.query(`ALTER TABLE "conflict_of_interest" DROP CONSTRAINT "${constraint}"`);
      await queryRunner.query(
        `ALTER TABLE "conflict_of_interest" ADD CONSTRAINT "${constraint}" FOREIGN KEY ("${column}") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
      );
    }
    for (const [table, constraint] of CASE_RECORD_KEYS) {
      await queryRunner.query(`ALTER TABLE "${table}" DROP CONSTRAINT "${constraint}"`);
      await queryRunner.query(
        `ALTER TABLE "${table}" ADD CONSTRAINT "${constraint}" FOREIGN KEY ("case_id") REFERENCES "validation_case"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
      );
    }

    await queryRunner.query(`ALTER TABLE "assessment_criterion" DROP CONSTRAINT "ck_assessment_criterion_position"`);
    await queryRunner.query(`ALTER TABLE "learning_outcome" DROP CONSTRAINT "ck_learning_outcome_position"`);
    await queryRunner.query(`ALTER TABLE "micro_credential_spec" DROP CONSTRAINT "ck_micro_credential_spec_validity"`);
    await queryRunner.query(`ALTER TABLE "notification" DROP CONSTRAINT "ck_notification_sent_at", DROP CONSTRAINT "ck_notification_status"`);
    await queryRunner.query(
      `ALTER TABLE "evidence" DROP CONSTRAINT "ck_evidence_sha256", DROP CONSTRAINT "ck_evidence_size", DROP CONSTRAINT "ck_evidence_kind_columns"`,
    );
    await queryRunner.query(`ALTER TABLE "credential" DROP CONSTRAINT "ck_credential_validity", DROP CONSTRAINT "ck_credential_revocation"`);
    await queryRunner.query(`ALTER TABLE "decision" DROP CONSTRAINT "ck_decision_revocation", DROP CONSTRAINT "ck_decision_sequence"`);
    await queryRunner.query(`ALTER TABLE "assessment" DROP CONSTRAINT "ck_assessment_round"`);
    await queryRunner.query(`ALTER TABLE "validation_case" DROP CONSTRAINT "ck_validation_case_outcome", DROP CONSTRAINT "ck_validation_case_closed"`);
    await queryRunner.query(
      `ALTER TABLE "case_assessor" DROP CONSTRAINT "ck_case_assessor_ended", DROP CONSTRAINT "ck_case_assessor_round", DROP CONSTRAINT "ck_case_assessor_status"`,
    );

    await queryRunner.query(`DROP INDEX "public"."ix_notification_case"`);
    await queryRunner.query(`DROP INDEX "public"."ix_notification_outbox"`);
    await queryRunner.query(`DROP INDEX "public"."ix_validation_case_body_evidence_due"`);
    await queryRunner.query(`DROP INDEX "public"."ix_validation_case_body_assessment_due"`);
    await queryRunner.query(`DROP INDEX "public"."ix_validation_case_body_status_changed"`);
    await queryRunner.query(`DROP INDEX "public"."ix_validation_case_candidate_created"`);
    await queryRunner.query(`DROP INDEX "public"."ix_validation_case_body_created"`);
    await queryRunner.query(`DROP INDEX "public"."ix_case_assessor_assessor_queue"`);
    await queryRunner.query(`DROP INDEX "public"."uq_case_assessor_case_active"`);
    await queryRunner.query(`CREATE INDEX "ix_notification_status" ON "notification" ("status")`);
    await queryRunner.query(`CREATE INDEX "ix_validation_case_body_status" ON "validation_case" ("awarding_body_id", "status")`);
    await queryRunner.query(`CREATE INDEX "ix_validation_case_candidate" ON "validation_case" ("candidate_id")`);
    await queryRunner.query(`CREATE INDEX "ix_case_assessor_assessor_status" ON "case_assessor" ("assessor_id", "status")`);
  }
}
