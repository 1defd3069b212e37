import { failureDelayMs, LoginFailures } from './login-failures';

describe('failed sign-ins', () => {
  it('wait longer after each failure on the same account, from any address, up to 16 times the first wait', () => {
    const failures = new LoginFailures(60_000, 100);
    const delays = [1, 2, 3, 4, 5, 6].map((i) => failures.failed('Lena@Example.org', `198.51.100.${i}`, 0));
    expect(delays).toEqual([100, 200, 400, 800, 1600, 1600]);
    expect(failures.failed('other@example.org', '198.51.100.1', 0)).toBe(100);
  });

  it('start again after a success or once the window has passed', () => {
    const failures = new LoginFailures(60_000, 100);
    failures.failed('lena@example.org', 'a', 0);
    failures.failed('lena@example.org', 'a', 0);
    failures.succeeded('LENA@example.org', 'b');
    expect(failures.failed('lena@example.org', 'a', 0)).toBe(100);
    expect(failures.failed('lena@example.org', 'a', 1_000)).toBe(200);
    expect(failures.failed('lena@example.org', 'a', 60_000)).toBe(100);
  });

  it('refuse an address that failed the limit on an account, for that account only, until its window ends', () => {
    const failures = new LoginFailures(60_000, 100, 3);
    for (let i = 0; i < 3; i++) {
      expect(failures.refusedFor('lena@example.org', 'attacker', 1_000)).toBe(0);
      failures.failed('lena@example.org', 'attacker', 1_000);
    }
    expect(failures.refusedFor('LENA@example.org', 'attacker', 1_000)).toBe(60);
    expect(failures.refusedFor('lena@example.org', 'attacker', 30_500)).toBe(31);
    expect(failures.refusedFor('lena@example.org', 'owner', 1_000)).toBe(0);
    expect(failures.refusedFor('other@example.org', 'attacker', 1_000)).toBe(0);
    expect(failures.refusedFor('lena@example.org', 'attacker', 61_000)).toBe(0);
  });

  it('never count successes: the owner signing in often is not refused', () => {
    const failures = new LoginFailures(60_000, 100, 3);
    for (let i = 0; i < 50; i++) failures.succeeded('lena@example.org', 'owner');
    failures.failed('lena@example.org', 'owner', 0);
    failures.failed('lena@example.org', 'owner', 0);
    failures.succeeded('lena@example.org', 'owner');
    failures.failed('lena@example.org', 'owner', 0);
    expect(failures.refusedFor('lena@example.org', 'owner', 0)).toBe(0);
  });

  it('count attempts still being checked, so guesses sent at once cannot all pass before the first is counted', () => {
    const failures = new LoginFailures(60_000, 100, 3);
    const burst = [0, 1, 2].map(() => failures.begin('lena@example.org', 'guesser', 0));
    expect(burst.map((a) => a.refusedFor)).toEqual([0, 0, 0]);
    // the fourth, sent with them, waits: three are being checked
    expect(failures.begin('lena@example.org', 'guesser', 0).refusedFor).toBe(1);
    // the owner, elsewhere, is not refused
    expect(failures.begin('lena@example.org', 'owner', 0).refusedFor).toBe(0);
    // the three fail: the address has used its attempts for the window, not only while they were checked
    for (const attempt of burst) {
      failures.failed('lena@example.org', 'guesser', 0);
      attempt.done();
      attempt.done();
    }
    expect(failures.begin('lena@example.org', 'guesser', 1_000).refusedFor).toBe(59);
  });

  it('forget the oldest account first when full', () => {
    const failures = new LoginFailures(60_000, 100, Number.POSITIVE_INFINITY, 2);
    failures.failed('a@x.org', 'a', 0);
    failures.failed('b@x.org', 'a', 0);
    failures.failed('c@x.org', 'a', 0);
    expect(failures.failed('a@x.org', 'a', 0)).toBe(100);
    expect(failures.failed('c@x.org', 'a', 0)).toBe(200);
  });

  it('wait nothing when no delay is configured', () => {
    expect(failureDelayMs(0, 5)).toBe(0);
  });
});
