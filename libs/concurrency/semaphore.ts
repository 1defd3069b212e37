/** Thrown by Semaphore.run when as many callers already wait as the queue allows. */
export class SemaphoreFull extends Error {
  override name = 'SemaphoreFull';
}

/**
 * At most `permits` tasks at once; the others wait in arrival order, at most `queueLimit` of them, so that a
 * flood is turned away instead of piling up.
 */
export class Semaphore {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly permits: number,
    private readonly queueLimit: number,
  ) {}

  get active(): number {
    return this.running;
  }

  get queued(): number {
    return this.waiting.length;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.permits) {
      if (this.waiting.length >= this.queueLimit) throw new SemaphoreFull(`${this.waiting.length} tasks already wait`);
      await new Promise<void>((go) => this.waiting.push(go));
    } else {
      this.running += 1;
    }
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      // the permit passes straight to the next in line, or is given back
      if (next) next();
      else this.running -= 1;
    }
  }
}
