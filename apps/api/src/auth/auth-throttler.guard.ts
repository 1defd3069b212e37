import { Injectable } from '@nestjs/common';
import type { ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { ThrottlerLimitDetail } from '@nestjs/throttler';
import { AuthError } from './auth.errors';

/**
 * The e-mail a sign-up, a confirmation link or a reset link is asked for (lower case), which the per-account limit
 * counts by. Sign-ins skip this limit: AuthService counts only their failures (LoginFailures).
 */
export function accountTracker(req: Record<string, unknown>): string {
  const body = req.body as { email?: unknown } | undefined;
  return typeof body?.email === 'string' ? `account:${body.email.trim().toLowerCase()}` : `address:${String(req.ip)}`;
}

/** The client address a request came from (behind TRUST_PROXY, the one the proxy names), as the limits count it. */
export function clientAddress(req: object): string {
  return String((req as { ip?: unknown }).ip);
}

/** @nestjs/throttler's limits on signing in and up, answered as the API answers: 429, Retry-After and a sentence. */
@Injectable()
export class AuthThrottlerGuard extends ThrottlerGuard {
  protected override throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const signUp = (context.switchToHttp().getRequest<{ url?: string }>().url ?? '').startsWith('/auth/register');
    throw AuthError.tooManyAttempts(Math.max(1, Math.ceil(detail.timeToBlockExpire)), signUp ? 'sign-up' : 'sign-in');
  }
}
