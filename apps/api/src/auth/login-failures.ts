/** The wait before answering the n-th failed sign-in on an account: doubled at each failure, at most 16 times the first. */
export function failureDelayMs(baseMs: number, failures: number): number {
  return failures <= 0 ? 0 : baseMs * 2 ** Math.min(failures - 1, 4);
}

/**
 * Failed sign-ins per account (by e-mail, known or not, so the answer reveals nothing), within a window. Kept in
 * the API process's memory: bounded by `maxAccounts`, the oldest forgotten first.
 */
export class LoginFailures {
  private readonly failures = new Map<string, { count: number; since: number }>();

  constructor(
    private readonly windowMs: number,
    private readonly baseDelayMs: number,
    private readonly maxAccounts = 10_000,
  ) {}

  /** Records a failure and says how long to wait before answering it. */
  failed(email: string, now = Date.now()): number {
    const key = email.toLowerCase();
    const previous = this.failures.get(key);
    const entry = previous && now - previous.since < this.windowMs ? { count: previous.count + 1, since: previous.since } : { count: 1, since: now };
    this.failures.delete(key);
    this.failures.set(key, entry);
    if (this.failures.size > this.maxAccounts) this.failures.delete(this.failures.keys().next().value as string);
    return failureDelayMs(this.baseDelayMs, entry.count);
  }

  succeeded(email: string): void {
    this.failures.delete(email.toLowerCase());
  }
}
