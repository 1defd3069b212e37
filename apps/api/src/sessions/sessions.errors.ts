import { HttpStatus } from '@nestjs/common';
import { ApiError } from '../common/api-error';

export enum SessionErrorCode {
  Invalid = 'session.invalid',
  NotFound = 'session.not_found',
}

export class SessionError extends ApiError {
  override name = 'SessionError';
  static invalid(problems: string[]) {
    return new SessionError(SessionErrorCode.Invalid, HttpStatus.BAD_REQUEST, problems);
  }
  static notFound() {
    return new SessionError(SessionErrorCode.NotFound, HttpStatus.NOT_FOUND, 'session not found');
  }
}
