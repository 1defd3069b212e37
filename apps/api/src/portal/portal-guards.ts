import { Injectable } from '@nestjs/common';
import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { PortalContexts } from './portal-context';
import type { PortalRequest } from './portal-context';
import { FormForgeryError } from './portal-errors';

/** Every form the portal takes carries its anti-forgery token (see PortalContexts); a form without it is refused. */
@Injectable()
export class FormTokenGuard implements CanActivate {
  constructor(private readonly contexts: PortalContexts) {}

  canActivate(context: ExecutionContext): boolean {
    if (!this.contexts.validForm(context.switchToHttp().getRequest<PortalRequest>())) throw new FormForgeryError();
    return true;
  }
}

/** A path inside the portal to go back to after a form, or the portal's start: never another site (open redirect). */
export function portalPath(next: unknown, fallback = '/portal'): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || /[\\\s]/.test(next)) return fallback;
  // as the browser will resolve it: "/portal/../x" leaves the portal, "%2e%2e" too
  let url: URL;
  try {
    url = new URL(next, 'http://portal.invalid');
  } catch {
    return fallback;
  }
  const path = url.pathname;
  if (url.host !== 'portal.invalid' || !(path === '/portal' || path.startsWith('/portal/')) || path.includes('//')) return fallback;
  return `${path}${url.search}`;
}
