import { failureDelayMs, LoginFailures } from './login-failures';

describe('failed sign-ins', () => {
  it('wait longer after each failure on the same account, up to 16 times the first wait', () => {
    const failures = new LoginFailures(60_000, 100);
    const delays = [1, 2, 3, 4, 5, 6].map(() => failures.failed('Lena@Example.org', 0));
    expect(delays).toEqual([100, 200, 400, 800, 1600, 1600]);
    expect(failures.failed('other@example.org', 0)).toBe(100);
  });

  it('start again after a success or once the window has passed', () => {
    const failures = new LoginFailures(60_000, 100);
    failures.failed('lena@example.org', 0);
    failures.failed('lena@example.org', 0);
    failures.succeeded('LENA@example.org');
    expect(failures.failed('lena@example.org', 0)).toBe(100);
    expect(failures.failed('lena@example.org', 1_000)).toBe(200);
    expect(failures.failed('lena@example.org', 60_000)).toBe(100);
  });

  it('forget the oldest account first when full', () => {
    const failures = new LoginFailures(60_000, 100, 2);
    failures.failed('a@x.org', 0);
    failures.failed('b@x.org', 0);
    failures.failed('c@x.org', 0);
    expect(failures.failed('a@x.org', 0)).toBe(100);
    expect(failures.failed('c@x.org', 0)).toBe(200);
  });

  it('wait nothing when no delay is configured', () => {
    expect(failureDelayMs(0, 5)).toBe(0);
  });
});
