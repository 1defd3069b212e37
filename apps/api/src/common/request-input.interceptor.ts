import { Injectable } from '@nestjs/common';
import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Observable } from 'rxjs';
import { NotJsonObjectError, RequestValidationError, UnsupportedMediaTypeError } from './api-error';
import { FORM_BODY, MULTIPART_BODY, TEXT_BODY, TEXT_BODY_TYPES } from './decorators';
import type { HttpRequest } from './http';
import { inputProblems } from './request-input';

type GatedRequest = HttpRequest & { body?: unknown; query?: unknown; params?: Record<string, string> };

function hasBody(req: HttpRequest): boolean {
  return Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
}

function mediaType(req: HttpRequest): string {
  return (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

/**
 * The one gate every request passes after its caller is known and before anything reads its input (the
 * idempotency interceptor, the pipes, the route): a body is JSON (multipart on upload routes), a JSON body is an
 * object, and no body field, query parameter or path parameter carries what PostgreSQL cannot store or a
 * prototype key (see request-input.ts). A refusal is a 4xx naming the field, and nothing has been written.
 */
@Injectable()
export class RequestInputInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<GatedRequest>();
    const multipart = this.reflector.getAllAndOverride<boolean | undefined>(MULTIPART_BODY, [context.getHandler(), context.getClass()]) === true;
    const flags = [context.getHandler(), context.getClass()];
    const text = this.reflector.getAllAndOverride<boolean | undefined>(TEXT_BODY, flags) === true && (TEXT_BODY_TYPES as readonly string[]).includes(mediaType(req));
    const form = this.reflector.getAllAndOverride<boolean | undefined>(FORM_BODY, flags) === true && mediaType(req) === 'application/x-www-form-urlencoded';
    // an upload's media type and its fields are checked as it streams (evidence/multipart-upload.ts)
    if (!multipart && !text && !form && hasBody(req) && mediaType(req) !== 'application/json') throw new UnsupportedMediaTypeError();
    if (text && typeof req.body === 'string') {
      const problems = inputProblems(req.body);
      if (problems.length) throw new RequestValidationError(problems);
      return next.handle();
    }
    if (req.body !== undefined && (req.body === null || typeof req.body !== 'object' || Array.isArray(req.body))) throw new NotJsonObjectError();
    const problems = [
      ...inputProblems(req.body ?? {}),
      ...inputProblems(req.query ?? {}, 'query parameter '),
      ...inputProblems(req.params ?? {}, 'path parameter '),
    ];
    if (problems.length) throw new RequestValidationError(problems);
    return next.handle();
  }
}
