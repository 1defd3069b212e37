import { createParamDecorator, SetMetadata } from '@nestjs/common';
import type { ExecutionContext } from '@nestjs/common';
import type { Role } from '../../../../libs/domain';

export const IS_PUBLIC = Symbol('isPublic');
export const ROLES = Symbol('roles');

/** The route answers without a session (login, health). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Only users with one of these roles may call the route. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

/** The signed-in user, as the auth guard put it on the request. */
export interface Actor {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  awardingBodyId: string | null;
  sessionId: string;
}

export interface AuthenticatedRequest {
  actor?: Actor;
}

export const CurrentActor = createParamDecorator((_data: unknown, ctx: ExecutionContext): Actor => {
  const actor = ctx.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  if (!actor) throw new Error('CurrentActor used on a public route');
  return actor;
});
