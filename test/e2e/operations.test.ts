import { randomBytes, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { CaseOutcome, CaseStatus, Role } from '../../libs/domain';
import { CaseEntity, NotificationEntity } from '../../libs/persistence/entities';
import type { UserEntity } from '../../libs/persistence/entities';
import { factories } from '../factories';
import { dropDatabase, openTestDataSource, otherTestDatabaseUrl, prepareDatabase } from '../support/database';
import { ApiTestContext, samples } from './support/api-app';

/** The value of one sample of the exposition text (`name{labels} value`), or undefined when it is absent. */
function sample(text: string, name: string, labels = ''): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels} `) || (labels === '' && l.startsWith(`${name} `)));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const HOUR = 3_600_000;

/**
 * Operating the API: liveness, readiness and the Prometheus metrics. The API runs on a database of its own here,
 * so the gauges count exactly the cases and messages this test writes.
 */
describe('operations: health checks and metrics', () => {
  const url = otherTestDatabaseUrl(`opsmetrics_test_gauges_${process.pid}`);
  let ctx: ApiTestContext;
  let ds: DataSource;
  let candidates: UserEntity[];
  let caseIds: string[];
  let outcomeId: string;

  beforeAll(async () => {
    await prepareDatabase(url);
    ds = await openTestDataSource(url);
    ctx = await ApiTestContext.start({ env: { DATABASE_URL: url } });
    const make = factories(ds);
    const body = await make.body();
    const standard = await make.standard(body.id);
    outcomeId = standard.learningOutcomes![0]!.id;
    candidates = [];
    for (let i = 0; i < 5; i++) candidates.push(await make.user(Role.Candidate));
    const now = Date.now();
    // three drafts (one due within the day, one in three days), one under assessment due within the day, one
    // withdrawn whose stale deadline would fall within the day (an ended case owes nothing)
    const rows: Partial<CaseEntity>[] = [
      { status: CaseStatus.Draft, evidenceDueAt: new Date(now + 2 * HOUR) },
      { status: CaseStatus.Draft, evidenceDueAt: new Date(now + 72 * HOUR) },
      { status: CaseStatus.Draft },
      { status: CaseStatus.UnderAssessment, assessmentDueAt: new Date(now + 20 * HOUR) },
      { status: CaseStatus.Withdrawn, outcome: CaseOutcome.Withdrawn, closedAt: new Date(), evidenceDueAt: new Date(now + 3 * HOUR) },
    ];
    caseIds = [];
    for (const [i, row] of rows.entries()) {
      const id = randomUUID();
      await ds.getRepository(CaseEntity).insert({ id, candidateId: candidates[i]!.id, standardId: standard.id, awardingBodyId: body.id, workflowId: `case-${id}`, ...row });
      caseIds.push(id);
    }
    const message = (status: 'pending' | 'sent', n: number) => ({
      key: `ops-test-${n}`,
      caseId: caseIds[0]!,
      recipientUserId: candidates[0]!.id,
      recipientEmail: candidates[0]!.email,
      template: 'test',
      subject: 'test',
      bodyText: 'test',
      bodyHtml: '<p>test</p>',
      status,
      sentAt: status === 'sent' ? new Date() : null,
    });
    await ds.getRepository(NotificationEntity).insert([message('pending', 1), message('pending', 2), message('sent', 3)]);
  }, 120_000);

  afterAll(async () => {
    await ctx?.close();
    await ds?.destroy();
    await dropDatabase(url);
  });

  it('answers liveness without asking anything, and readiness with both dependencies up', async () => {
    expect((await ctx.http.get('/health/live').expect(200)).body).toEqual({ status: 'alive' });
    expect((await ctx.http.get('/health/ready').expect(200)).body).toEqual({ status: 'ready', database: 'up', temporal: 'up', unreachable: [] });
  });

  it('exposes request counts by route template, cases by status, deadlines due within a day and the outbox backlog', async () => {
    const candidate = await ctx.login(candidates[0]!);
    await ctx.http.get(`/cases/${caseIds[0]}`).set(candidate.auth).expect(200);
    await ctx.http.get(`/cases/${caseIds[0]}`).set(candidate.auth).expect(200);
    await ctx.http.get(`/no-such-route/${randomUUID()}`).expect(404);

    const res = await ctx.http.get('/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    const text = res.text;
    expect(sample(text, 'vnfil_http_requests_total', '{method="GET",route="/cases/:id",status="200"}')).toBe(2);
    expect(sample(text, 'vnfil_http_requests_total', '{method="GET",route="(unmatched)",status="404"}')).toBe(1);
    expect(sample(text, 'vnfil_http_request_duration_seconds_count', '{method="GET",route="/cases/:id",status="200"}')).toBe(2);
    // no concrete path (and so no id) in any label
    for (const line of text.split('\n').filter((l) => l.includes('{'))) expect(line).not.toMatch(UUID);

    expect(sample(text, 'vnfil_cases', '{status="draft"}')).toBe(3);
    expect(sample(text, 'vnfil_cases', '{status="under_assessment"}')).toBe(1);
    expect(sample(text, 'vnfil_cases', '{status="withdrawn"}')).toBe(1);
    expect(sample(text, 'vnfil_cases', '{status="awarded"}')).toBe(0);
    expect(sample(text, 'vnfil_deadlines_due_next_24h')).toBe(2);
    expect(sample(text, 'vnfil_outbox_pending')).toBe(2);
    expect(sample(text, 'vnfil_metrics_database_up')).toBe(1);
    expect(sample(text, 'vnfil_evidence_upload_bytes_total')).toBe(0);
    // the process's own metrics (prom-client's defaults)
    expect(text).toMatch(/^process_cpu_user_seconds_total \d/m);
    expect(text).toMatch(/^nodejs_heap_size_used_bytes \d/m);
  });

  it('counts the bytes of an evidence file once it is stored', async () => {
    const candidate = await ctx.login(candidates[0]!);
    const pdf = samples.pdf();
    await ctx.http
      .post(`/cases/${caseIds[0]}/evidence/files`)
      .set(candidate.auth)
      .field('title', 'Work sample')
      .field('learningOutcomeIds', outcomeId)
      .attach('file', pdf, { filename: 'sample.pdf', contentType: 'application/pdf' })
      .expect(201);
    const text = (await ctx.http.get('/metrics').expect(200)).text;
    expect(sample(text, 'vnfil_evidence_upload_bytes_total')).toBe(pdf.length);
  });

  it('asks for METRICS_TOKEN when it is set', async () => {
    const token = randomBytes(24).toString('base64');
    const guarded = await ApiTestContext.start({ env: { DATABASE_URL: url, METRICS_TOKEN: token }, temporal: ctx.temporal });
    try {
      const refused = await guarded.http.get('/metrics').expect(401);
      expect(refused.body).toMatchObject({ statusCode: 401, code: 'metrics.token_required' });
      await guarded.http.get('/metrics').set('Authorization', 'Bearer not-the-token').expect(401);
      const res = await guarded.http.get('/metrics').set('Authorization', `Bearer ${token}`).expect(200);
      expect(res.text).toContain('vnfil_outbox_pending 2');
    } finally {
      await guarded.close();
    }
  }, 60_000);

  it('is not ready, naming Temporal, once Temporal is gone, and still alive', async () => {
    await ctx.temporal.stop();
    const res = await ctx.http.get('/health/ready').expect(503);
    expect(res.body).toEqual({ status: 'not_ready', database: 'up', temporal: 'down', unreachable: ['temporal'] });
    await ctx.http.get('/health/live').expect(200);
    await ctx.http.get('/health').expect(503);
  }, 60_000);
});
