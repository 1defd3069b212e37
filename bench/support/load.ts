import autocannon from 'autocannon';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { CPU_ACCOUNTING, CpuWindow } from './cpu';
import type { CpuUse, Pids } from './cpu';

/** One request a load run sends: a path, and who asks. */
export interface Target {
  path: string;
  token: string;
}

export interface Route {
  /** A short name for tables. */
  name: string;
  /** The route as the API documents it, e.g. `GET /cases/:id`. */
  route: string;
  /** Who sends the requests and what they rotate over, in words. */
  as: string;
  targets: Target[];
  /** An answer that is 2xx but not what the route exists for (e.g. the live state missing): counted apart. */
  degraded?: (body: string) => boolean;
}

export interface RouteFigures {
  name: string;
  route: string;
  as: string;
  targets: number;
  requests: number;
  seconds: number;
  reqPerSec: number;
  latencyMs: { mean: number; p50: number; p90: number; p99: number; max: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  degraded: number | null;
  bytesPerRequest: number;
  /** Average cores each part of the system used during the measured run (Linux only). */
  cpu: CpuUse | null;
}

export interface LoadSettings {
  baseUrl: string;
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
  /** The processes to account CPU to, read after the warm-up (the pools have opened their connections by then). */
  pids: () => Promise<Pids>;
}

/**
 * Sends the route's requests from `connections` concurrent connections for a fixed duration, each request to
 * the next target in turn (so a read rotates over every seeded case and its reader), after an unrecorded
 * warm-up of the same requests.
 */
export async function measure(route: Route, settings: LoadSettings): Promise<RouteFigures> {
  await warmUp(route, settings);
  let degraded = 0;
  const window = CPU_ACCOUNTING ? new CpuWindow(await settings.pids()) : undefined;
  const result = await run(route, settings, settings.durationSeconds, (body) => {
    if (route.degraded?.(body)) degraded++;
  });
  const cpu = window?.close() ?? null;
  const statusCodes: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = stat.count ?? 0;
  return {
    name: route.name,
    route: route.route,
    as: route.as,
    targets: route.targets.length,
    requests: result.requests.total,
    seconds: result.duration,
    reqPerSec: result.requests.total / result.duration,
    latencyMs: { mean: result.latency.mean, p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statusCodes,
    degraded: route.degraded ? degraded : null,
    bytesPerRequest: result.requests.total ? Math.round(result.throughput.total / result.requests.total) : 0,
    cpu,
  };
}

/** The route's requests for the warm-up time, recording nothing. */
export async function warmUp(route: Route, settings: LoadSettings): Promise<void> {
  if (settings.warmupSeconds > 0) await run(route, settings, settings.warmupSeconds, () => undefined);
}

function run(route: Route, settings: LoadSettings, seconds: number, onBody: (body: string) => void): Promise<autocannon.Result> {
  let next = 0;
  const request: autocannon.Request = {
    method: 'GET',
    setupRequest: (req) => {
      const target = route.targets[next++ % route.targets.length]!;
      return { ...req, path: target.path, headers: { ...req.headers, authorization: `Bearer ${target.token}` } };
    },
  };
  if (route.degraded) request.onResponse = (_status, body) => onBody(body);
  return autocannon({
    url: settings.baseUrl,
    connections: settings.connections,
    duration: seconds,
    requests: [request],
  });
}

/** Checks that every kind of request answers 200 before it is measured, so a fast 401 is never a result. */
export async function preflight(route: Route, baseUrl: string): Promise<void> {
  for (const target of route.targets.slice(0, 3)) {
    const res = await fetch(`${baseUrl}${target.path}`, { headers: { authorization: `Bearer ${target.token}` } });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`${route.route} (${target.path}) answered ${res.status} before the run: ${body.slice(0, 300)}`);
    if (route.degraded?.(body)) throw new Error(`${route.route} (${target.path}) answered without what it exists for before the run: ${body.slice(0, 300)}`);
  }
}

export interface Machine {
  cores: number;
  cpu: string;
  memoryGiB: number;
  node: string;
  os: string;
  loadAverage: number[];
}

export function machine(): Machine {
  const cpu = cpus();
  return {
    cores: cpu.length,
    cpu: cpu[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os: `${process.platform} ${release()}`,
    loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
  };
}
