import { Injectable } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash, randomUUID } from 'node:crypto';

/** What a state-changing request carries down to the services, set by the idempotency interceptor. */
export interface RequestScope {
  userId: string;
  /** The request's Idempotency-Key header, or null when it was sent without one. */
  idempotencyKey: string | null;
  /** sha256 of the request's method, path and body (see requestFingerprint). */
  fingerprint: string;
}

const storage = new AsyncLocalStorage<RequestScope>();

/**
 * The Temporal update id of a step sent with an Idempotency-Key: a UUID (version 8, RFC 9562) from the user,
 * the key, the request's fingerprint, the workflow and the update. The user keeps two users' keys apart; the
 * fingerprint keeps a key reused for another request after its record expired from meeting the old step; the
 * workflow and update name keep two steps sent by one request apart.
 */
export function stepUpdateId(scope: { userId: string; idempotencyKey: string; fingerprint: string }, workflowId: string, updateName: string): string {
  const material = JSON.stringify(['vnfil-step-v1', scope.userId, scope.idempotencyKey, scope.fingerprint, workflowId, updateName]);
  const bytes = createHash('sha256').update(material).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The request being served, for code below the controllers (AsyncLocalStorage: no request-scoped providers).
 * Outside a state-changing request (a GET, a test calling a service directly) there is no scope.
 */
@Injectable()
export class RequestContext {
  run<T>(scope: RequestScope, fn: () => T): T {
    return storage.run(scope, fn);
  }

  get scope(): RequestScope | undefined {
    return storage.getStore();
  }

  /**
   * The update id for a step this request sends to a workflow: derived from the Idempotency-Key, so a retry
   * sends the same id and Temporal applies the step once; random without a key.
   */
  updateId(workflowId: string, updateName: string): string {
    const scope = storage.getStore();
    if (!scope?.idempotencyKey) return randomUUID();
    return stepUpdateId({ userId: scope.userId, idempotencyKey: scope.idempotencyKey, fingerprint: scope.fingerprint }, workflowId, updateName);
  }

  /**
   * The id of a record this request creates (a case): derived from the Idempotency-Key like an update id, so a
   * retry after a lost answer opens the same case instead of a second one; random without a key.
   */
  newId(kind: string): string {
    return this.updateId(`new-${kind}`, 'create');
  }
}
