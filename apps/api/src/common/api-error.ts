import { HttpStatus } from '@nestjs/common';

/**
 * Base of every error the API raises on purpose. Each feature has its own subclass and string-enum of codes;
 * the one exception filter turns them into { statusCode, error, message, code }, with a Retry-After header
 * when the error says when to try again.
 */
export abstract class ApiError extends Error {
  constructor(
    readonly code: string,
    readonly status: HttpStatus,
    readonly messages: string | string[],
    readonly retryAfterSeconds?: number,
    /** Headers the answer must carry (Content-Range on a 416). */
    readonly headers?: Record<string, string>,
  ) {
    super(Array.isArray(messages) ? messages.join('; ') : messages);
  }
}

export enum CommonErrorCode {
  Validation = 'request.invalid',
  MalformedJson = 'request.malformed_json',
  NotJsonObject = 'request.not_json_object',
  UnsupportedMediaType = 'request.unsupported_media_type',
  TooLarge = 'request.too_large',
  NoRoute = 'request.no_route',
  MethodNotAllowed = 'request.method_not_allowed',
  Internal = 'server.fault',
  ProcessUnavailable = 'process.unavailable',
  ProcessRejected = 'process.rejected',
  ProcessNotRunning = 'process.not_running',
  StepNotFound = 'process.step_not_found',
}

export class RequestValidationError extends ApiError {
  override name = 'RequestValidationError';
  constructor(messages: string[]) {
    super(CommonErrorCode.Validation, HttpStatus.BAD_REQUEST, messages);
  }
}

/** A body sent as something other than the JSON (or, for an upload, the multipart form) the route reads. */
export class UnsupportedMediaTypeError extends ApiError {
  override name = 'UnsupportedMediaTypeError';
  constructor() {
    super(CommonErrorCode.UnsupportedMediaType, HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'send the body as application/json');
  }
}

/** A JSON body that is not an object (an array): every route reads named fields. */
export class NotJsonObjectError extends ApiError {
  override name = 'NotJsonObjectError';
  constructor() {
    super(CommonErrorCode.NotJsonObject, HttpStatus.BAD_REQUEST, 'the request body must be a JSON object');
  }
}

/** Seconds a client is asked to wait before retrying a step the case's process did not take in time. */
export const STEP_RETRY_AFTER_SECONDS = 5;

/** A case's workflow could not be reached or refused the step. */
export class CaseProcessError extends ApiError {
  override name = 'CaseProcessError';
  constructor(code: CommonErrorCode, status: HttpStatus, message: string, retryAfterSeconds?: number) {
    super(code, status, message, retryAfterSeconds);
  }

  /** The step was not even accepted within the deadline: no worker, or the engine is unreachable. */
  static notAccepted() {
    return new CaseProcessError(
      CommonErrorCode.ProcessUnavailable,
      HttpStatus.SERVICE_UNAVAILABLE,
      "the case's process did not take the step in time (the process engine or its worker is unavailable); " +
        'retry shortly with the same Idempotency-Key header (send one if you did not), so that the step is applied once',
      STEP_RETRY_AFTER_SECONDS,
    );
  }

  static engineUnreachable() {
    return new CaseProcessError(
      CommonErrorCode.ProcessUnavailable,
      HttpStatus.SERVICE_UNAVAILABLE,
      'the process engine (Temporal) is unreachable or did not answer; try again shortly',
      STEP_RETRY_AFTER_SECONDS,
    );
  }

  static stepNotFound() {
    return new CaseProcessError(CommonErrorCode.StepNotFound, HttpStatus.NOT_FOUND, 'no step with this id on this case');
  }
}

/** Where the result of a step answered 202 can be fetched. */
export function stepLocation(caseId: string, updateId: string): string {
  return `/cases/${caseId}/steps/${encodeURIComponent(updateId)}`;
}

/** The body of a 202: the step is accepted by the case's process, its result is at `location`. */
export interface StepAcceptedBody {
  status: 'accepted';
  updateId: string;
  location: string;
}

/**
 * Not a failure: the case's process accepted the step (it is durable in the case's history and will run), but
 * its result was not ready within the answer deadline. The filter answers 202 with a Location header.
 */
export class StepAccepted extends Error {
  override name = 'StepAccepted';
  constructor(
    readonly caseId: string,
    readonly updateId: string,
  ) {
    super(`step ${updateId} of case ${caseId} is accepted; its result is not ready yet`);
  }

  get location(): string {
    return stepLocation(this.caseId, this.updateId);
  }

  get body(): StepAcceptedBody {
    return { status: 'accepted', updateId: this.updateId, location: this.location };
  }
}
