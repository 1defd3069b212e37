import { HttpStatus } from '@nestjs/common';

/**
 * Base of every error the API raises on purpose. Each feature has its own subclass and string-enum of codes;
 * the one exception filter turns them into { statusCode, error, message, code }.
 */
export abstract class ApiError extends Error {
  constructor(
    readonly code: string,
    readonly status: HttpStatus,
    readonly messages: string | string[],
  ) {
    super(Array.isArray(messages) ? messages.join('; ') : messages);
  }
}

export enum CommonErrorCode {
  Validation = 'request.invalid',
  ProcessUnavailable = 'process.unavailable',
  ProcessRejected = 'process.rejected',
  ProcessNotRunning = 'process.not_running',
}

export class RequestValidationError extends ApiError {
  override name = 'RequestValidationError';
  constructor(messages: string[]) {
    super(CommonErrorCode.Validation, HttpStatus.BAD_REQUEST, messages);
  }
}

/** A case's workflow could not be reached or refused the step. */
export class CaseProcessError extends ApiError {
  override name = 'CaseProcessError';
  constructor(code: CommonErrorCode, status: HttpStatus, message: string) {
    super(code, status, message);
  }
}
