import { HttpStatus } from '@nestjs/common';
import { ApiError } from '../common/api-error';

export enum IdempotencyErrorCode {
  InvalidKey = 'idempotency.invalid_key',
  KeyReused = 'idempotency.key_reused',
  InProgress = 'idempotency.in_progress',
}

/** Seconds a client is asked to wait before retrying while the first request with its key still runs. */
export const IN_PROGRESS_RETRY_AFTER_SECONDS = 1;

export class IdempotencyError extends ApiError {
  override name = 'IdempotencyError';

  static invalidKey(sentence: string) {
    return new IdempotencyError(IdempotencyErrorCode.InvalidKey, HttpStatus.BAD_REQUEST, sentence);
  }

  static reused(first: { method: string; path: string }, now: { method: string; path: string }) {
    const same = first.method === now.method && first.path === now.path;
    const what = same ? `${first.method} ${first.path} with a different body` : `${first.method} ${first.path}`;
    return new IdempotencyError(
      IdempotencyErrorCode.KeyReused,
      HttpStatus.UNPROCESSABLE_ENTITY,
      `this Idempotency-Key was already used for another request (${what}); send a new key with a new request, and the same key only to retry the same request`,
    );
  }

  static inProgress() {
    return new IdempotencyError(
      IdempotencyErrorCode.InProgress,
      HttpStatus.CONFLICT,
      'a request with this Idempotency-Key is still in progress; retry shortly',
      IN_PROGRESS_RETRY_AFTER_SECONDS,
    );
  }
}
