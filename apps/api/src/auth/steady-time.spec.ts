import { inSteadyTime } from './accounts.service';

describe('an answer about an e-mail address in steady time', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  /** Whether the promise has settled, without waiting for it. */
  function watch<T>(promise: Promise<T>) {
    const state = { settled: false };
    promise.then(
      () => (state.settled = true),
      () => (state.settled = true),
    );
    return state;
  }

  it('answers quick work no sooner than the floor', async () => {
    const answer = inSteadyTime(250, async () => 'nothing to send');
    const state = watch(answer);
    await jest.advanceTimersByTimeAsync(249);
    expect(state.settled).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    await expect(answer).resolves.toBe('nothing to send');
  });

  it('holds a failure as long, then throws it', async () => {
    const answer = inSteadyTime(250, async () => {
      throw new Error('the database refused');
    });
    const state = watch(answer);
    await jest.advanceTimersByTimeAsync(200);
    expect(state.settled).toBe(false);
    await jest.advanceTimersByTimeAsync(50);
    await expect(answer).rejects.toThrow('the database refused');
  });

  it('adds nothing to work that took longer than the floor', async () => {
    const answer = inSteadyTime(250, () => new Promise<string>((resolve) => setTimeout(() => resolve('sent'), 400)));
    const state = watch(answer);
    await jest.advanceTimersByTimeAsync(400);
    expect(state.settled).toBe(true);
    await expect(answer).resolves.toBe('sent');
  });
});
