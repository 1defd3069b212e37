import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { APP_CONFIG } from '../../../../libs/config/config.module';
import type { AppConfig } from '../../../../libs/config/config';
import { CaseStatus } from '../../../../libs/domain';
import { MetricsError } from './metrics.errors';
import { MetricsRepository } from './metrics.repository';

/** The route label of a request no route matched (a 404, a static file): never its path, which may hold ids. */
export const UNMATCHED_ROUTE = '(unmatched)';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** prom-client's process and Node.js metrics belong to the process, not to one application: collected once. */
let processRegistry: Registry | undefined;
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/**
 * The API's Prometheus metrics, in a registry of this application's own (tests run several apps in one process).
 * Request metrics are counted as requests finish; the case, deadline and outbox gauges are read at scrape time.
 */
@Injectable()
export class ApiMetrics {
  private readonly logger = new Logger('ApiMetrics');
  private readonly registry = new Registry();
  private readonly requests = new Counter({
    name: 'vnfil_http_requests_total',
    help: 'HTTP requests answered, by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  private readonly latency = new Histogram({
    name: 'vnfil_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  private readonly uploadBytes = new Counter({
    name: 'vnfil_evidence_upload_bytes_total',
    help: 'Bytes of evidence files stored (originals and their renditions)',
    registers: [this.registry],
  });
  private readonly cases = new Gauge({ name: 'vnfil_cases', help: 'Cases by status', labelNames: ['status'] as const, registers: [this.registry] });
  private readonly dueSoon = new Gauge({
    name: 'vnfil_deadlines_due_next_24h',
    help: "Open cases whose next deadline (evidence, assessment or appeal) falls within the next 24 hours",
    registers: [this.registry],
  });
  private readonly outbox = new Gauge({ name: 'vnfil_outbox_pending', help: 'Messages in the outbox still pending delivery', registers: [this.registry] });
  private readonly databaseUp = new Gauge({
    name: 'vnfil_metrics_database_up',
    help: '1 when this scrape read the case, deadline and outbox gauges from PostgreSQL, 0 when it could not (they are then absent)',
    registers: [this.registry],
  });
  private readonly token: Buffer | null;

  constructor(
    private readonly repo: MetricsRepository,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.token = config.metrics.token === null ? null : digest(config.metrics.token);
  }

  /** One answered request; `route` is the matched route's template (or UNMATCHED_ROUTE). */
  observeRequest(method: string, route: string, status: number, seconds: number): void {
    const labels = { method, route, status: String(status) };
    this.requests.inc(labels);
    this.latency.observe(labels, seconds);
  }

  addUploadBytes(bytes: number): void {
    this.uploadBytes.inc(bytes);
  }

  /** Refuses a scrape without the token when METRICS_TOKEN is set (compared in constant time). */
  checkAccess(authorization: string | undefined): void {
    if (!this.token) return;
    const given = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
    if (!given || !timingSafeEqual(digest(given), this.token)) throw MetricsError.tokenRequired();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The exposition text, with the gauges read from PostgreSQL now. */
  async scrape(): Promise<string> {
    this.cases.reset();
    this.dueSoon.reset();
    this.outbox.reset();
    try {
      const snapshot = await this.repo.snapshot();
      for (const status of Object.values(CaseStatus)) this.cases.set({ status }, 0);
      for (const row of snapshot.casesByStatus) this.cases.set({ status: row.status }, Number(row.count));
      this.dueSoon.set(snapshot.deadlinesDueNext24h);
      this.outbox.set(snapshot.outboxPending);
      this.databaseUp.set(1);
    } catch (err) {
      this.logger.warn(`metrics scrape could not read PostgreSQL: ${err instanceof Error ? err.message : String(err)}`);
      this.databaseUp.set(0);
    }
    return Registry.merge([processMetrics(), this.registry]).metrics();
  }
}
