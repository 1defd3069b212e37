import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Machine, RouteFigures } from './load';

export interface RouteResult extends RouteFigures {
  /** Throughput divided by the baseline's (the mean of the trivial route's two runs, first and last, in the same run). */
  throughputRatio: number;
  /** p99 latency divided by the baseline's (the mean of the two runs' p99). */
  p99Ratio: number;
}

export interface Baseline {
  route: string;
  /** The mean of the two runs, which bracket every other route: drift in between counts half either way. */
  reqPerSec: number;
  p99Ms: number;
  runs: { reqPerSec: number; p99Ms: number }[];
}

export interface ReadPathResults {
  benchmark: 'read-path';
  date: string;
  commit: string;
  machine: Machine & { postgres: string; temporal: string; loadAverageAfter: number[] };
  settings: { connections: number; durationSeconds: number; warmupSeconds: number; cases: number };
  seed: { seconds: number; statuses: Record<string, number> };
  baseline: Baseline;
  routes: RouteResult[];
  /** The issue's figures for the read path before reads came from PostgreSQL, on the same kind of machine. */
  before: typeof BEFORE;
  runSeconds: number;
}

/**
 * Quoted from the issue "Every case always has its process" (section 6, "Reads never wait on Temporal"): the
 * figures of GET /cases/:id when it asked the case's workflow for its live state on every call.
 */
export const BEFORE = {
  source: 'issue "Every case always has its process", section 6 "Reads never wait on Temporal"',
  connections: 50,
  caseRead: { route: 'GET /cases/:id (live query to the workflow)', reqPerSec: 120, p99Ms: 575 },
  baseline: { route: 'trivial authenticated route', reqPerSec: 1100, p99Ms: 84 },
};

/** The baseline from its runs: the first and the last measurement of the run. */
export function baselineOf(runs: RouteFigures[]): Baseline {
  const mean = (f: (r: RouteFigures) => number) => runs.reduce((total, r) => total + f(r), 0) / runs.length;
  return {
    route: runs[0]!.route,
    reqPerSec: round(mean((r) => r.reqPerSec), 1),
    p99Ms: round(mean((r) => r.latencyMs.p99), 1),
    runs: runs.map((r) => ({ reqPerSec: round(r.reqPerSec, 1), p99Ms: r.latencyMs.p99 })),
  };
}

export function withRatios(routes: RouteFigures[], baseline: Baseline): RouteResult[] {
  return routes.map((r) => ({
    ...r,
    throughputRatio: round(r.reqPerSec / baseline.reqPerSec, 2),
    p99Ratio: round(r.latencyMs.p99 / baseline.p99Ms, 2),
  }));
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;
const int = (n: number) => Math.round(n).toLocaleString('en-GB');
const ms = (n: number) => (n >= 100 ? String(Math.round(n)) : n.toFixed(1));

/** Errors, timeouts, non-2xx answers and degraded answers, in one cell. */
function failures(r: RouteResult): string {
  const parts = [`${r.errors} / ${r.non2xx}`];
  if (r.timeouts) parts.push(`${r.timeouts} timeouts`);
  if (r.degraded) parts.push(`${r.degraded} without live state`);
  return parts.join(', ');
}

const COLUMNS = ['route', 'as', 'req/s', 'p50 ms', 'p99 ms', 'errors / non-2xx', 'throughput vs baseline', 'p99 vs baseline'];

function rows(results: ReadPathResults): string[][] {
  return results.routes.map((r) => [
    r.route,
    r.as,
    int(r.reqPerSec),
    ms(r.latencyMs.p50),
    ms(r.latencyMs.p99),
    failures(r),
    `${r.throughputRatio.toFixed(2)}×`,
    `${r.p99Ratio.toFixed(2)}×`,
  ]);
}

export function machineLine(results: ReadPathResults): string {
  const m = results.machine;
  return (
    `${m.cores} cores (${m.cpu}), ${m.memoryGiB} GiB, Node ${m.node}, ${m.os}, PostgreSQL ${m.postgres}, ` +
    `${m.temporal.replace(/^temporal version /, 'Temporal CLI ')}; load average before ${m.loadAverage.join(' ')}, after ${m.loadAverageAfter.join(' ')}`
  );
}

/** Columns right-aligned in a table: the numbers. */
type Numeric = (column: number) => boolean;

function text(columns: string[], body: string[][], numeric: Numeric): string {
  const all = [columns, ...body];
  const widths = columns.map((_, i) => Math.max(...all.map((row) => row[i]!.length)));
  const line = (row: string[]) => row.map((cell, i) => (numeric(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ');
  return [line(columns), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

function markdown(columns: string[], body: string[][], numeric: Numeric): string {
  const line = (row: string[]) => `| ${row.join(' | ')} |`;
  return [line(columns), line(columns.map((_, i) => (numeric(i) ? '---:' : '---'))), ...body.map(line)].join('\n');
}

const figureColumn: Numeric = (i) => i >= 2 && i !== 5;

/** The table for a terminal: aligned columns. */
export function textTable(results: ReadPathResults): string {
  return text(COLUMNS, rows(results), figureColumn);
}

export function markdownTable(results: ReadPathResults): string {
  return markdown(COLUMNS, rows(results), figureColumn);
}

const CPU_PARTS = ['api', 'postgres', 'temporal', 'worker', 'client', 'others'];
const SYSTEM = ['api', 'postgres', 'temporal', 'worker'];
const CPU_COLUMNS = ['route', 'API', 'PostgreSQL (its backends)', 'Temporal server', 'worker', 'load generator', 'others on the machine', 'system CPU ms per request'];

/** Where the CPU went during each route, in cores; none where /proc is missing. */
export function cpuTable(results: ReadPathResults, format: 'text' | 'markdown'): string | null {
  if (results.routes.some((r) => !r.cpu)) return null;
  const perRequest = (r: RouteResult) => (SYSTEM.reduce((total, p) => total + (r.cpu![p] ?? 0), 0) * 1000) / r.reqPerSec;
  const body = results.routes.map((r) => [r.route, ...CPU_PARTS.map((p) => (r.cpu![p] ?? 0).toFixed(2)), perRequest(r).toFixed(1)]);
  return (format === 'text' ? text : markdown)(CPU_COLUMNS, body, (i) => i > 0);
}

/** How far the baseline moved between the first and the last measurement, when that is more than 15 %. */
export function driftNote(results: ReadPathResults): string | null {
  const [first, last] = results.baseline.runs;
  if (!first || !last) return null;
  const drift = last.reqPerSec / first.reqPerSec;
  if (Math.abs(drift - 1) <= 0.15) return null;
  return (
    `The baseline moved by ${Math.round((drift - 1) * 100)} % between its first and its last run ` +
    `(${Math.round(first.reqPerSec)} then ${Math.round(last.reqPerSec)} req/s); the ratios are against their mean, ` +
    `and a route measured early or late may be off by up to half of that.`
  );
}

/** The issue's figures for the old read path beside the route that still pays its cost, and the read now. */
export function beforeAndNow(results: ReadPathResults): string {
  const find = (name: string) => results.routes.find((r) => r.name === name)!;
  const read = find('case');
  const process = find('process');
  const before = BEFORE.caseRead.reqPerSec / BEFORE.baseline.reqPerSec;
  const beforeP99 = BEFORE.caseRead.p99Ms / BEFORE.baseline.p99Ms;
  return [
    '| | req/s | p99 ms | throughput vs baseline | p99 vs baseline |',
    '| --- | ---: | ---: | ---: | ---: |',
    `| before: GET /cases/:id asking the workflow (issue's figures; baseline ${int(BEFORE.baseline.reqPerSec)} req/s, p99 ${BEFORE.baseline.p99Ms} ms) | ${BEFORE.caseRead.reqPerSec} | ${BEFORE.caseRead.p99Ms} | ${before.toFixed(2)}× | ${beforeP99.toFixed(2)}× |`,
    `| now: ${process.route}, the same describe and query per call | ${int(process.reqPerSec)} | ${ms(process.latencyMs.p99)} | ${process.throughputRatio.toFixed(2)}× | ${process.p99Ratio.toFixed(2)}× |`,
    `| now: ${read.route}, from PostgreSQL | ${int(read.reqPerSec)} | ${ms(read.latencyMs.p99)} | ${read.throughputRatio.toFixed(2)}× | ${read.p99Ratio.toFixed(2)}× |`,
  ].join('\n');
}

export function writeResults(file: string, results: ReadPathResults): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
}

export const DOC_START = '<!-- bench:read-path:start (written by npm run bench:reads) -->';
export const DOC_END = '<!-- bench:read-path:end -->';

/** Replaces the latest read-path figures in docs/PERFORMANCE.md, between its markers, and nothing else. */
export function updateDoc(file: string, results: ReadPathResults, resultFile: string): void {
  if (!existsSync(file)) throw new Error(`${file} is missing: it holds the text around the figures`);
  const doc = readFileSync(file, 'utf8');
  const start = doc.indexOf(DOC_START);
  const end = doc.indexOf(DOC_END);
  if (start < 0 || end < start) throw new Error(`${file} has no ${DOC_START} ... ${DOC_END} section to write the figures in`);
  const s = results.settings;
  const section = [
    DOC_START,
    `Latest run: ${results.date.slice(0, 16).replace('T', ' ')} UTC, commit \`${results.commit}\`, recorded in [\`${resultFile}\`](../${resultFile}).`,
    `Machine: ${machineLine(results)}.`,
    `Load: ${s.connections} connections, ${s.durationSeconds} s per route, each after ${s.warmupSeconds} s of warm-up (and a first round of every route for as long), over ${s.cases} cases ` +
      `(${Object.entries(results.seed.statuses).map(([k, v]) => `${v} ${k}`).join(', ')}); the whole run took ${Math.round(results.runSeconds)} s.`,
    '',
    markdownTable(results),
    '',
    'The previous read path, and the route that still pays its cost:',
    '',
    beforeAndNow(results),
    ...(cpuTable(results, 'markdown') ? ['', `CPU during each route, in cores (of ${results.machine.cores}):`, '', cpuTable(results, 'markdown')!] : []),
    ...(driftNote(results) ? ['', driftNote(results)!] : []),
    DOC_END,
  ].join('\n');
  writeFileSync(file, doc.slice(0, start) + section + doc.slice(end + DOC_END.length));
}
