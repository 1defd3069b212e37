import { Catch, HttpException, HttpStatus, Logger, NotFoundException } from '@nestjs/common';
import type { ArgumentsHost, ExceptionFilter } from '@nestjs/common';
import {
  ServiceError,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import type { HttpRequest, HttpResponse } from './http';
import type { AllowedMethods } from './allowed-methods';
import { STATUS_CODES } from 'node:http';
import { ApiError, CommonErrorCode, STEP_RETRY_AFTER_SECONDS, StepAccepted } from './api-error';
import { violatedUniqueKey } from './database-errors';
import type { StepAcceptedBody } from './api-error';
import { JSON_BODY_LIMIT_KB } from './http';

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string | string[];
  code: string;
}

/** What the filter sends for an error: its status, JSON body and headers. */
export interface ErrorAnswer {
  statusCode: number;
  body: ErrorBody | StepAcceptedBody;
  headers: Record<string, string>;
}

const GRPC_UNAVAILABLE = 14;
const GRPC_DEADLINE_EXCEEDED = 4;
/** A client polling a step's Location is asked to wait this long between polls. */
const STEP_POLL_AFTER_SECONDS = 1;

/** The code of an error that carries only an HTTP status (Nest's own, Express middleware's). */
export function codeForStatus(status: number): string {
  switch (status) {
    case HttpStatus.BAD_REQUEST:
      return CommonErrorCode.Validation;
    case HttpStatus.UNAUTHORIZED:
      return 'auth.not_signed_in';
    case HttpStatus.FORBIDDEN:
      return 'auth.forbidden';
    case HttpStatus.NOT_FOUND:
      return CommonErrorCode.NoRoute;
    case HttpStatus.PAYLOAD_TOO_LARGE:
      return CommonErrorCode.TooLarge;
    case HttpStatus.UNSUPPORTED_MEDIA_TYPE:
      return CommonErrorCode.UnsupportedMediaType;
    default:
      return status >= 500 ? CommonErrorCode.Internal : `http.${status}`;
  }
}

/** What the filter answers for an error raised anywhere below the controllers; null for a genuine fault. */
export function describeError(err: unknown): ErrorAnswer | null {
  if (err instanceof StepAccepted) {
    return {
      statusCode: HttpStatus.ACCEPTED,
      body: err.body,
      headers: { Location: err.location, 'Retry-After': String(STEP_POLL_AFTER_SECONDS) },
    };
  }
  const body = describeErrorBody(err);
  if (!body) return null;
  const headers: Record<string, string> = { ...(err instanceof ApiError ? err.headers : undefined) };
  const retryAfter = err instanceof ApiError ? err.retryAfterSeconds : undefined;
  if (retryAfter !== undefined) headers['Retry-After'] = String(retryAfter);
  else if (body.statusCode === HttpStatus.SERVICE_UNAVAILABLE) headers['Retry-After'] = String(STEP_RETRY_AFTER_SECONDS);
  return { statusCode: body.statusCode, body, headers };
}

function describeErrorBody(err: unknown): ErrorBody | null {
  const body = (statusCode: number, message: string | string[], code = codeForStatus(statusCode)): ErrorBody => ({
    statusCode,
    error: STATUS_CODES[statusCode] ?? 'Error',
    message,
    code,
  });
  if (err instanceof ApiError) return body(err.status, err.messages, err.code);
  if (err instanceof WorkflowUpdateFailedError) {
    // the workflow's validator (or handler) refused the step: its message says why
    const cause = err.cause as { message?: string } | undefined;
    const message = cause?.message || err.message;
    // the run ended (handed over to a new run, was parked or stopped) before it took the step: say so plainly
    if (/completed before the Update completed/i.test(message)) {
      return body(HttpStatus.CONFLICT, "the case's process moved on before it could take this step; reload the case and try again", 'process.moved_on');
    }
    return body(HttpStatus.CONFLICT, message, 'process.rejected');
  }
  if (err instanceof WorkflowNotFoundError) return body(HttpStatus.CONFLICT, "the case's process is not running", 'process.not_running');
  // two requests creating the same record at once: the database's unique key decided; the loser is told, not a 500
  const uniqueKey = violatedUniqueKey(err);
  if (uniqueKey !== undefined) {
    return body(HttpStatus.CONFLICT, `the same record was created by another request at the same moment (${uniqueKey || 'a unique key'}): reload, then try again if it is still needed`, 'request.conflict');
  }
  if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError) {
    return body(HttpStatus.SERVICE_UNAVAILABLE, "the case's process did not answer in time; try again shortly", 'process.unavailable');
  }
  if (err instanceof WorkflowExecutionAlreadyStartedError) return body(HttpStatus.CONFLICT, "the case's process is already running", 'process.running');
  if (err instanceof ServiceError) {
    const grpcCode = (err.cause as { code?: number } | undefined)?.code;
    if (grpcCode === GRPC_UNAVAILABLE || grpcCode === GRPC_DEADLINE_EXCEEDED || grpcCode === undefined) {
      return body(HttpStatus.SERVICE_UNAVAILABLE, 'the process engine (Temporal) is unreachable or did not answer; try again shortly', 'process.unavailable');
    }
    return null;
  }
  if (err instanceof HttpException) {
    const status = err.getStatus();
    const response = err.getResponse();
    const message =
      typeof response === 'object' && response !== null && 'message' in response
        ? (response as { message: string | string[] }).message
        : err.message;
    const friendly = friendlyHttpMessage(status, message);
    return body(status, friendly, friendly === MALFORMED_JSON ? CommonErrorCode.MalformedJson : undefined);
  }
  // errors of Express's own middleware (body-parser, raw-body) carry an HTTP status and are safe to expose
  const httpLike = err as { status?: number; statusCode?: number; expose?: boolean; type?: string };
  const status = httpLike?.status ?? httpLike?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    if (httpLike.type === 'entity.too.large') {
      return body(HttpStatus.PAYLOAD_TOO_LARGE, `the request body is larger than the limit of ${JSON_BODY_LIMIT_KB} kB`);
    }
    if (httpLike.type === 'entity.parse.failed') return body(HttpStatus.BAD_REQUEST, MALFORMED_JSON, CommonErrorCode.MalformedJson);
    if (httpLike.type === 'charset.unsupported' || httpLike.type === 'encoding.unsupported') {
      return body(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'the request body uses an unsupported character set or encoding');
    }
    return body(status, httpLike.expose ? friendlyHttpMessage(status, (err as Error).message) : STATUS_CODES[status] ?? 'bad request');
  }
  return null;
}

const MALFORMED_JSON = 'the request body is not valid JSON';

function friendlyHttpMessage(status: number, message: string | string[]): string | string[] {
  if (typeof message !== 'string') return message;
  // Nest's own wording for a malformed JSON body is the JSON.parse message; say what is wrong instead
  if (status === HttpStatus.BAD_REQUEST && /JSON/.test(message) && /(position|token|Unexpected)/i.test(message)) {
    return MALFORMED_JSON;
  }
  if (status === HttpStatus.PAYLOAD_TOO_LARGE && /entity too large/i.test(message)) {
    return `the request body is larger than the limit of ${JSON_BODY_LIMIT_KB} kB`;
  }
  if (message.startsWith('Validation failed (uuid is expected)')) return 'the id in the path is not a valid UUID';
  // Express's router, for a path segment whose %-escapes are not UTF-8
  const undecodable = /^Failed to decode param '(.*)'$/.exec(message);
  if (undecodable) return `the path is not valid: ${undecodable[1]} is not percent-encoded UTF-8`;
  if (/^Cannot (GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) /.test(message)) return `no such route: ${message.slice(7)}`;
  return message;
}

/** Errors on paths that answer people with pages (the portal) rather than JSON. */
export interface ErrorPages {
  covers(path: string): boolean;
  render(err: unknown, req: HttpRequest, res: HttpResponse): Promise<void>;
}

/**
 * The one place errors become HTTP answers: a user's mistake is a 4xx with a sentence, never a 500; a step
 * accepted by the case's process but not finished in time is a 202 with its Location.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiExceptionFilter');

  /**
   * `allowedMethods` turns "no route" into 405 where the path exists with other methods; `pages` answers the
   * errors on the portal's paths (HTML for people, see portal/portal-errors.ts).
   */
  constructor(
    private readonly allowedMethods?: AllowedMethods,
    private readonly pages?: ErrorPages,
  ) {}

  catch(err: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<HttpResponse>();
    const req = host.switchToHttp().getRequest<HttpRequest>();
    const path = new URL(req.url ?? '/', 'http://api.invalid').pathname;
    if (this.pages?.covers(path) && !res.headersSent) {
      this.pages.render(err, req, res).catch((fault: unknown) => {
        this.logger.error(fault instanceof Error ? (fault.stack ?? fault.message) : String(fault));
        if (!res.headersSent) res.status(HttpStatus.INTERNAL_SERVER_ERROR).json({ statusCode: 500, message: 'something went wrong on our side; the error has been logged', code: CommonErrorCode.Internal });
      });
      return;
    }
    const allow = this.otherMethods(err, path);
    if (allow && req.method === 'OPTIONS') {
      // what the path takes (RFC 9110, 9.3.7); a CORS preflight from an allowed origin never gets here
      res.set({ Allow: allow.join(', ') }).status(HttpStatus.NO_CONTENT).end();
      return;
    }
    const described = (allow ? methodNotAllowed(path, req.method, allow) : null) ?? describeError(err);
    const answer = described ?? {
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      body: {
        statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
        error: STATUS_CODES[500] ?? 'Internal Server Error',
        message: 'something went wrong on our side; the error has been logged',
        code: CommonErrorCode.Internal,
      },
      headers: {},
    };
    if (!described) this.logger.error(err instanceof Error ? err.stack ?? err.message : String(err));
    else if (answer.statusCode >= 500) this.logger.warn(`${answer.statusCode}: ${(err as Error)?.message ?? String(err)}`);
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (Object.keys(answer.headers).length) res.set(answer.headers);
    res.status(answer.statusCode).json(answer.body);
  }

  /** For Nest's "no route" on a path some route takes with other methods: those methods; otherwise null. */
  private otherMethods(err: unknown, path: string): string[] | null {
    if (!this.allowedMethods || !(err instanceof NotFoundException) || !NO_ROUTE.test(err.message)) return null;
    const allow = this.allowedMethods.on(path);
    return allow.length ? allow : null;
  }
}

/** 405 with Allow (RFC 9110, 15.5.6): the path exists, not with this method. */
function methodNotAllowed(path: string, method: string | undefined, allow: string[]): ErrorAnswer {
  return {
    statusCode: HttpStatus.METHOD_NOT_ALLOWED,
    body: {
      statusCode: HttpStatus.METHOD_NOT_ALLOWED,
      error: STATUS_CODES[HttpStatus.METHOD_NOT_ALLOWED] ?? 'Method Not Allowed',
      message: `${path} does not take ${method ?? 'this method'}; it takes ${allow.join(', ')}`,
      code: CommonErrorCode.MethodNotAllowed,
    },
    headers: { Allow: allow.join(', ') },
  };
}

/** How Nest's router says that no route matched (RouterExplorer's not-found handler). */
const NO_ROUTE = /^Cannot [A-Z]+ /;
