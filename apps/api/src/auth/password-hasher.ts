import { Inject, Injectable } from '@nestjs/common';
import { hash, verify } from 'argon2';
import { APP_CONFIG } from '../../../../libs/config/config.module';
import type { AppConfig } from '../../../../libs/config/config';
import { Semaphore, SemaphoreFull } from '../../../../libs/concurrency/semaphore';
import { AuthError } from './auth.errors';

/** Sign-ins waiting for a hash beyond this are turned away (503) rather than queued. */
export const HASH_QUEUE_LIMIT = 64;

/**
 * argon2 through a small semaphore: each hash holds a thread of libuv's pool (4 by default), which file I/O
 * (evidence uploads) also needs, so at most HASH_CONCURRENCY hashes run at once and a sign-in flood cannot
 * stall uploads.
 */
@Injectable()
export class PasswordHasher {
  private readonly slots: Semaphore;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.slots = new Semaphore(config.auth.hashConcurrency, HASH_QUEUE_LIMIT);
  }

  hash(password: string): Promise<string> {
    return this.limited(() => hash(password));
  }

  /** False for a wrong password or an unreadable hash. */
  verify(passwordHash: string, password: string): Promise<boolean> {
    return this.limited(() => verify(passwordHash, password).catch(() => false));
  }

  private async limited<T>(task: () => Promise<T>): Promise<T> {
    try {
      return await this.slots.run(task);
    } catch (err) {
      if (err instanceof SemaphoreFull) throw AuthError.busy();
      throw err;
    }
  }
}
