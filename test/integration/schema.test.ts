import type { DataSource } from 'typeorm';
import { openTestDataSource } from '../support/database';

describe('database schema', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = await openTestDataSource();
  });
  afterAll(async () => {
    await ds.destroy();
  });

  it('is exactly what the entities describe once the migrations have run', async () => {
    const pending = await ds.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('keeps one open case per candidate and standard', async () => {
    const rows: { indexdef: string }[] = await ds.query(
      `SELECT indexdef FROM pg_indexes WHERE indexname = 'uq_validation_case_open_per_standard'`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.indexdef).toContain('WHERE');
  });
});
