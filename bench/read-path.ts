/**
 * How fast the API serves a case's reads now that they come from PostgreSQL, against a trivial authenticated
 * route measured in the same run on the same processes, and against GET /cases/:id/process, the diagnostics
 * route that still asks the case's workflow (a Temporal describe and query per call, the cost of the old read).
 *
 * Brings up everything it needs alone (a fresh database, a Temporal dev server, the built worker and API),
 * seeds cases through the API, measures each route with autocannon, prints a table, writes
 * bench/results/<date>-read-path.json, updates docs/PERFORMANCE.md and tears everything down.
 *
 *   npm run bench:reads [-- --cases 200 --duration 10 --warmup 3 --connections 50 --no-record]
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { DEMO_EMAILS } from '../libs/persistence/seeds/demo.seed';
import { machine, measure, preflight, warmUp } from './support/load';
import type { Route, RouteFigures } from './support/load';
import { BEFORE, baselineOf, beforeAndNow, cpuTable, driftNote, machineLine, textTable, updateDoc, withRatios, writeResults } from './support/report';
import type { ReadPathResults } from './support/report';
import { seedCases } from './support/seed';
import { BenchStack, ROOT } from './support/stack';

const { values: args } = parseArgs({
  options: {
    cases: { type: 'string', default: '200' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '50' },
    'no-record': { type: 'boolean', default: false },
  },
});

function positive(name: string, value: string, allowZero = false): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < (allowZero ? 0 : 1)) throw new Error(`--${name} must be a whole number${allowZero ? '' : ' above 0'}, not ${value}`);
  return n;
}

const settings = {
  cases: positive('cases', args.cases),
  durationSeconds: positive('duration', args.duration),
  warmupSeconds: positive('warmup', args.warmup, true),
  connections: positive('connections', args.connections),
};
const record = !args['no-record'];
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/vnfil_bench';

const started = Date.now();
const log = (line: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);
let stack: BenchStack | undefined;

async function main(): Promise<void> {
  const before = machine();
  log(`read-path benchmark: ${settings.cases} cases, ${settings.connections} connections, ${settings.durationSeconds} s per route (warm-up ${settings.warmupSeconds} s, twice)`);
  const password = `bench-${randomBytes(9).toString('base64url')}`;
  stack = await BenchStack.start(DATABASE_URL, password, log);

  const seedStarted = Date.now();
  const seeded = await seedCases({
    baseUrl: stack.baseUrl,
    standardId: stack.seed.standardId,
    adminEmail: DEMO_EMAILS.admin,
    assessorEmails: DEMO_EMAILS.assessors,
    password,
    cases: settings.cases,
    log,
  });
  const seedSeconds = (Date.now() - seedStarted) / 1000;
  log(`seeded: ${Object.entries(seeded.statuses).map(([k, v]) => `${v} ${k}`).join(', ')}`);

  const { admin, assessors, candidates, cases } = seeded;
  const baseline: Route = { name: 'baseline', route: 'GET /auth/me', as: `${candidates.length} candidates in turn`, targets: candidates.map((c) => ({ path: '/auth/me', token: c.token })) };
  const routes: Route[] = [
    baseline,
    { name: 'case', route: 'GET /cases/:id', as: `each case's candidate, ${cases.length} cases in turn`, targets: cases.map((c) => ({ path: `/cases/${c.id}`, token: c.candidate.token })) },
    { name: 'list', route: 'GET /cases?limit=100', as: `the body admin (the first page, 100 of ${cases.length} cases)`, targets: [{ path: '/cases?limit=100', token: admin.token }] },
    {
      name: 'process',
      route: 'GET /cases/:id/process',
      as: `the body admin, ${cases.length} cases in turn`,
      targets: cases.map((c) => ({ path: `/cases/${c.id}/process`, token: admin.token })),
      // the route answers 200 without the live state when the query misses its deadline: not a real answer
      degraded: (body) => body.includes('"live":null'),
    },
    { name: 'queue', route: 'GET /assessor/queue?limit=100', as: `${assessors.length} assessors in turn`, targets: assessors.map((a) => ({ path: '/assessor/queue?limit=100', token: a.token })) },
    { ...baseline, name: 'baseline-again', route: 'GET /auth/me (again, last)' },
  ];

  log(`system idle after ${(await stack.settle()).toFixed(0)} s`);
  const running = stack;
  const load = { baseUrl: running.baseUrl, ...settings, pids: () => running.pids() };
  // The API runs its request path about half as fast for its first ten seconds or so of load (the JIT):
  // every route is sent once, unrecorded, before the first measurement.
  for (const route of routes.slice(0, -1)) {
    await preflight(route, running.baseUrl);
    await warmUp(route, load);
  }
  log(`warm-up round done: every route for ${settings.warmupSeconds} s`);
  await running.settle(10);
  const figures: RouteFigures[] = [];
  for (const route of routes) {
    const f = await measure(route, load);
    figures.push(f);
    log(`${f.route}: ${Math.round(f.reqPerSec)} req/s, p50 ${f.latencyMs.p50} ms, p99 ${f.latencyMs.p99} ms, ${f.errors} errors, ${f.non2xx} non-2xx${f.degraded ? `, ${f.degraded} without live state` : ''}`);
    if (!running.alive()) throw new Error(`a process of the system stopped during ${f.route}:\n${running.output}`);
    await running.settle(10);
  }
  const loadAverageAfter = machine().loadAverage;
  const baselineFigures = baselineOf([figures[0]!, figures[figures.length - 1]!]);

  const results: ReadPathResults = {
    benchmark: 'read-path',
    date: new Date(started).toISOString(),
    commit: commit(),
    machine: { ...before, ...(await stack.info()), loadAverageAfter },
    settings,
    seed: { seconds: Math.round(seedSeconds * 10) / 10, statuses: seeded.statuses },
    baseline: baselineFigures,
    routes: withRatios(figures, baselineFigures),
    before: BEFORE,
    runSeconds: Math.round((Date.now() - started) / 100) / 10,
  };

  console.log(`\nMachine: ${machineLine(results)}\n`);
  console.log(textTable(results));
  console.log(`\n${beforeAndNow(results)}\n`);
  const cpu = cpuTable(results, 'text');
  if (cpu) console.log(`CPU during each route, in cores (of ${results.machine.cores}):\n${cpu}\n`);
  const drift = driftNote(results);
  if (drift) console.log(`${drift}\n`);
  if (record) {
    const resultFile = join('bench/results', `${results.date.slice(0, 16).replace(/:/g, '')}Z-read-path.json`);
    writeResults(join(ROOT, resultFile), results);
    updateDoc(join(ROOT, 'docs/PERFORMANCE.md'), results, resultFile);
    log(`wrote ${resultFile} and updated ${relative(process.cwd(), join(ROOT, 'docs/PERFORMANCE.md')) || 'docs/PERFORMANCE.md'}`);
  } else {
    log('--no-record: nothing written');
  }
}

/** The commit measured, marked when the tracked files differ from it. */
function commit(): string {
  const git = (...a: string[]) => spawnSync('git', a, { cwd: ROOT, encoding: 'utf8' }).stdout?.trim() ?? '';
  const sha = git('rev-parse', '--short=12', 'HEAD') || 'unknown';
  return git('status', '--porcelain', '--untracked-files=no') ? `${sha}+changes` : sha;
}

async function shutdown(code: number): Promise<never> {
  const running = stack;
  stack = undefined;
  if (running) {
    log('stopping the API, the worker and Temporal; dropping the database');
    await running.stop();
  }
  log(`done in ${Math.round((Date.now() - started) / 1000)} s`);
  process.exit(code);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping`);
    void shutdown(130);
  });
}

main().then(
  () => shutdown(0),
  (err: unknown) => {
    console.error(`\nread-path benchmark stopped: ${err instanceof Error ? err.message : String(err)}`);
    return shutdown(1);
  },
);
