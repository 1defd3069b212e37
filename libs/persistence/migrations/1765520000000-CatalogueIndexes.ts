import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes of the public catalogue (docs/catalogue.md): each filter of GET /catalogue and the typical-duration figure
 * read through an index.
 * - published standards by title (the catalogue's order), partial on published;
 * - (the GIN indexes on standard.alignments and learning_outcome.alignments that the skill and occupation filters
 *   use are 1765510000000's)
 * - GIN on standard.languages: `languages @> ARRAY[code]`;
 * - pg_trgm GIN on standard.description, beside the title's (1765000000000), for `q`;
 * - the decided and closed cases of a standard with their submission and decision times, for the median.
 */
export class CatalogueIndexes1765520000000 implements MigrationInterface {
  name = 'CatalogueIndexes1765520000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_standard_catalogue_title" ON "standard" ("title", "id") WHERE published`);
    await queryRunner.query(`CREATE INDEX "ix_standard_languages" ON "standard" USING gin ("languages")`);
    await queryRunner.query(`CREATE INDEX "ix_standard_description_trgm" ON "standard" USING gin ("description" gin_trgm_ops)`);
    await queryRunner.query(
      `CREATE INDEX "ix_validation_case_standard_decided" ON "validation_case" ("standard_id") INCLUDE ("submitted_at", "decided_at") ` +
        `WHERE closed_at IS NOT NULL AND submitted_at IS NOT NULL AND decided_at IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_validation_case_standard_decided"`);
    await queryRunner.query(`DROP INDEX "ix_standard_description_trgm"`);
    await queryRunner.query(`DROP INDEX "ix_standard_languages"`);
    await queryRunner.query(`DROP INDEX "ix_standard_catalogue_title"`);
  }
}
