import { DEFAULT_BACKOFF, retryDelayMs } from './backoff';

describe('mail retry backoff', () => {
  it('doubles from the base after each failed attempt', () => {
    const options = { baseMs: 1_000, maxMs: 1_000_000 };
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(n, options))).toEqual([1_000, 2_000, 4_000, 8_000, 16_000]);
  });

  it('never waits longer than the cap, however many attempts', () => {
    const options = { baseMs: 1_000, maxMs: 10_000 };
    expect(retryDelayMs(4, options)).toBe(8_000);
    expect(retryDelayMs(5, options)).toBe(10_000);
    expect(retryDelayMs(1_000, options)).toBe(10_000);
  });

  it('by default spreads eight attempts over about two hours, starting a minute after the first', () => {
    expect(retryDelayMs(1)).toBe(60_000);
    const waits = [1, 2, 3, 4, 5, 6, 7].map((n) => retryDelayMs(n));
    expect(waits.reduce((a, b) => a + b, 0)).toBe((1 + 2 + 4 + 8 + 16 + 32 + 60) * 60_000);
    expect(Math.max(...waits)).toBe(DEFAULT_BACKOFF.maxMs);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses %p attempts', (attempts) => {
    expect(() => retryDelayMs(attempts)).toThrow(RangeError);
  });
});
