import { Injectable } from '@nestjs/common';
import type { ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { ThrottlerLimitDetail } from '@nestjs/throttler';
import { AuthError } from './auth.errors';

/** The e-mail a sign-in or sign-up is for (lower case), which the per-account limit counts by. */
export function accountTracker(req: Record<string, unknown>): string {
  const body = req.body as { email?: unknown } | undefined;
  return typeof body?.email === 'string' ? `account:${body.email.trim().toLowerCase()}` : `address:${String(req.ip)}`;
}

/** @nestjs/throttler's limits on signing in and up, answered as the API answers: 429, Retry-After and a sentence. */
@Injectable()
export class AuthThrottlerGuard extends ThrottlerGuard {
  protected override throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const signUp = (context.switchToHttp().getRequest<{ url?: string }>().url ?? '').startsWith('/auth/register');
    throw AuthError.tooManyAttempts(Math.max(1, Math.ceil(detail.timeToBlockExpire)), signUp ? 'sign-up' : 'sign-in');
  }
}
