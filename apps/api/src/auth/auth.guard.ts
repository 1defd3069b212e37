import { Injectable } from '@nestjs/common';
import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { HttpRequest } from '../common/http';
import type { Role } from '../../../../libs/domain';
import { IS_PUBLIC, ROLES } from '../common/decorators';
import type { AuthenticatedRequest } from '../common/decorators';
import { AuthError } from './auth.errors';
import { AuthService, SESSION_COOKIE } from './auth.service';

/** The token from `Authorization: Bearer <token>`, else from the session cookie. */
export function tokenFrom(req: HttpRequest): string | undefined {
  const header = req.headers.authorization;
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
    return match?.[1];
  }
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim()) || undefined;
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** Every route needs a live session unless marked @Public(); @Roles(...) narrows it to roles. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = context.switchToHttp().getRequest<HttpRequest & AuthenticatedRequest>();
    const actor = await this.auth.authenticate(tokenFrom(req));
    req.actor = actor;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles?.length && !roles.includes(actor.role)) throw AuthError.roleRequired(roles, actor.role);
    return true;
  }
}
