import { Injectable } from '@nestjs/common';
import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { Observable } from 'rxjs';
import { map } from 'rxjs';
import type { HttpResponse } from '../common/http';

/**
 * A strong ETag (RFC 9110 §8.8.3) from the answer's content: the SHA-256 of its JSON text, base64url. Two answers
 * with the same ETag are byte for byte the same body, whatever changed underneath (a standard, its body, its
 * closed cases). Express's `res.send` then compares it with `If-None-Match` (the `fresh` package, as `req.fresh`)
 * and answers 304 with no body when it matches.
 */
export function strongEtag(body: unknown): string {
  return `"${createHash('sha256').update(JSON.stringify(body), 'utf8').digest('base64url')}"`;
}

@Injectable()
export class StrongEtagInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const res = context.switchToHttp().getResponse<HttpResponse>();
    return next.handle().pipe(
      map((body: unknown) => {
        res.set({ ETag: strongEtag(body) });
        return body;
      }),
    );
  }
}
