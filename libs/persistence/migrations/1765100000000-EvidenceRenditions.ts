import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A file evidence may have a rendition for viewing (a JPEG of a HEIC photo), stored by content beside the file
 * as sent. Both columns are set together, only on files; the rendition's key is a content address like the file's.
 */
export class EvidenceRenditions1765100000000 implements MigrationInterface {
  name = 'EvidenceRenditions1765100000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "evidence" ADD "rendition_storage_key" text`);
    await queryRunner.query(`ALTER TABLE "evidence" ADD "rendition_media_type" text`);
    await queryRunner.query(`
            ALTER TABLE "evidence" ADD CONSTRAINT "ck_evidence_rendition" CHECK (
                (rendition_storage_key IS NULL) = (rendition_media_type IS NULL)
                AND (rendition_storage_key IS NULL OR (kind = 'file' AND rendition_storage_key ~ '^[0-9a-f]{2}/[0-9a-f]{64}$'))
            )
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "evidence" DROP CONSTRAINT "ck_evidence_rendition"`);
    await queryRunner.query(`ALTER TABLE "evidence" DROP COLUMN "rendition_media_type"`);
    await queryRunner.query(`ALTER TABLE "evidence" DROP COLUMN "rendition_storage_key"`);
  }
}
