import { HttpStatus, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { ApiError } from '../common/api-error';
import type { ErrorPages } from '../common/api-exception.filter';
import { FORM_BODY_LIMIT_KB } from '../common/http';
import type { HttpRequest, HttpResponse } from '../common/http';
import { AuthErrorCode } from '../auth/auth.errors';
import { PortalContexts } from './portal-context';
import type { PortalRequest } from './portal-context';
import { MalformedFormError } from './portal-form';
import { PortalPages } from './portal-pages';
import type { PageResponse } from './portal-pages';

/** The portal's own paths: their errors are pages, not JSON. */
export function isPortalPath(path: string): boolean {
  return path === '/' || path === '/portal' || path.startsWith('/portal/');
}

/** A form whose anti-forgery token is missing, expired or not this browser's. */
export class FormForgeryError extends Error {
  override name = 'FormForgeryError';
}

const SIGN_IN_AGAIN = new Set<string>([AuthErrorCode.NotSignedIn, AuthErrorCode.InvalidSession, AuthErrorCode.SessionExpired, AuthErrorCode.SessionEnded]);

/**
 * Errors on portal paths as pages a person can act on: not signed in → the sign-in page, which brings them
 * back; another role's or person's page → 403 saying where to go; no such page → 404; too many attempts → when
 * to try again; an expired form → reload it; anything else → 500, logged, without details.
 */
@Injectable()
export class PortalErrors implements ErrorPages {
  private readonly logger = new Logger('PortalErrors');

  constructor(
    private readonly pages: PortalPages,
    private readonly contexts: PortalContexts,
  ) {}

  covers(path: string): boolean {
    return isPortalPath(path);
  }

  async render(err: unknown, httpReq: HttpRequest, httpRes: HttpResponse): Promise<void> {
    const req = httpReq as PortalRequest;
    const res = httpRes as PageResponse;
    if (err instanceof ApiError && SIGN_IN_AGAIN.has(err.code)) {
      const back = req.method === 'GET' ? `?next=${encodeURIComponent(req.originalUrl ?? '/portal')}` : '';
      res.redirect(303, `/portal/sign-in${back}`);
      return;
    }
    const ctx = await this.contexts.of(req, res);
    const [status, page, values] = this.classify(err);
    if (status === HttpStatus.INTERNAL_SERVER_ERROR) this.logger.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    if (err instanceof ApiError && err.retryAfterSeconds) res.set({ 'Retry-After': String(err.retryAfterSeconds) });
    this.pages.render(res, status, 'error', ctx, `error.${page}.title`, { page, values });
  }

  private classify(err: unknown): [number, string, Record<string, unknown>] {
    if (err instanceof FormForgeryError) return [HttpStatus.FORBIDDEN, 'csrf', {}];
    if (err instanceof MalformedFormError) return [HttpStatus.BAD_REQUEST, 'badRequest', {}];
    if (err instanceof NotFoundException) return [HttpStatus.NOT_FOUND, 'notFound', {}];
    if (err instanceof ApiError) {
      if (err.status === HttpStatus.TOO_MANY_REQUESTS) return [err.status, 'tooMany', { minutes: Math.max(1, Math.ceil((err.retryAfterSeconds ?? 60) / 60)) }];
      if (err.status === HttpStatus.FORBIDDEN) return [err.status, 'forbidden', {}];
      if (err.status === HttpStatus.NOT_FOUND) return [err.status, 'notFound', {}];
      if (err.status < 500) return [err.status, 'badRequest', {}];
    }
    const status = (err as { status?: unknown })?.status;
    // a form over the body limit (a very long text): say so, and how much it may hold
    if (status === HttpStatus.PAYLOAD_TOO_LARGE) return [status, 'tooLarge', { kb: FORM_BODY_LIMIT_KB }];
    if (typeof status === 'number' && status >= 400 && status < 500) return [status, status === 404 ? 'notFound' : 'badRequest', {}];
    return [HttpStatus.INTERNAL_SERVER_ERROR, 'server', {}];
  }
}
