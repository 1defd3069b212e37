import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Finding standards by what they are aligned to: GIN indexes (jsonb_path_ops, which serve the containment operator
 * `@>` the standards repository uses) on standard.alignments and learning_outcome.alignments, so that "standards
 * aligned to this ESCO skill or occupation" does not read every standard.
 */
export class AlignmentSearch1765510000000 implements MigrationInterface {
  name = 'AlignmentSearch1765510000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_standard_alignments" ON "standard" USING gin ("alignments" jsonb_path_ops)`);
    await queryRunner.query(`CREATE INDEX "ix_learning_outcome_alignments" ON "learning_outcome" USING gin ("alignments" jsonb_path_ops)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_learning_outcome_alignments"`);
    await queryRunner.query(`DROP INDEX "ix_standard_alignments"`);
  }
}
