import { Semaphore, SemaphoreFull } from './semaphore';

describe('semaphore', () => {
  it('runs at most `permits` tasks at once, the rest in arrival order, and turns away callers past the queue limit', async () => {
    const slots = new Semaphore(2, 2);
    const release: (() => void)[] = [];
    const started: number[] = [];
    const task = (n: number) => () => new Promise<number>((done) => {
      started.push(n);
      release[n] = () => done(n);
    });
    const results = [1, 2, 3, 4].map((n) => slots.run(task(n)));
    await Promise.resolve();
    expect(started).toEqual([1, 2]);
    expect(slots.queued).toBe(2);
    await expect(slots.run(task(5))).rejects.toBeInstanceOf(SemaphoreFull);
    release[2]();
    await results[1];
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual([1, 2, 3]);
    release[1]();
    release[3]();
    await new Promise((r) => setImmediate(r));
    release[4]();
    expect(await Promise.all(results)).toEqual([1, 2, 3, 4]);
    expect(slots.active).toBe(0);
  });

  it('gives the permit back when a task fails', async () => {
    const slots = new Semaphore(1, 0);
    await expect(slots.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await slots.run(() => Promise.resolve('ok'))).toBe('ok');
  });
});
