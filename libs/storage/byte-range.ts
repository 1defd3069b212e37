/**
 * HTTP Range requests (RFC 9110, 14) on a stored file, so that browsers can seek in recordings and resume
 * downloads. One range is served as 206; several ranges are answered with the whole file (the RFC lets a
 * server ignore Range), and so is a header that cannot be read. A range that starts past the end is 416; one
 * that ends past it, or a suffix longer than the file, is cut at the file's end (14.1.2).
 */
export type RangeAnswer = { kind: 'full' } | { kind: 'partial'; start: number; end: number } | { kind: 'unsatisfiable' };

/**
 * A byte position as written in the header, of any length: past 15 digits (a petabyte) it is past the end of any
 * file we store, so it is read as Infinity rather than rounded (Number of "99999999999999999999" is not that number).
 */
function position(digits: string): number {
  const significant = digits.replace(/^0+(?=\d)/, '');
  return significant.length > 15 ? Infinity : Number(significant);
}

export function parseRange(header: string | undefined | null, size: number): RangeAnswer {
  if (!header) return { kind: 'full' };
  const match = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (!match) return { kind: 'full' };
  const [, first, last] = match;
  if (first === '' && last === '') return { kind: 'full' };
  if (first === '') {
    // a suffix: the last N bytes (the whole file when N is larger)
    const length = position(last);
    if (length === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', start: Math.max(0, size - length), end: size - 1 };
  }
  const start = position(first);
  const end = last === '' ? Infinity : position(last);
  if (end < start) return { kind: 'full' };
  if (start >= size) return { kind: 'unsatisfiable' };
  return { kind: 'partial', start, end: Math.min(end, size - 1) };
}

/** Whether an If-Range validator still names the stored content (strong ETags only), so the range may be served. */
export function ifRangeHolds(ifRange: string | undefined | null, etag: string): boolean {
  return !ifRange || ifRange.trim() === etag;
}
