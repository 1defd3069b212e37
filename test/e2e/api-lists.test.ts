import { randomUUID } from 'node:crypto';
import { CaseStage, CaseStatus, Role } from '../../libs/domain';
import { CaseAssessorEntity, StandardEntity } from '../../libs/persistence/entities';
import { ApiTestContext } from './support/api-app';
import type { BodyWorld, SignedIn } from './support/api-app';

interface CaseRow {
  id: string;
  name: string;
  status: CaseStatus;
  stage?: CaseStage;
  createdAt: string;
  statusChangedAt?: string | null;
  assessmentDueAt?: string | null;
  evidenceDueAt?: string | null;
  standardId?: string;
}

interface Summary {
  id: string;
  candidateId: string;
  status: string;
  candidateName: string;
}

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The lists page by cursor. Cases are written straight into the tables, as the workflow's activities would leave
 * them (no workflow runs): the lists read only the rows.
 */
describe('API: lists that page by cursor', () => {
  let ctx: ApiTestContext;
  let world: BodyWorld;
  let otherWorld: BodyWorld;

  beforeAll(async () => {
    ctx = await ApiTestContext.start();
    world = await ctx.body();
    otherWorld = await ctx.body();
  }, 120_000);
  afterAll(async () => {
    await ctx?.close();
  });

  /** One candidate per case, each case on `standardId` of `bodyId`; timestamps to the microsecond when given so. */
  async function seed(bodyId: string, standardId: string, rows: CaseRow[]): Promise<void> {
    await ctx.ds.query(
      `WITH spec AS (
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, name text, status text, stage text, created_at timestamptz, status_changed_at timestamptz,
                                                        assessment_due_at timestamptz, evidence_due_at timestamptz, standard_id uuid)
       ), users AS (
         INSERT INTO app_user (id, email, display_name, password_hash, role)
         SELECT id, 'lists.' || id || '@test.vnfil.eu', name, 'x', 'candidate' FROM spec
       )
       INSERT INTO validation_case (id, candidate_id, standard_id, awarding_body_id, status, stage, workflow_id, created_at, status_changed_at,
                                    assessment_due_at, evidence_due_at, closed_at, outcome)
       SELECT id, id, COALESCE(standard_id, $2::uuid), $3, status::case_status, COALESCE(stage, 'assessment')::case_stage, 'case-' || id, created_at,
              status_changed_at, assessment_due_at, evidence_due_at,
              CASE WHEN status IN ('withdrawn', 'closed') THEN now() END, CASE WHEN status IN ('withdrawn', 'closed') THEN 'withdrawn'::case_outcome END
       FROM spec`,
      [
        JSON.stringify(
          rows.map((r) => ({
            id: r.id,
            name: r.name,
            status: r.status,
            stage: r.stage ?? null,
            created_at: r.createdAt,
            status_changed_at: r.statusChangedAt ?? null,
            assessment_due_at: r.assessmentDueAt ?? null,
            evidence_due_at: r.evidenceDueAt ?? null,
            standard_id: r.standardId ?? null,
          })),
        ),
        standardId,
        bodyId,
      ],
    );
  }

  const row = (over: Partial<CaseRow> & { createdAt: string }): CaseRow => ({ id: randomUUID(), name: `Candidate ${randomUUID().slice(0, 8)}`, status: CaseStatus.UnderAssessment, ...over });

  async function pages(who: SignedIn, path: string, limit: number, between?: (pageNo: number) => Promise<void>): Promise<{ ids: string[]; pages: number }> {
    const ids: string[] = [];
    let cursor: string | null = null;
    let count = 0;
    do {
      const sep = path.includes('?') ? '&' : '?';
      const page: Page<{ id: string }> = await ctx.page(who, `${path}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(limit);
      ids.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
      count++;
      if (cursor && between) await between(count);
    } while (cursor);
    return { ids, pages: count };
  }

  /** The ids of the body's cases in an order computed by PostgreSQL from the rows themselves. */
  async function expectedOrder(bodyId: string, orderBy: string, where = 'true'): Promise<string[]> {
    const rows = (await ctx.ds.query(`SELECT id::text AS id FROM validation_case c WHERE awarding_body_id = $1 AND ${where} ORDER BY ${orderBy}`, [bodyId])) as {
      id: string;
    }[];
    return rows.map((r) => r.id);
  }

  describe("an admin's cases, at volume", () => {
    let body: BodyWorld;
    const t0 = Date.parse('2026-01-01T00:00:00Z');

    beforeAll(async () => {
      body = await ctx.body();
      // 620 cases: more than the old cap of 500. The newest cases have waited least; 120 await the decision, the
      // ones created first waiting longest; groups share a status time to the microsecond, apart by 1 µs.
      const rows: CaseRow[] = [];
      for (let i = 0; i < 620; i++) {
        const waiting = i < 120;
        const micro = String(i % 3).padStart(3, '0');
        rows.push(
          row({
            status: waiting ? CaseStatus.AwaitingDecision : CaseStatus.UnderAssessment,
            createdAt: iso(t0 + i * 60_000),
            statusChangedAt: iso(t0 + 10 * DAY + Math.floor(i / 5) * 1000).replace('Z', `${micro}Z`),
          }),
        );
      }
      await seed(body.bodyId, body.standard.id, rows);
    }, 60_000);

    it("'awaiting decision, oldest first' starts with the case that has waited longest, and paging reaches every waiting case once", async () => {
      const expected = await expectedOrder(body.bodyId, 'COALESCE(status_changed_at, created_at), id', `status = 'awaiting_decision'`);
      expect(expected).toHaveLength(120);
      const first = await ctx.page<Summary>(body.admin, '/cases?status=awaiting_decision&sort=status_since_asc&limit=5');
      expect(first.items.map((c) => c.id)).toEqual(expected.slice(0, 5));
      expect(first.items.every((c) => c.status === 'awaiting_decision')).toBe(true);
      const all = await pages(body.admin, '/cases?status=awaiting_decision&sort=status_since_asc', 7);
      expect(all.ids).toEqual(expected);
      expect(all.pages).toBe(Math.ceil(120 / 7));
      // the default, newest first, reaches all 620 (the old list stopped at 500 and hid the oldest)
      const newest = await pages(body.admin, '/cases', 100);
      expect(newest.ids).toEqual(await expectedOrder(body.bodyId, 'created_at DESC, id DESC'));
      expect(newest.ids).toHaveLength(620);
    }, 60_000);

    it('tells apart status times a microsecond apart, so no page boundary loses or repeats a case', async () => {
      const all = await pages(body.admin, '/cases?sort=status_since_asc', 4);
      expect(all.ids).toEqual(await expectedOrder(body.bodyId, 'COALESCE(status_changed_at, created_at), id'));
      expect(new Set(all.ids).size).toBe(620);
    }, 60_000);
  });

  describe('paging while cases are added', () => {
    it.each([
      ['created_desc', 'created_at DESC, id DESC'],
      ['due_asc', `COALESCE(LEAST(evidence_due_at, assessment_due_at, appeal_deadline), 'infinity'), id`],
      ['status_since_asc', 'COALESCE(status_changed_at, created_at), id'],
    ])('%s yields every case once, in order, and the cases added after the cursor', async (sort, orderBy) => {
      const body = await ctx.body();
      const base = Date.parse('2026-02-01T00:00:00Z');
      const initial = Array.from({ length: 30 }, (_, i) =>
        row({
          createdAt: iso(base + (i % 10) * 1000),
          statusChangedAt: iso(base + DAY + (i % 7) * 1000),
          assessmentDueAt: i % 4 === 0 ? null : iso(base + 20 * DAY + (i % 6) * DAY),
        }),
      );
      await seed(body.bodyId, body.standard.id, initial);
      const added: string[] = [];
      const early: string[] = [];
      const result = await pages(body.admin, `/cases?sort=${sort}`, 7, async () => {
        // one case that sorts before everything (already paged past) and one that sorts after everything
        const before = row({ createdAt: iso(base + 100 * DAY), statusChangedAt: iso(base - DAY), assessmentDueAt: iso(base) });
        // with no deadline it ties with the other undated cases on the due date: its id puts it after them too
        const after = row({
          id: `ffffffff-ffff-4fff-bfff-${randomUUID().slice(-12)}`,
          createdAt: iso(base - 100 * DAY),
          statusChangedAt: iso(base + 100 * DAY),
          assessmentDueAt: null,
        });
        await seed(body.bodyId, body.standard.id, [before, after]);
        early.push(before.id);
        added.push(after.id);
      });
      expect(new Set(result.ids).size).toBe(result.ids.length);
      for (const c of initial) expect(result.ids).toContain(c.id);
      for (const id of added) expect(result.ids).toContain(id);
      for (const id of early) expect(result.ids).not.toContain(id);
      // what was served is in the sort's order
      const order = await expectedOrder(body.bodyId, orderBy);
      expect(result.ids).toEqual(order.filter((id) => result.ids.includes(id)));
    }, 30_000);
  });

  describe('filters and sorts', () => {
    let body: BodyWorld;
    let secondStandard: StandardEntity;
    const now = Date.now();
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      body = await ctx.body();
      secondStandard = await ctx.make.standard(body.bodyId);
      await ctx.ds.getRepository(StandardEntity).update({ id: secondStandard.id }, { title: 'Welding under water (100% practical)' });
      const spec: [string, Partial<CaseRow>][] = [
        ['overdueAssessment', { status: CaseStatus.UnderAssessment, assessmentDueAt: iso(now - 2 * DAY), name: 'Zoë Overdue' }],
        ['dueSoon', { status: CaseStatus.UnderAssessment, assessmentDueAt: iso(now + 2 * DAY), name: 'Ada Soon' }],
        ['overdueEvidence', { status: CaseStatus.EvidenceRequested, stage: CaseStage.Documentation, evidenceDueAt: iso(now - DAY), name: 'Bo Evidence' }],
        ['noDeadline', { status: CaseStatus.AwaitingDecision, stage: CaseStage.Certification, name: 'Cy Waiting' }],
        ['withdrawnPast', { status: CaseStatus.Withdrawn, stage: CaseStage.Certification, assessmentDueAt: iso(now - 9 * DAY), name: 'Di Gone' }],
        ['welder', { status: CaseStatus.Draft, stage: CaseStage.Identification, standardId: secondStandard.id, name: 'Eve Welder' }],
      ];
      const rows = spec.map(([key, over], i) => {
        const r = row({ createdAt: iso(now - (10 - i) * DAY), ...over });
        ids[key] = r.id;
        return r;
      });
      await seed(body.bodyId, body.standard.id, rows);
      await ctx.assign(ids.dueSoon!, body.assessor.user.id);
      await ctx.assign(ids.overdueAssessment!, body.assessor.user.id, 'reassigned');
      await ctx.assign(ids.overdueAssessment!, body.otherAssessor.user.id, 'active', 2);
    }, 60_000);

    const list = async (who: SignedIn, query: string) => (await ctx.all<Summary>(who, `/cases?${query}`)).map((c) => c.id);

    it('filter by several statuses, by stage and by standard', async () => {
      expect(new Set(await list(body.admin, 'status=under_assessment,awaiting_decision'))).toEqual(new Set([ids.overdueAssessment, ids.dueSoon, ids.noDeadline]));
      expect(new Set(await list(body.admin, 'status=draft&status=withdrawn'))).toEqual(new Set([ids.welder, ids.withdrawnPast]));
      expect(await list(body.admin, 'stage=documentation')).toEqual([ids.overdueEvidence]);
      expect(await list(body.admin, `standardId=${secondStandard.id}`)).toEqual([ids.welder]);
      expect(await list(body.admin, `standardId=${randomUUID()}`)).toEqual([]);
    });

    it('filter an admin\'s list by the assessor who holds the case now', async () => {
      expect(await list(body.admin, `assessorId=${body.assessor.user.id}`)).toEqual([ids.dueSoon]);
      expect(await list(body.admin, `assessorId=${body.otherAssessor.user.id}`)).toEqual([ids.overdueAssessment]);
      const refused = await ctx.http.get(`/cases?assessorId=${body.assessor.user.id}`).set(body.assessor.auth).expect(400);
      expect(refused.body).toMatchObject({ code: 'case.invalid', message: ['assessorId is a filter for body admins'] });
    });

    it('overdue: open cases whose next deadline has passed (a withdrawn case never is)', async () => {
      expect(new Set(await list(body.admin, 'overdue=true'))).toEqual(new Set([ids.overdueAssessment, ids.overdueEvidence]));
      expect(new Set(await list(body.admin, 'overdue=false'))).toEqual(new Set([ids.dueSoon, ids.noDeadline, ids.withdrawnPast, ids.welder]));
    });

    it("q finds text in the candidate's name or the standard's title, case-insensitive, with % taken literally", async () => {
      expect(await list(body.admin, 'q=zoË')).toEqual([ids.overdueAssessment]);
      expect(await list(body.admin, 'q=under%20WATER')).toEqual([ids.welder]);
      expect(await list(body.admin, `q=${encodeURIComponent('100%')}`)).toEqual([ids.welder]);
      expect(await list(body.admin, `q=${encodeURIComponent('%')}`)).toEqual([ids.welder]);
      expect(await list(body.admin, 'q=_')).toEqual([]);
    });

    it('due_asc: the next deadline that applies first, cases without one last', async () => {
      expect(await list(body.admin, 'sort=due_asc')).toEqual([ids.withdrawnPast, ids.overdueAssessment, ids.overdueEvidence, ids.dueSoon, ...[ids.noDeadline, ids.welder].sort()]);
    });

    it('an assessor pages only the cases they hold or held, and the queue pages their active ones', async () => {
      expect(new Set(await list(body.assessor, ''))).toEqual(new Set([ids.dueSoon, ids.overdueAssessment]));
      expect(await list(body.otherAssessor, '')).toEqual([ids.overdueAssessment]);
      const queue = await ctx.page<{ caseId: string }>(body.assessor, '/assessor/queue?limit=1');
      expect(queue.items.map((q) => q.caseId)).toEqual([ids.dueSoon]);
      expect(queue.nextCursor).toBeNull();
    });
  });

  describe('the assessor queue', () => {
    it('pages by time assigned or by due date, and filters overdue and by name', async () => {
      const body = await ctx.body();
      const now = Date.now();
      const rows = Array.from({ length: 9 }, (_, i) => row({ createdAt: iso(now - DAY), name: `Queue ${i}`, assessmentDueAt: i === 4 ? null : iso(now + (i - 3) * DAY + 3_600_000) }));
      await seed(body.bodyId, body.standard.id, rows);
      for (const r of rows) await ctx.assign(r.id, body.assessor.user.id);
      // a second apart, in order: inserts in the same millisecond would tie, and the tie goes by id
      for (const [i, r] of rows.entries()) {
        await ctx.ds.getRepository(CaseAssessorEntity).update({ caseId: r.id }, { assignedAt: new Date(now - (rows.length - i) * 1000) });
      }
      const walk = async (query: string) => {
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const page: Page<{ caseId: string; dueAt: string | null }> = await ctx.page(body.assessor, `/assessor/queue?limit=4${query}${cursor ? `&cursor=${cursor}` : ''}`);
          seen.push(...page.items.map((i) => i.caseId));
          cursor = page.nextCursor;
        } while (cursor);
        return seen;
      };
      expect(await walk('')).toEqual(rows.map((r) => r.id));
      expect(await walk('&sort=due_asc')).toEqual([...rows.slice(0, 4), ...rows.slice(5), rows[4]!].map((r) => r.id));
      expect(await walk('&overdue=true')).toEqual(rows.slice(0, 3).map((r) => r.id));
      expect(await walk('&q=queue%207')).toEqual([rows[7]!.id]);
      await ctx.http.get('/assessor/queue?sort=created_desc').set(body.assessor.auth).expect(400);
    }, 30_000);
  });

  describe('cursors and limits', () => {
    let candidate: SignedIn;
    let stranger: SignedIn;

    beforeAll(async () => {
      candidate = await ctx.user(Role.Candidate);
      stranger = await ctx.user(Role.Candidate);
      for (const who of [candidate, stranger]) {
        for (let i = 0; i < 3; i++) {
          const standard = await ctx.make.standard(world.bodyId);
          await ctx.draftCase(who, standard.id);
        }
      }
    }, 60_000);

    it.each([
      ['garbage', 'not-a-cursor!'],
      ['base64 of garbage', Buffer.from('hello').toString('base64url')],
      ['a cursor of another sort', Buffer.from(JSON.stringify({ v: 1, s: 'due_asc', k: ['infinity', randomUUID()] })).toString('base64url')],
      ['SQL in a key', Buffer.from(JSON.stringify({ v: 1, s: 'created_desc', k: ["now()); DROP TABLE validation_case; --", randomUUID()] })).toString('base64url')],
      ['a cursor in two parameters', 'abc&cursor=def'],
    ])('refuses %s with 400 (never 500)', async (_what, cursor) => {
      const res = await ctx.http.get(`/cases?cursor=${cursor}`).set(candidate.auth).expect(400);
      expect(res.body.code).toMatch(/^request\.invalid(_cursor)?$/);
      expect([res.body.message].flat().join(' ')).toMatch(/cursor/);
    });

    it('refuses a cursor of one list on another', async () => {
      const casesPage = await ctx.page<Summary>(candidate, '/cases?limit=1');
      expect(casesPage.nextCursor).not.toBeNull();
      const res = await ctx.http.get(`/standards?cursor=${casesPage.nextCursor}`).set(candidate.auth).expect(400);
      expect(res.body.code).toBe('request.invalid_cursor');
    });

    it('refuses a well-formed cursor naming an instant that does not exist (30 February) with 400, not a database error', async () => {
      const forged = Buffer.from(JSON.stringify({ v: 1, s: 'created_desc', k: ['2026-02-30T00:00:00.000000Z', '00000000-0000-4000-8000-000000000000'] })).toString('base64url');
      const res = await ctx.http.get(`/cases?cursor=${forged}`).set(candidate.auth).expect(400);
      expect(res.body.code).toBe('request.invalid_cursor');
    });

    it.each(['0', '101', '-1', 'abc', '1.5', '1e2', ''])('refuses limit=%s with 400', async (limit) => {
      const res = await ctx.http.get(`/cases?limit=${limit}`).set(candidate.auth).expect(400);
      expect(res.body.message).toEqual(['limit must be a whole number from 1 to 100']);
    });

    it('takes limit 1 to 100, 25 by default', async () => {
      expect((await ctx.page(candidate, '/cases?limit=1')).items).toHaveLength(1);
      expect((await ctx.page(candidate, '/cases?limit=100')).items).toHaveLength(3);
      const body = await ctx.body();
      await seed(body.bodyId, body.standard.id, Array.from({ length: 30 }, (_, i) => row({ createdAt: iso(Date.now() - i * 1000) })));
      const page = await ctx.page(body.admin, '/cases');
      expect(page.items).toHaveLength(25);
      expect(page.nextCursor).toEqual(expect.any(String));
    });

    it("never shows a candidate another's case, whatever the cursor or the search", async () => {
      const own = (await ctx.all<Summary>(candidate, '/cases', 1)).map((c) => c.candidateId);
      expect(own).toEqual([candidate.user.id, candidate.user.id, candidate.user.id]);
      const forged = Buffer.from(JSON.stringify({ v: 1, s: 'created_desc', k: ['infinity', 'ffffffff-ffff-ffff-ffff-ffffffffffff'] })).toString('base64url');
      const res = await ctx.page<Summary>(candidate, `/cases?cursor=${forged}&limit=100`);
      expect(res.items.map((c) => c.candidateId)).toEqual([candidate.user.id, candidate.user.id, candidate.user.id]);
      const byName = await ctx.page<Summary>(candidate, `/cases?q=${encodeURIComponent(stranger.user.displayName)}`);
      expect(byName.items).toEqual([]);
      expect((await ctx.all<Summary>(otherWorld.admin, '/cases')).map((c) => c.candidateId)).not.toContain(candidate.user.id);
    });

    it('refuses unknown parameters and bad filter values', async () => {
      for (const query of ['page=2', 'offset=10', 'sort=newest', 'status=finished', 'stage=done', 'standardId=1', 'overdue=yes', 'q=%20%20', `q=${'x'.repeat(101)}`]) {
        const res = await ctx.http.get(`/cases?${query}`).set(candidate.auth).expect(400);
        expect(res.body.code).toBe('request.invalid');
      }
      // a parameter sent twice is told so, not that its value is wrong
      for (const name of ['sort', 'limit']) {
        const res = await ctx.http.get(`/cases?${name}=${name === 'sort' ? 'created_desc' : '5'}&${name}=${name === 'sort' ? 'due_asc' : '6'}`).set(candidate.auth).expect(400);
        expect(res.body.message).toEqual([`${name} must be given once`]);
      }
    });
  });

  describe('the timeline', () => {
    it('pages the event log in order, or latest first', async () => {
      const candidate = await ctx.user(Role.Candidate);
      const caseId = await ctx.draftCase(candidate, world.standard.id);
      for (let i = 1; i <= 11; i++) await ctx.addEvent(caseId, `test/${i}`, CaseStatus.Draft, CaseStatus.Draft, `note ${i}`);
      const walk = async (query: string) => {
        const reasons: string[] = [];
        let cursor: string | null = null;
        let count = 0;
        do {
          // the body's admin reads the log as written (a candidate's view leaves out events of other types)
          const page: Page<{ reason: string }> = await ctx.page(world.admin, `/cases/${caseId}/timeline?limit=5${query}${cursor ? `&cursor=${cursor}` : ''}`);
          reasons.push(...page.items.map((e) => e.reason));
          cursor = page.nextCursor;
          count++;
        } while (cursor);
        return { reasons, count };
      };
      const expected = ['case started by the candidate', ...Array.from({ length: 11 }, (_, i) => `note ${i + 1}`)];
      expect(await walk('')).toEqual({ reasons: expected, count: 3 });
      expect((await walk('&sort=seq_desc')).reasons).toEqual([...expected].reverse());
      await ctx.http.get(`/cases/${caseId}/timeline?cursor=AAAA`).set(candidate.auth).expect(400);
      await ctx.http.get(`/cases/${caseId}/timeline?limit=5`).set(otherWorld.admin.auth).expect(404);
    });
  });

  describe('standards and users', () => {
    it('pages standards by title, ties by id, and searches titles', async () => {
      const body = await ctx.body();
      for (let i = 0; i < 4; i++) await ctx.make.standard(body.bodyId);
      const all = await ctx.all<{ id: string; title: string }>(body.admin, '/standards', 3);
      const titles = all.map((s) => s.title);
      expect(titles).toEqual([...titles].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      expect(new Set(all.map((s) => s.id)).size).toBe(all.length);
      const same = all.filter((s) => s.title === 'Facilitating online learning').map((s) => s.id);
      expect(same).toEqual([...same].sort());
      await ctx.ds.getRepository(StandardEntity).update({ id: body.standard.id }, { title: 'Beekeeping for Ünïcode lovers' });
      expect((await ctx.all<{ id: string }>(body.admin, '/standards?q=ÜNÏCODE')).map((s) => s.id)).toEqual([body.standard.id]);
    }, 30_000);

    it("lists a body's assessors and admins to its admins only, by role, name and page", async () => {
      const body = await ctx.body();
      const extra = await ctx.make.user(Role.Assessor, body.bodyId, 'Aaron Assessor');
      const users = await ctx.all<{ id: string; role: string; displayName: string }>(body.admin, '/users', 1);
      expect(new Set(users.map((u) => u.id))).toEqual(new Set([body.admin.user.id, body.assessor.user.id, body.otherAssessor.user.id, extra.id]));
      const names = users.map((u) => u.displayName);
      expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      const assessors = await ctx.all<{ id: string }>(body.admin, '/users?role=assessor');
      expect(new Set(assessors.map((u) => u.id))).toEqual(new Set([body.assessor.user.id, body.otherAssessor.user.id, extra.id]));
      expect((await ctx.all<{ id: string }>(body.admin, '/users?q=aaron')).map((u) => u.id)).toEqual([extra.id]);
      expect((await ctx.all<{ id: string }>(otherWorld.admin, '/users')).map((u) => u.id)).not.toContain(extra.id);
      await ctx.http.get('/users').set(body.assessor.auth).expect(403);
      await ctx.http.get('/users?role=candidate').set(body.admin.auth).expect(400);
    }, 30_000);
  });

  it('documents the paging parameters and the page shape in the OpenAPI document', async () => {
    const doc = (await ctx.http.get('/docs-json').expect(200)).body;
    for (const path of ['/cases', '/assessor/queue', '/standards', '/cases/{id}/timeline', '/users']) {
      const op = doc.paths[path].get;
      const params = (op.parameters as { name: string; in: string }[]).filter((p) => p.in === 'query').map((p) => p.name);
      expect(params).toEqual(expect.arrayContaining(['limit', 'cursor', 'sort']));
      const schema = op.responses['200'].content['application/json'].schema;
      expect(schema.allOf[0].$ref).toBe('#/components/schemas/CursorPageResponse');
      expect(schema.allOf[1].properties.items.type).toBe('array');
    }
    expect(doc.components.schemas.CursorPageResponse.properties.nextCursor).toMatchObject({ type: 'string', nullable: true });
    const cases = (doc.paths['/cases'].get.parameters as { name: string }[]).map((p) => p.name);
    expect(cases).toEqual(expect.arrayContaining(['status', 'stage', 'standardId', 'assessorId', 'overdue', 'q']));
  });
});
