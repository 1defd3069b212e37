import type { DataSource } from 'typeorm';
import { CATALOGUE_SORT, catalogueQuery, decidedCaseStatsQuery } from '../../apps/api/src/catalogue/catalogue.repository';
import type { CatalogueFilter } from '../../apps/api/src/catalogue/catalogue.repository';
import { keysetPageQuery } from '../../apps/api/src/common/keyset.query';
import { Role } from '../../libs/domain';
import { CaseEntity, StandardEntity } from '../../libs/persistence/entities';
import { factories } from '../factories';
import { dropDatabase, openTestDataSource, otherTestDatabaseUrl, prepareDatabase } from '../support/database';

/** A database of its own: 20,000 standards would slow every other test's lists. */
const DATABASE_URL = otherTestDatabaseUrl(`vnfil_test_catalogue_plans_${process.pid}`);
const STANDARDS = 20_000;
const CLOSED_CASES = 60_000;

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

const nodes = (plan: PlanNode): PlanNode[] => [plan, ...(plan.Plans ?? []).flatMap(nodes)];
const summary = (plan: PlanNode): string =>
  nodes(plan)
    .map((n) => `${n['Node Type']}${n['Index Name'] ? ` on ${n['Index Name']}` : n['Relation Name'] ? ` of ${n['Relation Name']}` : ''}`)
    .join(' > ');
const indexes = (plan: PlanNode) => nodes(plan).map((n) => n['Index Name']).filter(Boolean);
const seqScans = (plan: PlanNode) => nodes(plan).filter((n) => n['Node Type'] === 'Seq Scan').map((n) => n['Relation Name']);

describe('catalogue query plans on 20,000 standards', () => {
  let ds: DataSource;
  let bodyId: string;

  beforeAll(async () => {
    await prepareDatabase(DATABASE_URL);
    ds = await openTestDataSource(DATABASE_URL);
    const make = factories(ds);
    bodyId = (await make.body()).id;
    const candidate = await make.user(Role.Candidate);
    await ds.query(`INSERT INTO awarding_body (name, country) SELECT 'Body ' || i, 'FR' FROM generate_series(1, 199) AS i`);
    // 2,000 skills (about ten standards each), 500 occupations, ten languages (Maltese on one standard in a hundred)
    await ds.query(
      `INSERT INTO standard (awarding_body_id, code, title, description, eqf_level, credits, credit_system, workload_hours, published, alignments, languages)
       SELECT b.id, 'S' || n, 'Standard ' || md5(n::text), 'What people learn at work: ' || md5('d' || n), n % 8 + 1, n % 10 + 1, 'ECTS', 50, n % 20 <> 0,
              jsonb_build_array(jsonb_build_object('kind', 'esco_skill', 'uri', 'http://data.europa.eu/esco/skill/s' || (n % 2000), 'title', 'skill'),
                                jsonb_build_object('kind', 'esco_occupation', 'uri', 'http://data.europa.eu/esco/occupation/o' || (n % 500), 'title', 'occupation')),
              CASE WHEN n % 100 = 0 THEN ARRAY['mt'] ELSE ARRAY[(ARRAY['en','fr','de','es','it','pl','pt','nl','ro'])[n % 9 + 1]] END
       FROM generate_series(1, $1) AS n
       CROSS JOIN LATERAL (SELECT id FROM awarding_body ORDER BY id OFFSET n % 200 LIMIT 1) b`,
      [STANDARDS],
    );
    await ds.query(
      `INSERT INTO learning_outcome (standard_id, code, description, position, alignments)
       SELECT s.id, 'LO' || p, 'Outcome ' || p, p,
              jsonb_build_array(jsonb_build_object('kind', 'esco_skill', 'uri', 'http://data.europa.eu/esco/skill/lo' || (abs(hashtext(s.code)) % 4000), 'title', 'skill'))
       FROM standard s CROSS JOIN generate_series(1, 2) AS p`,
    );
    await ds.query(
      `INSERT INTO validation_case (candidate_id, standard_id, awarding_body_id, status, stage, workflow_id, submitted_at, decided_at, closed_at, outcome)
       SELECT $1, s.id, s.awarding_body_id, 'closed', 'certification', 'case-' || n, now() - interval '60 days', now() - (n % 50) * interval '1 day', now(), 'awarded'
       FROM generate_series(1, $2) AS n
       CROSS JOIN LATERAL (SELECT id, awarding_body_id FROM standard OFFSET n % ${STANDARDS} LIMIT 1) s`,
      [candidate.id, CLOSED_CASES],
    );
    // as autovacuum leaves a table: the GIN indexes' pending lists merged (a bulk insert leaves them long, and the
    // planner then prices a trigram search above reading the table), the statistics current
    await ds.query('VACUUM ANALYZE');
  }, 600_000);

  afterAll(async () => {
    await ds?.destroy();
    await dropDatabase(DATABASE_URL);
  });

  async function explain(label: string, sql: string, params: unknown[]): Promise<{ plan: PlanNode; ms: number }> {
    const [{ 'QUERY PLAN': [result] }] = (await ds.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql}`, params)) as [
      { 'QUERY PLAN': [{ Plan: PlanNode; 'Execution Time': number }] },
    ];
    console.log(`${label}: ${summary(result.Plan)}; ${result['Execution Time'].toFixed(2)} ms`);
    return { plan: result.Plan, ms: result['Execution Time'] };
  }

  const page = (label: string, filter: CatalogueFilter) => {
    const [sql, params] = keysetPageQuery(catalogueQuery(ds.getRepository(StandardEntity).createQueryBuilder('s'), filter), CATALOGUE_SORT, { limit: 25 }).getQueryAndParameters();
    return explain(label, sql, params);
  };

  it('walks the published standards by title on the partial index, without sorting', async () => {
    const { plan } = await page('no filter', {});
    expect(indexes(plan)).toContain('ix_standard_catalogue_title');
    expect(nodes(plan).filter((n) => n['Node Type'] === 'Sort')).toEqual([]);
  });

  it('finds the standards of an ESCO skill or occupation through the GIN indexes of standards and outcomes', async () => {
    const skill = await page('skill', { skill: 'http://data.europa.eu/esco/skill/s42' });
    expect(indexes(skill.plan)).toEqual(expect.arrayContaining(['ix_standard_alignments', 'ix_learning_outcome_alignments']));
    expect(seqScans(skill.plan)).toEqual([]);
    const occupation = await page('occupation', { occupation: 'http://data.europa.eu/esco/occupation/o7' });
    expect(indexes(occupation.plan)).toEqual(expect.arrayContaining(['ix_standard_alignments', 'ix_learning_outcome_alignments']));
    expect(seqScans(occupation.plan)).toEqual([]);
  });

  it('finds a rare language through the GIN index on languages, and never reads the whole table for the other filters', async () => {
    const rare = await page('language=mt', { language: 'mt' });
    expect(indexes(rare.plan)).toContain('ix_standard_languages');
    for (const [label, filter] of [
      ['language=fr', { language: 'fr' }],
      ['eqfLevel=5', { eqfLevel: 5 }],
      ['eqfLevelMin=3 eqfLevelMax=4', { eqfLevelMin: 3, eqfLevelMax: 4 }],
      ['credits 2..4 ECTS', { creditSystem: 'ECTS', creditsMin: 2, creditsMax: 4 }],
      ['awardingBodyId', { awardingBodyId: bodyId }],
    ] as [string, CatalogueFilter][]) {
      const { plan } = await page(label, filter);
      expect({ label, seqScans: seqScans(plan) }).toEqual({ label, seqScans: [] });
    }
  });

  it('finds text in the title or the description through the trigram indexes', async () => {
    const [{ fragment }] = (await ds.query(`SELECT substr(md5('d' || 4242), 5, 12) AS fragment`)) as { fragment: string }[];
    const { plan } = await page('q', { q: fragment });
    expect(indexes(plan)).toEqual(expect.arrayContaining(['ix_standard_title_trgm', 'ix_standard_description_trgm']));
    expect(seqScans(plan)).toEqual([]);
  });

  it("computes a page's typical durations in one grouped query on ix_validation_case_standard_decided", async () => {
    const ids = ((await ds.query(`SELECT id FROM standard WHERE published ORDER BY title, id LIMIT 25`)) as { id: string }[]).map((r) => r.id);
    const [sql, params] = decidedCaseStatsQuery(ds.getRepository(CaseEntity).createQueryBuilder('c'), ids).getQueryAndParameters();
    const { plan } = await explain('typical durations of a page', sql, params);
    expect(indexes(plan)).toContain('ix_validation_case_standard_decided');
    expect(seqScans(plan)).toEqual([]);
  });
});
