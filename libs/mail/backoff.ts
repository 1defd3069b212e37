/** How long the mail relay waits before the next attempt at a message: doubling from `baseMs`, at most `maxMs`. */
export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
}

/** A minute, then 2, 4, 8, 16, 32 and 60: eight attempts span about two hours of an SMTP server's outage. */
export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 60_000, maxMs: 60 * 60_000 };

/** The wait after the `attempts`-th failed attempt (1 for the first): exponential, capped. */
export function retryDelayMs(attempts: number, { baseMs, maxMs }: BackoffOptions = DEFAULT_BACKOFF): number {
  if (!Number.isInteger(attempts) || attempts < 1) throw new RangeError(`attempts must be a whole number from 1, not ${attempts}`);
  // 2^exponent overflows nothing before the cap: past 2^40 the base is far beyond any sane cap anyway
  return Math.min(maxMs, baseMs * 2 ** Math.min(attempts - 1, 40));
}
