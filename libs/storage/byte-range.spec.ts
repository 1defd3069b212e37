import { ifRangeHolds, parseRange } from './byte-range';

describe('parseRange', () => {
  it.each([
    ['bytes=0-99', { kind: 'partial', start: 0, end: 99 }],
    ['bytes=100-', { kind: 'partial', start: 100, end: 999 }],
    ['bytes=-100', { kind: 'partial', start: 900, end: 999 }],
    ['bytes=-5000', { kind: 'partial', start: 0, end: 999 }],
    ['bytes=990-5000', { kind: 'partial', start: 990, end: 999 }],
    ['bytes=999-999', { kind: 'partial', start: 999, end: 999 }],
    ['bytes=1000-', { kind: 'unsatisfiable' }],
    ['bytes=5000-6000', { kind: 'unsatisfiable' }],
    ['bytes=-0', { kind: 'unsatisfiable' }],
    ['bytes=0-99999999999999999999', { kind: 'partial', start: 0, end: 999 }],
    ['bytes=0-9007199254740993', { kind: 'partial', start: 0, end: 999 }],
    ['bytes=500-1000', { kind: 'partial', start: 500, end: 999 }],
    ['bytes=-99999999999999999999', { kind: 'partial', start: 0, end: 999 }],
    ['bytes=99999999999999999999-', { kind: 'unsatisfiable' }],
    ['bytes=99999999999999999999-99999999999999999999', { kind: 'unsatisfiable' }],
    ['bytes=99999999999999999999-5', { kind: 'full' }],
    ['bytes=0000000000000000000000005-0000000000000000000000009', { kind: 'partial', start: 5, end: 9 }],
    ['bytes=5-', { kind: 'partial', start: 5, end: 999 }],
    ['bytes=0-1,5-6', { kind: 'full' }],
    ['bytes=9-3', { kind: 'full' }],
    ['items=0-1', { kind: 'full' }],
    ['bytes=-', { kind: 'full' }],
    ['bytes=abc', { kind: 'full' }],
    ['', { kind: 'full' }],
  ])('%j of a 1,000-byte file is %j', (header, expected) => {
    expect(parseRange(header, 1000)).toEqual(expected);
  });

  it('serves the range only while If-Range still names the content', () => {
    expect(ifRangeHolds(undefined, '"abc"')).toBe(true);
    expect(ifRangeHolds('"abc"', '"abc"')).toBe(true);
    expect(ifRangeHolds('"old"', '"abc"')).toBe(false);
  });
});
