import { HttpStatus } from '@nestjs/common';
import { ApiError } from './api-error';

/**
 * Keyset (cursor) pagination shared by every list. A list names its sorts; each sort is a row of SQL expressions
 * that never yield NULL (a missing deadline sorts as 'infinity'), all in one direction, ending in a unique key (the
 * row's id), so that `(k1, …, kn) > (v1, …, vn)` (or `<` for a descending sort) is exactly "after the last row
 * served" and PostgreSQL can start an index scan there. The cursor carries the last row's key values as
 * PostgreSQL renders them (timestamps to the microsecond), so a page boundary never falls between two rows that a
 * millisecond-precision value would confuse. Rows inserted while a client pages appear in a later page if they
 * sort after the cursor and never shift or repeat what it has already seen.
 */

export const PAGE_LIMIT_DEFAULT = 25;
export const PAGE_LIMIT_MAX = 100;
/** No cursor we give out is anywhere near this long; a longer one is refused before it is decoded. */
export const CURSOR_MAX_LENGTH = 1024;
const CURSOR_VERSION = 1;

/** How a key is rendered into the cursor and cast back from it. */
export type KeyKind = 'timestamp' | 'uuid' | 'bigint' | 'text';

export interface SortKey {
  /** An SQL expression over the list's aliases that is never NULL. */
  sql: string;
  kind: KeyKind;
}

export interface KeysetSort {
  /** The value of the `sort` query parameter; a cursor only continues the sort that produced it. */
  name: string;
  direction: 'ASC' | 'DESC';
  /** Sort keys in order; the last one is unique (the row's id), which makes the order total. */
  keys: readonly SortKey[];
}

export interface PageRequest {
  limit: number;
  cursor?: string;
}

/** One page of a list: the items, and the cursor of the next page (null on the last one). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export enum PageErrorCode {
  InvalidCursor = 'request.invalid_cursor',
}

/** A cursor this list did not give out (garbage, edited, or from another sort): a 400, never a database error. */
export class CursorError extends ApiError {
  override name = 'CursorError';
  constructor(detail: string) {
    super(PageErrorCode.InvalidCursor, HttpStatus.BAD_REQUEST, [
      `cursor is not one this list gave out (${detail}): start from the first page, without a cursor, or with the same sort`,
    ]);
  }
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z|infinity)$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const BIGINT = /^(0|[1-9]\d{0,17})$/;
const TEXT_MAX = 500;

/**
 * Whether a cursor's YYYY-MM-DDTHH:MM:SS.ffffffZ names a real instant that PostgreSQL takes: Date.parse rolls
 * 30 February over to March, where PostgreSQL refuses it (a 500 for a forged cursor).
 */
function isCalendarInstant(value: string): boolean {
  const [y, mo, d, h, mi, s] = value.match(/\d+/g)!.map(Number) as [number, number, number, number, number, number];
  const at = new Date(0);
  at.setUTCFullYear(y, mo - 1, d);
  at.setUTCHours(h, mi, s);
  return y >= 1 && at.getUTCFullYear() === y && at.getUTCMonth() === mo - 1 && at.getUTCDate() === d && at.getUTCHours() === h && at.getUTCMinutes() === mi && at.getUTCSeconds() === s;
}

/** Whether `value` is a key of this kind as the SQL of keyText renders it. */
function validKey(kind: KeyKind, value: unknown): value is string {
  if (typeof value !== 'string') return false;
  switch (kind) {
    case 'timestamp':
      return TIMESTAMP.test(value) && (value === 'infinity' || isCalendarInstant(value));
    case 'uuid':
      return UUID.test(value);
    case 'bigint':
      return BIGINT.test(value);
    case 'text':
      return value.length <= TEXT_MAX && !value.includes('\u0000');
  }
}

/** SQL rendering a key as the text the cursor carries. */
export function keyText(key: SortKey): string {
  switch (key.kind) {
    case 'timestamp':
      // microseconds, in UTC; 'infinity' (a missing deadline) as itself
      return `CASE WHEN isfinite(${key.sql}) THEN to_char(${key.sql} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') ELSE (${key.sql})::text END`;
    case 'uuid':
    case 'bigint':
      return `(${key.sql})::text`;
    case 'text':
      return `(${key.sql})`;
  }
}

const CAST: Record<KeyKind, string> = { timestamp: 'timestamptz', uuid: 'uuid', bigint: 'bigint', text: 'text' };

export function encodeCursor(sort: KeysetSort, values: readonly string[]): string {
  return Buffer.from(JSON.stringify({ v: CURSOR_VERSION, s: sort.name, k: values }), 'utf8').toString('base64url');
}

/** The key values a cursor carries, checked against the sort; CursorError for anything else. */
export function decodeCursor(sort: KeysetSort, cursor: string): string[] {
  if (cursor.length === 0 || cursor.length > CURSOR_MAX_LENGTH || !BASE64URL.test(cursor)) throw new CursorError('not base64url text of the right length');
  const json = Buffer.from(cursor, 'base64url');
  // base64url decoding skips what it cannot read: a cursor that does not survive the round trip was not ours
  if (json.toString('base64url') !== cursor) throw new CursorError('not canonical base64url');
  let payload: unknown;
  try {
    payload = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(json));
  } catch {
    throw new CursorError('not JSON');
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) throw new CursorError('not an object');
  const { v, s, k, ...rest } = payload as Record<string, unknown>;
  if (Object.keys(rest).length) throw new CursorError('unknown fields');
  if (v !== CURSOR_VERSION) throw new CursorError('unknown version');
  if (s !== sort.name) throw new CursorError(`made for another sort than ${sort.name}`);
  if (!Array.isArray(k) || k.length !== sort.keys.length) throw new CursorError('wrong number of keys');
  sort.keys.forEach((key, i) => {
    if (!validKey(key.kind, k[i])) throw new CursorError(`key ${i + 1} is not a ${key.kind}`);
  });
  return k as string[];
}

/** SQL ORDER BY terms of the sort. */
export function orderTerms(sort: KeysetSort): { sql: string; direction: 'ASC' | 'DESC' }[] {
  return sort.keys.map((key) => ({ sql: key.sql, direction: sort.direction }));
}

/**
 * The condition "after the row with these key values", as one row comparison (which PostgreSQL uses as an index
 * condition when an index has the keys in this order), with named parameters `<prefix>0…`.
 */
export function afterCondition(sort: KeysetSort, values: readonly string[], prefix = 'keyset'): { sql: string; params: Record<string, string> } {
  if (values.length !== sort.keys.length) throw new Error(`sort ${sort.name} has ${sort.keys.length} keys, got ${values.length} values`);
  const params: Record<string, string> = {};
  const left = sort.keys.map((k) => k.sql);
  const right = sort.keys.map((key, i) => {
    const name = `${prefix}${i}`;
    params[name] = values[i]!;
    return `CAST(:${name} AS ${CAST[key.kind]})`;
  });
  const op = sort.direction === 'ASC' ? '>' : '<';
  const sql = left.length === 1 ? `${left[0]} ${op} ${right[0]}` : `(${left.join(', ')}) ${op} (${right.join(', ')})`;
  return { sql, params };
}

/** Column aliases under which a page query selects its keys (k0…). */
export const keyAlias = (i: number) => `k${i}`;

/**
 * Splits the rows of a query that asked for `limit + 1` rows into the page and the cursor of the next page: the
 * extra row only says there is one. `keysOf` gives a row's key values as keyText rendered them.
 */
export function pageOf<R>(sort: KeysetSort, rows: R[], limit: number, keysOf: (row: R) => string[]): { rows: R[]; nextCursor: string | null } {
  if (rows.length <= limit) return { rows, nextCursor: null };
  const page = rows.slice(0, limit);
  return { rows: page, nextCursor: encodeCursor(sort, keysOf(page[page.length - 1]!)) };
}
