import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The case event log is append-only: the database itself refuses to change or delete an event, so the audit
 * trail holds even against a bug or a hand-written UPDATE. (Deleting a whole case still cascades: a case with
 * events is never deleted by the application.)
 */
export class AppendOnlyCaseEvents1764500000000 implements MigrationInterface {
  name = 'AppendOnlyCaseEvents1764500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION case_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'case_event is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$
    `);
    await queryRunner.query(`
      CREATE TRIGGER tr_case_event_append_only BEFORE UPDATE ON case_event
      FOR EACH ROW EXECUTE FUNCTION case_event_append_only()
    `);
    await queryRunner.query(`
      CREATE TRIGGER tr_case_event_no_truncate BEFORE TRUNCATE ON case_event
      FOR EACH STATEMENT EXECUTE FUNCTION case_event_append_only()
    `);
    await queryRunner.query(`
      CREATE TRIGGER tr_case_event_no_delete BEFORE DELETE ON case_event
      FOR EACH ROW WHEN (pg_trigger_depth() = 0) EXECUTE FUNCTION case_event_append_only()
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER tr_case_event_no_delete ON case_event`);
    await queryRunner.query(`DROP TRIGGER tr_case_event_no_truncate ON case_event`);
    await queryRunner.query(`DROP TRIGGER tr_case_event_append_only ON case_event`);
    await queryRunner.query(`DROP FUNCTION case_event_append_only()`);
  }
}
