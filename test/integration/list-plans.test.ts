import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { CASE_SORTS, caseListQuery } from '../../apps/api/src/cases/cases.repository';
import type { CaseListFilter, CaseListScope } from '../../apps/api/src/cases/cases.repository';
import { CaseSort } from '../../apps/api/src/cases/dto/case.dto';
import { encodeCursor } from '../../apps/api/src/common/keyset';
import { keysetPageQuery } from '../../apps/api/src/common/keyset.query';
import { CaseStatus, Role } from '../../libs/domain';
import { CaseEntity } from '../../libs/persistence/entities';
import { factories } from '../factories';
import { dropDatabase, openTestDataSource, otherTestDatabaseUrl, prepareDatabase } from '../support/database';

/** A database of its own: 100,000 cases would slow every other test's lists. */
const DATABASE_URL = otherTestDatabaseUrl(`vnfil_test_list_plans_${process.pid}`);
const CASES = 100_000;

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Actual Rows'?: number;
  Plans?: PlanNode[];
}

const nodes = (plan: PlanNode): PlanNode[] => [plan, ...(plan.Plans ?? []).flatMap(nodes)];
const summary = (plan: PlanNode): string =>
  nodes(plan)
    .map((n) => `${n['Node Type']}${n['Index Name'] ? ` on ${n['Index Name']}` : ''}`)
    .join(' > ');

describe('list query plans on 100,000 cases', () => {
  let ds: DataSource;
  let bodyId: string;
  let standardId: string;

  beforeAll(async () => {
    await prepareDatabase(DATABASE_URL);
    ds = await openTestDataSource(DATABASE_URL);
    const make = factories(ds);
    const body = await make.body();
    const other = await make.body();
    bodyId = body.id;
    standardId = (await make.standard(body.id)).id;
    const otherStandard = (await make.standard(other.id)).id;
    await make.user(Role.BodyAdmin, body.id);
    await ds.query(
      `INSERT INTO app_user (email, display_name, password_hash, role)
       SELECT 'plans.' || i || '@test.vnfil.eu', 'Candidate ' || md5(i::text), 'x', 'candidate' FROM generate_series(1, $1) AS i`,
      [CASES],
    );
    // 9 in 10 cases in the body, the rest in another; statuses in turn: a tenth of them await the decision
    await ds.query(
      `INSERT INTO validation_case (candidate_id, standard_id, awarding_body_id, status, stage, workflow_id, created_at, status_changed_at,
                                    assessment_due_at, evidence_due_at, closed_at, outcome)
       SELECT u.id, CASE WHEN n % 10 = 9 THEN $2::uuid ELSE $1::uuid END, CASE WHEN n % 10 = 9 THEN $4::uuid ELSE $3::uuid END,
              s.status::case_status, 'assessment', 'case-' || u.id, now() - n * interval '1 minute', now() - (n % 9973) * interval '1 minute',
              CASE WHEN s.status = 'under_assessment' THEN now() + (n % 97 - 20) * interval '1 day' END,
              CASE WHEN s.status = 'evidence_requested' THEN now() + (n % 31 - 5) * interval '1 day' END,
              CASE WHEN s.status IN ('closed', 'withdrawn') THEN now() END,
              CASE WHEN s.status IN ('closed', 'withdrawn') THEN 'withdrawn'::case_outcome END
       FROM (SELECT id, row_number() OVER (ORDER BY email) AS n FROM app_user WHERE role = 'candidate') u
       CROSS JOIN LATERAL (SELECT (ARRAY['awaiting_decision', 'under_assessment', 'under_assessment', 'evidence_requested', 'closed', 'closed',
                                         'draft', 'assessor_assigned', 'awarded', 'withdrawn'])[u.n % 10 + 1] AS status) s`,
      [standardId, otherStandard, bodyId, other.id],
    );
    await ds.query('ANALYZE');
  }, 300_000);

  afterAll(async () => {
    await ds?.destroy();
    await dropDatabase(DATABASE_URL);
  });

  async function explain(scope: CaseListScope, filter: CaseListFilter, cursor?: string): Promise<{ plan: PlanNode; ms: number; rows: number }> {
    const query = keysetPageQuery(caseListQuery(ds.getRepository(CaseEntity).createQueryBuilder('c'), scope, filter), CASE_SORTS[filter.sort], {
      limit: 25,
      ...(cursor ? { cursor } : {}),
    });
    const [sql, params] = query.getQueryAndParameters();
    const [{ 'QUERY PLAN': [result] }] = (await ds.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql}`, params)) as [
      { 'QUERY PLAN': [{ Plan: PlanNode; 'Execution Time': number }] },
    ];
    const rows = ((await query.getRawMany()) as unknown[]).length;
    console.log(`${filter.sort}${filter.status ? ` status=${filter.status.join(',')}` : ''}${filter.overdue ? ' overdue' : ''}${filter.q ? ` q=${filter.q}` : ''}${cursor ? ' (deep cursor)' : ''}: ${summary(result.Plan)}; ${result['Execution Time'].toFixed(2)} ms, ${rows} rows`);
    return { plan: result.Plan, ms: result['Execution Time'], rows };
  }

  const indexes = (plan: PlanNode) => nodes(plan).map((n) => n['Index Name']).filter(Boolean);
  const sorts = (plan: PlanNode) => nodes(plan).filter((n) => n['Node Type'] === 'Sort' || n['Node Type'] === 'Incremental Sort');

  it("serves an admin's 'awaiting decision, oldest first' from ix_validation_case_body_status_since, with no sort, on the first page and deep in", async () => {
    const filter: CaseListFilter = { status: [CaseStatus.AwaitingDecision], sort: CaseSort.StatusSinceAsc };
    const first = await explain({ awardingBodyId: bodyId }, filter);
    expect(indexes(first.plan)).toContain('ix_validation_case_body_status_since');
    expect(sorts(first.plan)).toEqual([]);
    expect(first.rows).toBe(26);
    const [{ since, id }] = (await ds.query(
      `SELECT to_char(COALESCE(status_changed_at, created_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS since, id::text AS id
       FROM validation_case WHERE awarding_body_id = $1 AND status = 'awaiting_decision'
       ORDER BY COALESCE(status_changed_at, created_at), id OFFSET 5000 LIMIT 1`,
      [bodyId],
    )) as { since: string; id: string }[];
    const deep = await explain({ awardingBodyId: bodyId }, filter, encodeCursor(CASE_SORTS[CaseSort.StatusSinceAsc], [since, id]));
    expect(indexes(deep.plan)).toContain('ix_validation_case_body_status_since');
    expect(sorts(deep.plan)).toEqual([]);
    expect(deep.rows).toBe(26);
  });

  it('serves the next deadline first and overdue cases from ix_validation_case_body_due, with no sort', async () => {
    const due = await explain({ awardingBodyId: bodyId }, { sort: CaseSort.DueAsc });
    expect(indexes(due.plan)).toContain('ix_validation_case_body_due');
    expect(sorts(due.plan)).toEqual([]);
    const overdue = await explain({ awardingBodyId: bodyId }, { overdue: true, sort: CaseSort.DueAsc });
    expect(indexes(overdue.plan)).toContain('ix_validation_case_body_due');
    expect(sorts(overdue.plan)).toEqual([]);
    expect(overdue.rows).toBe(26);
  });

  it('serves newest first and time in status without a status filter from their indexes', async () => {
    const newest = await explain({ awardingBodyId: bodyId }, { sort: CaseSort.CreatedDesc });
    expect(indexes(newest.plan)).toContain('ix_validation_case_body_created');
    expect(sorts(newest.plan)).toEqual([]);
    const since = await explain({ awardingBodyId: bodyId }, { sort: CaseSort.StatusSinceAsc });
    expect(indexes(since.plan)).toContain('ix_validation_case_body_since');
    expect(sorts(since.plan)).toEqual([]);
  });

  it("finds a candidate by part of their name through the trigram index", async () => {
    const [{ name }] = (await ds.query(`SELECT display_name AS name FROM app_user WHERE email = 'plans.4242@test.vnfil.eu'`)) as { name: string }[];
    const found = await explain({ awardingBodyId: bodyId }, { q: name.slice(10, 22), sort: CaseSort.CreatedDesc });
    expect(indexes(found.plan)).toContain('ix_app_user_display_name_trgm');
    expect(found.rows).toBeGreaterThanOrEqual(1);
  });

  it('keeps a body admin to their body even with a forged cursor from the start of time', async () => {
    const cursor = encodeCursor(CASE_SORTS[CaseSort.CreatedDesc], ['infinity', randomUUID()]);
    const query = keysetPageQuery(caseListQuery(ds.getRepository(CaseEntity).createQueryBuilder('c'), { awardingBodyId: bodyId }, { sort: CaseSort.CreatedDesc }), CASE_SORTS[CaseSort.CreatedDesc], {
      limit: 100,
      cursor,
    });
    const rows = (await query.addSelect('c.awarding_body_id', 'body').getRawMany()) as { body: string }[];
    expect(rows).toHaveLength(101);
    expect(new Set(rows.map((r) => r.body))).toEqual(new Set([bodyId]));
  });
});
