import { sleep } from './stack';

/** A signed-in user of the API, as a client sees it. */
export class ApiUser {
  constructor(
    readonly baseUrl: string,
    readonly token: string,
    readonly id: string,
    readonly email: string,
  ) {}

  static async login(baseUrl: string, email: string, password: string): Promise<ApiUser> {
    const body = await send<{ token: string; user: { id: string } }>(baseUrl, null, 'POST', '/auth/login', { email, password });
    return new ApiUser(baseUrl, body.token, body.user.id, email);
  }

  static async register(baseUrl: string, email: string, displayName: string, password: string): Promise<ApiUser> {
    const body = await send<{ token: string; user: { id: string } }>(baseUrl, null, 'POST', '/auth/register', { email, displayName, password });
    return new ApiUser(baseUrl, body.token, body.user.id, email);
  }

  /** The request must succeed; a step answered 202 (accepted, result later) is followed to its result. */
  ok<T>(method: string, path: string, body?: unknown): Promise<T> {
    return send<T>(this.baseUrl, this.token, method, path, body);
  }

  /** Every item of a paged list ({ items, nextCursor }), following the cursors to the end. */
  async all<T>(path: string): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page: { items: T[]; nextCursor: string | null } = await this.ok('GET', `${path}${path.includes('?') ? '&' : '?'}${query}`);
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return items;
  }
}

async function send<T>(baseUrl: string, token: string | null, method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  let payload: RequestInit['body'];
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let res = await fetch(`${baseUrl}${path}`, { method, headers, body: payload });
  const deadline = Date.now() + 120_000;
  while (res.status === 202 && res.headers.get('location') && Date.now() < deadline) {
    await sleep(500);
    res = await fetch(`${baseUrl}${res.headers.get('location')}`, { headers });
  }
  const text = await res.text();
  if (!res.ok || res.status === 202) throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 500)}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Runs `task` over `items`, `concurrency` at a time, in order of the items. */
export async function pool<T, R>(items: readonly T[], concurrency: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane));
  return results;
}

interface Outcome {
  id: string;
  code: string;
  criteria: { id: string; code: string }[];
}
interface CaseSummary {
  id: string;
  status: string;
}

export interface SeededCase {
  id: string;
  candidate: ApiUser;
}

export interface Seeded {
  admin: ApiUser;
  assessors: ApiUser[];
  candidates: ApiUser[];
  cases: SeededCase[];
  /** How many cases ended in each status. */
  statuses: Record<string, number>;
}

/**
 * The share of the cases taken to each step, so that reads cover every kind of record: a case row with its
 * portfolio (all), a submission with screening and an assignment, an accepted assignment, an assessment with
 * its judgements, and a decision with its credential.
 */
const SHARES = { submitted: 0.6, accepted: 0.4, assessed: 0.25, decided: 0.1 };

/**
 * Seeds through the public API what the routes under test read: one candidate per case (signed up with
 * POST /auth/register), each opening a case on the demo standard (POST /cases: the workflow writes the row),
 * with a self-assessment and a PDF; then some submitted (the process screens and assigns them), accepted by
 * their assessor, assessed, and decided by the body's admin. The body, its admin and its assessors come from
 * the demo seed, as no route creates them.
 */
export async function seedCases(opts: {
  baseUrl: string;
  standardId: string;
  adminEmail: string;
  assessorEmails: readonly string[];
  password: string;
  cases: number;
  log: (line: string) => void;
}): Promise<Seeded> {
  const { baseUrl, log } = opts;
  const phase = async <R>(what: string, run: () => Promise<R>): Promise<R> => {
    const started = Date.now();
    const result = await run();
    log(`${what} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    return result;
  };

  const admin = await ApiUser.login(baseUrl, opts.adminEmail, opts.password);
  const assessors = await Promise.all(opts.assessorEmails.map((e) => ApiUser.login(baseUrl, e, opts.password)));
  const standard = await admin.ok<{ learningOutcomes: Outcome[] }>('GET', `/standards/${opts.standardId}`);
  const outcomes = standard.learningOutcomes;
  const run = Date.now().toString(36);

  const candidates = await phase(`${opts.cases} candidates signed up`, () =>
    pool(Array.from({ length: opts.cases }, (_, i) => i), 4, (i) =>
      ApiUser.register(baseUrl, `candidate.${run}.${i}@bench.vnfil.eu`, `Bench Candidate ${i + 1}`, `bench-${run}-${i}-password`),
    ),
  );
  const cases = await phase(`${opts.cases} cases opened, each with a self-assessment and a PDF`, () =>
    pool(candidates, 8, async (candidate, i) => {
      const { id } = await candidate.ok<{ id: string }>('POST', '/cases', { standardId: opts.standardId });
      await candidate.ok('PUT', `/cases/${id}/self-assessment`, {
        items: outcomes.map((o) => ({ learningOutcomeId: o.id, level: 'confident', statement: `I do this every week at work (${o.code}).` })),
      });
      const form = new FormData();
      form.append('title', 'Workplace portfolio');
      form.append('learningOutcomeIds', outcomes.map((o) => o.id).join(','));
      form.append('file', new Blob([pdf(`case ${i}`)], { type: 'application/pdf' }), 'portfolio.pdf');
      await candidate.ok('POST', `/cases/${id}/evidence/files`, form);
      return { id, candidate };
    }),
  );

  const count = (share: number) => Math.min(cases.length, Math.round(cases.length * share));
  const submitted = cases.slice(0, count(SHARES.submitted));
  const accepted = cases.slice(0, count(SHARES.accepted));
  const assessed = cases.slice(0, count(SHARES.assessed));
  const decided = cases.slice(0, count(SHARES.decided));

  await phase(`${submitted.length} submitted, screened and assigned`, async () => {
    await pool(submitted, 8, (c) => c.candidate.ok('POST', `/cases/${c.id}/submit`));
    await reach(admin, submitted, 'assessor_assigned');
  });
  await phase(`${accepted.length} accepted by their assessor`, async () => {
    const holder = new Map<string, ApiUser>();
    for (const assessor of assessors) {
      for (const item of await assessor.all<{ caseId: string }>('/assessor/queue')) holder.set(item.caseId, assessor);
    }
    await pool(accepted, 8, (c) => {
      const assessor = holder.get(c.id);
      if (!assessor) throw new Error(`no assessor holds case ${c.id}`);
      return assessor.ok('POST', `/cases/${c.id}/assessment/accept`);
    });
    await reach(admin, accepted, 'under_assessment');
  });
  await phase(`${assessed.length} assessed`, async () => {
    const judgements = outcomes.flatMap((o) => o.criteria.map((c) => ({ criterionId: c.id, result: 'met', score: 80, comment: `Shown in the portfolio (${c.code})` })));
    const holder = await holders(admin, assessors, assessed);
    await pool(assessed, 8, (c) =>
      holder.get(c.id)!.ok('POST', `/cases/${c.id}/assessments`, { judgements, recommendation: 'award', comment: 'Every criterion is met.' }),
    );
    await reach(admin, assessed, 'awaiting_decision');
  });
  await phase(`${decided.length} decided and awarded`, async () => {
    await pool(decided, 4, (c) =>
      admin.ok('POST', `/cases/${c.id}/decision`, { result: 'awarded', recognisedOutcomeIds: outcomes.map((o) => o.id), reason: 'Every outcome is evidenced.' }),
    );
    await reach(admin, decided, 'awarded');
  });

  const counts = new Map<string, number>();
  for (const c of await admin.all<CaseSummary>('/cases')) counts.set(c.status, (counts.get(c.status) ?? 0) + 1);
  const statuses = Object.fromEntries([...counts].sort((a, b) => b[1] - a[1]));
  return { admin, assessors, candidates, cases, statuses };
}

/** Which assessor holds each case, from the admin's view of the case's assignments. */
async function holders(admin: ApiUser, assessors: ApiUser[], cases: SeededCase[]): Promise<Map<string, ApiUser>> {
  const byId = new Map(assessors.map((a) => [a.id, a]));
  const found = new Map<string, ApiUser>();
  await pool(cases, 8, async (c) => {
    const detail = await admin.ok<{ assessors: { assessorId: string; status: string }[] }>('GET', `/cases/${c.id}`);
    const active = detail.assessors.find((a) => a.status === 'active');
    const assessor = active && byId.get(active.assessorId);
    if (!assessor) throw new Error(`no assessor holds case ${c.id}: ${JSON.stringify(detail.assessors)}`);
    found.set(c.id, assessor);
  });
  return found;
}

/** Waits until the process has taken every case to the status (it screens, assigns and writes after answering). */
async function reach(admin: ApiUser, cases: SeededCase[], status: string, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const ids = new Set(cases.map((c) => c.id));
  let behind = ids.size;
  while (Date.now() < deadline) {
    const listed = await admin.all<CaseSummary>(`/cases?status=${status}`);
    behind = ids.size - listed.filter((c) => ids.has(c.id)).length;
    if (behind === 0) return;
    await sleep(500);
  }
  throw new Error(`${behind} of ${ids.size} cases did not reach ${status} within ${timeoutMs / 1000} s`);
}

function pdf(label: string): Uint8Array {
  return new TextEncoder().encode(`%PDF-1.4\n% ${label}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
}
