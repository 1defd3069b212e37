import { Inject, Injectable, Logger } from '@nestjs/common';
import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { from, lastValueFrom } from 'rxjs';
import type { Observable } from 'rxjs';
import { APP_CONFIG } from '../../../../libs/config/config.module';
import type { AppConfig } from '../../../../libs/config/config';
import { CaseStepsService } from '../cases/case-steps.service';
import { StepAccepted } from '../common/api-error';
import { describeError } from '../common/api-exception.filter';
import type { Actor, AuthenticatedRequest } from '../common/decorators';
import type { HttpRequest, HttpResponse } from '../common/http';
import { RequestContext } from '../common/request-context';
import type { RequestScope } from '../common/request-context';
import { IdempotencyError } from './idempotency.errors';
import { IdempotencyRepository } from './idempotency.repository';
import { IDEMPOTENT_REPLAYED_HEADER, parseIdempotencyKey, requestFingerprint } from './idempotency-key';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** A second request with a key still in progress waits this long for the first one's answer, then gets a 409. */
export const IN_PROGRESS_WAIT_MS = 2_000;
const IN_PROGRESS_POLL_MS = 100;
/**
 * A claim still in progress after this long belongs to a request that will never finish (its API process
 * died): the next request with the key takes it over. Longer than any request runs (the answer deadline is
 * at most 2 minutes; an upload of the largest file on a slow line).
 */
export const ABANDONED_CLAIM_MS = 5 * 60_000;

type IdempotentRequest = HttpRequest & AuthenticatedRequest & { body?: unknown; originalUrl?: string };

interface RequestIdentity {
  method: string;
  path: string;
  fingerprint: string;
}

type Claim =
  | { kind: 'run'; id: string }
  | { kind: 'replay'; status: number; body: string | null }
  | { kind: 'accepted'; id: string; caseId: string; updateId: string };

/** The answers a retry gets as they were: successes other than 202, and the client's errors. */
function isFinal(status: number): boolean {
  return (status >= 200 && status < 300 && status !== 202) || (status >= 400 && status < 500);
}

/** A JSON body as the text Express sends for it (res.json), or null for none. */
function asStoredBody(body: unknown): string | null {
  if (body === undefined || body === null) return null;
  return JSON.stringify(body);
}

function describeRequest(req: IdempotentRequest): RequestIdentity {
  const method = (req.method ?? '').toUpperCase();
  const path = req.originalUrl ?? req.url ?? '';
  const length = Number(req.headers['content-length'] ?? 0);
  const hasBody = length > 0 || req.headers['transfer-encoding'] !== undefined;
  const streamedMediaType = req.body === undefined && hasBody ? (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase() : null;
  return { method, path, fingerprint: requestFingerprint({ method, path, body: req.body, streamedMediaType }) };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Every signed-in POST, PUT, PATCH and DELETE accepts an Idempotency-Key header (public routes, login and
 * register, ignore it). The first request with a key claims it (a row in_progress, unique per user and key)
 * and runs; its final answer (2xx other than 202, or 4xx) is stored and replayed to every retry with the key,
 * marked Idempotent-Replayed. A retry while the first still runs waits up to IN_PROGRESS_WAIT_MS, then gets 409.
 * A key reused for another method, path or body is 422. A 5xx releases the key, so a retry runs again. A step
 * the case's process accepted but did not finish in time (202) keeps the key on that step: a retry answers
 * with the step's result once it is ready, without running the route again.
 * The request's scope (user, key, fingerprint) is in RequestContext for the services below.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Idempotency');

  constructor(
    private readonly repo: IdempotencyRepository,
    private readonly context: RequestContext,
    private readonly steps: CaseStepsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const req = http.getRequest<IdempotentRequest>();
    const actor = req.actor;
    if (!actor || !STATE_CHANGING.has((req.method ?? '').toUpperCase())) return next.handle();
    return from(this.serve(req, actor, http.getResponse<HttpResponse>(), next));
  }

  private async serve(req: IdempotentRequest, actor: Actor, res: HttpResponse, next: CallHandler): Promise<unknown> {
    const key = parseIdempotencyKey(req.headers['idempotency-key']);
    const request = describeRequest(req);
    const scope: RequestScope = { userId: actor.id, idempotencyKey: key, fingerprint: request.fingerprint };
    const runRoute = () => this.context.run(scope, () => lastValueFrom(next.handle(), { defaultValue: undefined }));
    if (key === null) return runRoute();

    const claim = await this.claim(actor.id, key, request);
    switch (claim.kind) {
      case 'replay':
        res.status(claim.status);
        res.set({ [IDEMPOTENT_REPLAYED_HEADER]: 'true' });
        if (claim.body === null) return undefined;
        res.set({ 'Content-Type': 'application/json; charset=utf-8' });
        return claim.body;
      case 'run':
        return this.settle(claim.id, res, runRoute, 'in_progress');
      case 'accepted':
        return this.settle(claim.id, res, () => this.steps.result(actor, claim.caseId, claim.updateId), 'accepted');
    }
  }

  /** Claims the key, or finds what an earlier request with it left: its answer, its accepted step, or a 422. */
  private async claim(userId: string, key: string, request: RequestIdentity): Promise<Claim> {
    const waitUntil = Date.now() + IN_PROGRESS_WAIT_MS;
    for (;;) {
      const now = new Date();
      const id = await this.repo.claim({
        userId,
        key,
        ...request,
        claimedAt: now,
        expiresAt: new Date(now.getTime() + this.config.steps.idempotencyKeyTtlHours * 3_600_000),
      });
      if (id) return { kind: 'run', id };
      const row = await this.repo.find(userId, key);
      if (row) {
        const abandoned = row.state === 'in_progress' && row.claimedAt.getTime() < now.getTime() - ABANDONED_CLAIM_MS;
        if (row.expiresAt <= now || abandoned) {
          await this.repo.removeDead(row.id, row.state);
          continue;
        }
        if (row.method !== request.method || row.path !== request.path || row.fingerprint !== request.fingerprint) {
          throw IdempotencyError.reused(row, request);
        }
        if (row.state === 'completed') return { kind: 'replay', status: row.responseStatus!, body: row.responseBody };
        if (row.state === 'accepted') return { kind: 'accepted', id: row.id, caseId: row.stepCaseId!, updateId: row.stepUpdateId! };
      }
      if (Date.now() >= waitUntil) throw IdempotencyError.inProgress();
      await sleep(IN_PROGRESS_POLL_MS);
    }
  }

  /**
   * Runs the request (or asks for its accepted step's result) and records what became of the key. An accepted
   * step's key is completed only by the step's result or the process's refusal of it; anything else (still
   * running, engine down) leaves it accepted.
   */
  private async settle(id: string, res: HttpResponse, run: () => Promise<unknown>, from: 'in_progress' | 'accepted'): Promise<unknown> {
    let body: unknown;
    try {
      body = await run();
    } catch (err) {
      await this.record(id, () => this.recordFailure(id, err, from));
      throw err;
    }
    const status = res.statusCode;
    await this.record(id, () => (isFinal(status) ? this.repo.complete(id, status, asStoredBody(body)) : this.repo.release(id)));
    return body;
  }

  private async recordFailure(id: string, err: unknown, from: 'in_progress' | 'accepted'): Promise<void> {
    if (err instanceof StepAccepted) return this.repo.accept(id, err.caseId, err.updateId);
    const answer = describeError(err);
    if (from === 'accepted') {
      if (err instanceof WorkflowUpdateFailedError && answer) await this.repo.complete(id, answer.statusCode, asStoredBody(answer.body));
      return;
    }
    if (answer && isFinal(answer.statusCode)) return this.repo.complete(id, answer.statusCode, asStoredBody(answer.body));
    return this.repo.release(id);
  }

  /** The answer goes out even when it cannot be stored: the key then stays claimed until ABANDONED_CLAIM_MS. */
  private async record(id: string, write: () => Promise<void>): Promise<void> {
    try {
      await write();
    } catch (err) {
      this.logger.warn(`idempotency key ${id} not updated: ${(err as Error).message}`);
    }
  }
}
