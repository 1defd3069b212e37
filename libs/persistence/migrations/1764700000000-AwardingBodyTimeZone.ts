import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each awarding body keeps its deadlines in its own IANA time zone: a deadline ends at the local end of day there.
 * Existing bodies get Europe/Brussels (DEFAULT_TIME_ZONE) until their admin sets another; the API checks the name,
 * since PostgreSQL's and the runtime's zone databases need not agree.
 */
export class AwardingBodyTimeZone1764700000000 implements MigrationInterface {
  name = 'AwardingBodyTimeZone1764700000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "awarding_body" ADD "time_zone" text NOT NULL DEFAULT 'Europe/Brussels'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "awarding_body" DROP COLUMN "time_zone"`);
  }
}
