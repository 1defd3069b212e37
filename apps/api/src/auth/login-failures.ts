/** The wait before answering the n-th failed sign-in on an account: doubled at each failure, at most 16 times the first. */
export function failureDelayMs(baseMs: number, failures: number): number {
  return failures <= 0 ? 0 : baseMs * 2 ** Math.min(failures - 1, 4);
}

interface Count {
  count: number;
  since: number;
}

/** Counts within a window per key, in memory: bounded by `maxKeys`, the oldest forgotten first. */
class WindowCounts {
  private readonly counts = new Map<string, Count>();

  constructor(
    private readonly windowMs: number,
    private readonly maxKeys: number,
  ) {}

  current(key: string, now: number): Count | undefined {
    const entry = this.counts.get(key);
    return entry && now - entry.since < this.windowMs ? entry : undefined;
  }

  add(key: string, now: number): Count {
    const previous = this.current(key, now);
    const entry = previous ? { count: previous.count + 1, since: previous.since } : { count: 1, since: now };
    this.counts.delete(key);
    this.counts.set(key, entry);
    if (this.counts.size > this.maxKeys) this.counts.delete(this.counts.keys().next().value as string);
    return entry;
  }

  forget(key: string): void {
    this.counts.delete(key);
  }

  /** Milliseconds until the window of `key` ends. */
  remaining(key: string, now: number): number {
    const entry = this.current(key, now);
    return entry ? entry.since + this.windowMs - now : 0;
  }
}

/**
 * Failed sign-ins (by e-mail, known or not, so the answer reveals nothing), within a window. Successful sign-ins
 * are never counted. Per account, from anywhere, each failure is answered a little later than the one before
 * (it slows a guesser, and never shuts the owner out); per account and client address, `limit` failures refuse
 * that address for that account until the window ends, whatever it sends, while the owner signs in from theirs.
 * Kept in the API process's memory.
 */
export class LoginFailures {
  private readonly byAccount: WindowCounts;
  private readonly byAccountAndAddress: WindowCounts;
  /** Attempts whose password is being checked now, per account and address: a burst counts before it is answered. */
  private readonly checking = new Map<string, number>();

  constructor(
    windowMs: number,
    private readonly baseDelayMs: number,
    private readonly limit = Number.POSITIVE_INFINITY,
    maxKeys = 10_000,
  ) {
    this.byAccount = new WindowCounts(windowMs, maxKeys);
    this.byAccountAndAddress = new WindowCounts(windowMs, maxKeys);
  }

  /** Seconds before `address` may try `email` again (0: it may now). */
  refusedFor(email: string, address: string, now = Date.now()): number {
    const key = pairKey(email, address);
    const failures = (this.byAccountAndAddress.current(key, now)?.count ?? 0) + (this.checking.get(key) ?? 0);
    if (failures < this.limit) return 0;
    // refused by attempts still being checked: they end within seconds; by failures: when their window does
    return Math.max(1, Math.ceil(this.byAccountAndAddress.remaining(key, now) / 1000));
  }

  /**
   * Starts an attempt: refused (seconds to wait) when the address has used its attempts on the account, counting
   * those still being checked, so many guesses sent at once cannot all pass before the first is counted. `done`
   * must be called once the password was checked.
   */
  begin(email: string, address: string, now = Date.now()): { refusedFor: number; done: () => void } {
    const refusedFor = this.refusedFor(email, address, now);
    if (refusedFor > 0) return { refusedFor, done: () => undefined };
    const key = pairKey(email, address);
    this.checking.set(key, (this.checking.get(key) ?? 0) + 1);
    let open = true;
    const done = () => {
      if (!open) return;
      open = false;
      const left = (this.checking.get(key) ?? 1) - 1;
      if (left > 0) this.checking.set(key, left);
      else this.checking.delete(key);
    };
    return { refusedFor: 0, done };
  }

  /** Records a failure and says how long to wait before answering it. */
  failed(email: string, address: string, now = Date.now()): number {
    this.byAccountAndAddress.add(pairKey(email, address), now);
    return failureDelayMs(this.baseDelayMs, this.byAccount.add(email.toLowerCase(), now).count);
  }

  succeeded(email: string, address: string): void {
    this.byAccount.forget(email.toLowerCase());
    this.byAccountAndAddress.forget(pairKey(email, address));
  }
}

function pairKey(email: string, address: string): string {
  return `${email.toLowerCase()} ${address}`;
}
