import { createHash } from 'node:crypto';
import { IdempotencyError } from './idempotency.errors';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
/** Set (to "true") on an answer replayed from an earlier request with the same key. */
export const IDEMPOTENT_REPLAYED_HEADER = 'Idempotent-Replayed';
export const IDEMPOTENCY_KEY_MAX_LENGTH = 200;

const VISIBLE_ASCII = /^[\x21-\x7e]+$/;
const RULE = `1 to ${IDEMPOTENCY_KEY_MAX_LENGTH} visible ASCII characters (no spaces), such as a UUID`;

/** The Idempotency-Key header's value, null when absent; a malformed one is an IdempotencyError (400). */
export function parseIdempotencyKey(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  if (Array.isArray(value)) throw IdempotencyError.invalidKey(`the Idempotency-Key header was sent more than once; send it once, with ${RULE}`);
  if (value.length === 0) throw IdempotencyError.invalidKey(`the Idempotency-Key header is empty; it must be ${RULE}`);
  if (value.length > IDEMPOTENCY_KEY_MAX_LENGTH) {
    throw IdempotencyError.invalidKey(`the Idempotency-Key header is ${value.length} characters long; it must be ${RULE}`);
  }
  if (!VISIBLE_ASCII.test(value)) {
    throw IdempotencyError.invalidKey(`the Idempotency-Key header has a space, a control character or a non-ASCII character; it must be ${RULE}`);
  }
  return value;
}

/**
 * JSON with object keys sorted at every level, so two bodies that differ only in key order or spacing are the
 * same request. Written out directly (no object is rebuilt), so keys such as "__proto__" stay plain keys.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map((v: unknown) => canonicalJson(v)).join(',')}]`;
  const entries = Object.keys(value)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(',')}}`;
}

export interface RequestShape {
  method: string;
  /** Path and query, as sent. */
  path: string;
  /** The parsed JSON body; undefined when none was parsed. */
  body: unknown;
  /** A body that was not parsed (a multipart upload streamed to storage): its media type, else null. */
  streamedMediaType: string | null;
}

/**
 * sha256 (hex) of what makes two requests the same: method, path and JSON body. An absent body is the empty
 * object (the steps without input accept either). A streamed upload is not read twice: it counts by its media
 * type only, so a reused key on an upload route is caught when the route differs, not when the file does.
 */
export function requestFingerprint(req: RequestShape): string {
  const body = req.streamedMediaType !== null ? `stream:${req.streamedMediaType}` : canonicalJson(req.body ?? {});
  return createHash('sha256').update(`${req.method.toUpperCase()}\n${req.path}\n${body}`).digest('hex');
}
