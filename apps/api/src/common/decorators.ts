import { applyDecorators, createParamDecorator, SetMetadata } from '@nestjs/common';
import { ApiConsumes } from '@nestjs/swagger';
import type { ExecutionContext } from '@nestjs/common';
import type { Locale, Role } from '../../../../libs/domain';

export const IS_PUBLIC = Symbol('isPublic');
export const ROLES = Symbol('roles');
export const MULTIPART_BODY = Symbol('multipartBody');
export const TEXT_BODY = Symbol('textBody');
export const FORM_BODY = Symbol('formBody');

/** The route answers without a session (login, health). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Only users with one of these roles may call the route. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

/** The route reads its body as multipart/form-data (an upload) instead of JSON. */
export const MultipartBody = () => applyDecorators(SetMetadata(MULTIPART_BODY, true), ApiConsumes('multipart/form-data'));

/** The route reads an HTML form (application/x-www-form-urlencoded): the portal's pages post them. */
export const FormBody = () => SetMetadata(FORM_BODY, true);

/** Media types of a text body (a VC-JWT) the route takes besides JSON. */
export const TEXT_BODY_TYPES = ['application/vc+jwt'] as const;

/** The route also reads its body as text (TEXT_BODY_TYPES): a VC-JWT posted as it is. */
export const TextBody = () => SetMetadata(TEXT_BODY, true);

/** The signed-in user, as the auth guard put it on the request. */
export interface Actor {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  awardingBodyId: string | null;
  /** The IANA zone the person reads times in; null: their awarding body's. */
  timeZone: string | null;
  /** The language of the portal and of their messages, once chosen; null: the browser's. */
  locale: Locale | null;
  /** Whether they confirmed their e-mail address (the link sent at sign-up); accounts made by a body are. */
  emailVerified: boolean;
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
