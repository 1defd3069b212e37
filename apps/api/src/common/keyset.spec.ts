import { HttpStatus } from '@nestjs/common';
import { afterCondition, CursorError, decodeCursor, encodeCursor, pageOf, PageErrorCode } from './keyset';
import type { KeysetSort } from './keyset';
import { containsPattern, inOrder } from './keyset.query';

const byDue: KeysetSort = { name: 'due_asc', direction: 'ASC', keys: [{ sql: 'due(c)', kind: 'timestamp' }, { sql: 'c.id', kind: 'uuid' }] };
const newest: KeysetSort = { name: 'created_desc', direction: 'DESC', keys: [{ sql: 'c.created_at', kind: 'timestamp' }, { sql: 'c.id', kind: 'uuid' }] };
const bySeq: KeysetSort = { name: 'seq_asc', direction: 'ASC', keys: [{ sql: 'e.seq', kind: 'bigint' }] };
const byTitle: KeysetSort = { name: 'title_asc', direction: 'ASC', keys: [{ sql: 's.title', kind: 'text' }, { sql: 's.id', kind: 'uuid' }] };

const ID = '0b8e5f2a-6c1d-4e7f-9a3b-2c4d6e8f0a1b';
const AT = '2026-03-01T09:15:42.123456Z';
const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value), 'utf8').toString('base64url');

function refusal(run: () => unknown): CursorError {
  try {
    run();
  } catch (err) {
    if (err instanceof CursorError) return err;
    throw err;
  }
  throw new Error('expected a CursorError');
}

describe('keyset cursors', () => {
  it('round-trip the key values of the sort that made them, microseconds and infinity included', () => {
    expect(decodeCursor(byDue, encodeCursor(byDue, [AT, ID]))).toEqual([AT, ID]);
    expect(decodeCursor(byDue, encodeCursor(byDue, ['infinity', ID]))).toEqual(['infinity', ID]);
    expect(decodeCursor(bySeq, encodeCursor(bySeq, ['9007199254740993']))).toEqual(['9007199254740993']);
    expect(decodeCursor(byTitle, encodeCursor(byTitle, ['Ünïcode, "quoted" & 100%', ID]))).toEqual(['Ünïcode, "quoted" & 100%', ID]);
  });

  it('are opaque base64url text', () => {
    expect(encodeCursor(byDue, [AT, ID])).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('refuse a cursor of another sort, so one list cannot continue another', () => {
    const err = refusal(() => decodeCursor(newest, encodeCursor(byDue, [AT, ID])));
    expect(err.status).toBe(HttpStatus.BAD_REQUEST);
    expect(err.code).toBe(PageErrorCode.InvalidCursor);
    expect(err.message).toMatch(/made for another sort than created_desc/);
  });

  it.each([
    ['empty', ''],
    ['not base64url', 'abc+/='],
    ['padded base64', `${b64({ v: 1, s: 'due_asc', k: [AT, ID] })}=`],
    ['too long', 'A'.repeat(2000)],
    ['not JSON', b64('not json at all')],
    ['invalid UTF-8', Buffer.from([0xff, 0xfe, 0x7b]).toString('base64url')],
    ['an array', b64([AT, ID])],
    ['null', b64('null')],
    ['another version', b64({ v: 2, s: 'due_asc', k: [AT, ID] })],
    ['an extra field', b64({ v: 1, s: 'due_asc', k: [AT, ID], admin: true })],
    ['too few keys', b64({ v: 1, s: 'due_asc', k: [AT] })],
    ['too many keys', b64({ v: 1, s: 'due_asc', k: [AT, ID, ID] })],
    ['a millisecond timestamp', b64({ v: 1, s: 'due_asc', k: ['2026-03-01T09:15:42.123Z', ID] })],
    ['an impossible date', b64({ v: 1, s: 'due_asc', k: ['2026-13-45T09:15:42.123456Z', ID] })],
    ['SQL for a timestamp', b64({ v: 1, s: 'due_asc', k: ["2026-03-01'; DROP TABLE validation_case; --", ID] })],
    ['a number for a timestamp', b64({ v: 1, s: 'due_asc', k: [1700000000, ID] })],
    ['30 February', b64({ v: 1, s: 'due_asc', k: ['2026-02-30T00:00:00.000000Z', ID] })],
    ['25 o\'clock', b64({ v: 1, s: 'due_asc', k: ['2026-03-01T25:00:00.000000Z', ID] })],
    ['the year 0', b64({ v: 1, s: 'due_asc', k: ['0000-01-01T00:00:00.000000Z', ID] })],
    ['null keys', b64({ v: 1, s: 'due_asc', k: [null, null] })],
    ['a malformed uuid', b64({ v: 1, s: 'due_asc', k: [AT, 'not-a-uuid'] })],
    ['an upper-case uuid (PostgreSQL renders lower case)', b64({ v: 1, s: 'due_asc', k: [AT, ID.toUpperCase()] })],
  ])('refuse %s with a CursorError', (_what, cursor) => {
    expect(refusal(() => decodeCursor(byDue, cursor)).code).toBe(PageErrorCode.InvalidCursor);
  });

  it('refuse a bigint key that is negative, fractional or beyond bigint', () => {
    for (const key of ['-1', '1.5', '1e9', '99999999999999999999', '01']) {
      expect(refusal(() => decodeCursor(bySeq, b64({ v: 1, s: 'seq_asc', k: [key] }))).code).toBe(PageErrorCode.InvalidCursor);
    }
  });

  it('refuse a text key with a NUL or longer than any title', () => {
    expect(() => decodeCursor(byTitle, b64({ v: 1, s: 'title_asc', k: ['a\u0000b', ID] }))).toThrow(CursorError);
    expect(() => decodeCursor(byTitle, b64({ v: 1, s: 'title_asc', k: ['x'.repeat(501), ID] }))).toThrow(CursorError);
  });
});

describe('the condition after a cursor', () => {
  it('is one row comparison in the direction of the sort, values as typed parameters', () => {
    expect(afterCondition(byDue, [AT, ID])).toEqual({
      sql: '(due(c), c.id) > (CAST(:keyset0 AS timestamptz), CAST(:keyset1 AS uuid))',
      params: { keyset0: AT, keyset1: ID },
    });
    expect(afterCondition(newest, [AT, ID]).sql).toBe('(c.created_at, c.id) < (CAST(:keyset0 AS timestamptz), CAST(:keyset1 AS uuid))');
    expect(afterCondition(bySeq, ['42'])).toEqual({ sql: 'e.seq > CAST(:keyset0 AS bigint)', params: { keyset0: '42' } });
  });

  it('never puts a value into the SQL text', () => {
    const hostile = "x') OR 1=1 --";
    expect(afterCondition(byTitle, [hostile, ID]).sql).not.toContain(hostile);
  });
});

describe('pages', () => {
  const rows = ['10', '11', '12', '13'].map((seq) => ({ seq }));
  const keysOf = (r: { seq: string }) => [r.seq];

  it('hold `limit` rows and a cursor at the last of them when one more row came back', () => {
    const page = pageOf(bySeq, rows, 3, keysOf);
    expect(page.rows.map((r) => r.seq)).toEqual(['10', '11', '12']);
    expect(decodeCursor(bySeq, page.nextCursor!)).toEqual(['12']);
  });

  it('end (null cursor) when no more than `limit` rows came back', () => {
    expect(pageOf(bySeq, rows, 4, keysOf).nextCursor).toBeNull();
    expect(pageOf(bySeq, [], 4, keysOf)).toEqual({ rows: [], nextCursor: null });
  });

  it('keep the order of the page query when rows are loaded by id', () => {
    expect(inOrder(['b', 'a', 'c'], [{ id: 'a' }, { id: 'c' }, { id: 'b' }], (r) => r.id).map((r) => r.id)).toEqual(['b', 'a', 'c']);
    // a row gone between the two queries is left out, not answered as a hole
    expect(inOrder(['b', 'a'], [{ id: 'a' }], (r) => r.id)).toEqual([{ id: 'a' }]);
  });
});

describe('search patterns', () => {
  it('match the term anywhere, its wildcards taken literally', () => {
    expect(containsPattern('Ann')).toBe('%Ann%');
    expect(containsPattern('100%_\\')).toBe('%100\\%\\_\\\\%');
  });
});
