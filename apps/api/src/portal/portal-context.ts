import { formPage } from './form-page';
import { Inject, Injectable } from '@nestjs/common';
import { doubleCsrf } from 'csrf-csrf';
import type { DoubleCsrfUtilities } from 'csrf-csrf';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AwardingBodyEntity } from '../../../../libs/persistence/entities';
import { APP_CONFIG } from '../../../../libs/config/config.module';
import type { AppConfig } from '../../../../libs/config/config';
import { tokenFrom } from '../auth/auth.guard';
import { AuthService, SESSION_COOKIE } from '../auth/auth.service';
import type { Actor, AuthenticatedRequest } from '../common/decorators';
import type { HttpRequest } from '../common/http';
import { chooseLocale, cookiesOf } from './portal-locale';
import type { Notice, PageContext, PageResponse } from './portal-pages';

/** Identifies a browser that has not signed in, so the forms it is shown can be bound to it (CSRF). */
export const VISITOR_COOKIE = 'vnfil_visitor';

export type PortalRequest = HttpRequest &
  AuthenticatedRequest & {
    cookies?: Record<string, string | undefined>;
    body?: unknown;
    query?: Record<string, unknown>;
    originalUrl?: string;
    acceptsLanguages?: (...langs: string[]) => string | false;
  };

/** Notices a redirect may ask a page to show (?notice=<key>): only these, so a link cannot put words on a page. */
const NOTICES: Record<string, Notice> = {
  verified: { kind: 'success', key: 'account.verify.done' },
  'password-changed': { kind: 'success', key: 'account.reset.done' },
  'signed-out': { kind: 'info', key: 'account.signedOut' },
  'settings-saved': { kind: 'success', key: 'account.settings.saved' },
  ...Object.fromEntries(
    ['saved', 'evidence-added', 'evidence-removed', 'submitted', 'answered', 'appealed', 'withdrawn', 'shared', 'reopened', 'renewed', 'renewal-open'].map((n) => [n, { kind: 'success' as const, key: `candidate.notices.${n}` }]),
  ),
  'session-confirmed': { kind: 'success', key: 'session.notices.confirmed' },
  'session-rescheduled': { kind: 'success', key: 'session.notices.rescheduleAsked' },
  'admin-decided': { kind: 'success', key: 'admin.notices.decided' },
  'admin-credential-suspend': { kind: 'success', key: 'admin.notices.suspended' },
  'admin-credential-reinstate': { kind: 'success', key: 'admin.notices.reinstated' },
  'admin-credential-revoke': { kind: 'success', key: 'admin.notices.revoked' },
  'admin-assessor-added': { kind: 'success', key: 'admin.notices.assessorAdded' },
  'admin-assessor-deactivated': { kind: 'success', key: 'admin.notices.assessorDeactivated' },
  'admin-assessor-assigned': { kind: 'success', key: 'admin.notices.assessorAssigned' },
  'admin-attention-resolved': { kind: 'success', key: 'admin.notices.attentionResolved' },
  'admin-standard-saved': { kind: 'success', key: 'admin.notices.standardSaved' },
  'admin-standard-published': { kind: 'success', key: 'admin.notices.standardPublished' },
  'admin-settings-saved': { kind: 'success', key: 'admin.notices.settingsSaved' },
};

/**
 * What a portal page needs to know about its request: who is signed in (if anyone), the language, the notice to
 * show, and the anti-forgery token of its forms. CSRF is the double-submit cookie of `csrf-csrf`: the token is an
 * HMAC (PORTAL_SECRET) bound to the session cookie, or to a random visitor cookie before sign-in, and every form
 * posts it back; cookies are SameSite=Lax besides.
 */
@Injectable()
export class PortalContexts {
  private readonly csrf: DoubleCsrfUtilities;
  private readonly secure: boolean;

  constructor(
    private readonly auth: AuthService,
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.secure = config.http.publicUrl.startsWith('https:');
    this.csrf = doubleCsrf({
      getSecret: () => config.auth.portalSecret,
      getSessionIdentifier: (req) => {
        const cookies = cookiesOf(req as unknown as PortalRequest);
        return cookies[SESSION_COOKIE] ?? cookies[VISITOR_COOKIE] ?? '';
      },
      // __Host- binds the cookie to this host and path / (browsers take it only over https)
      cookieName: this.secure ? '__Host-vnfil.csrf' : 'vnfil_csrf',
      cookieOptions: { sameSite: 'lax', path: '/', secure: this.secure, httpOnly: true },
      // a form's field; for an upload (multipart, read only after the check) the header the page's script sends,
      // or the form's action URL when no script runs
      getCsrfTokenFromRequest: (req) => {
        const { body, query, headers } = req as unknown as PortalRequest;
        const fromBody = (body as Record<string, unknown> | undefined)?._csrf;
        if (typeof fromBody === 'string') return fromBody;
        if (typeof headers['x-csrf-token'] === 'string') return headers['x-csrf-token'];
        return typeof query?._csrf === 'string' ? query._csrf : undefined;
      },
    });
  }

  /** The signed-in person on a public page, if a live session cookie came with it. */
  async actorOf(req: PortalRequest): Promise<Actor | null> {
    if (req.actor) return req.actor;
    const token = tokenFrom(req);
    if (!token) return null;
    return this.auth.authenticate(token).catch(() => null);
  }

  /** The page's context; gives a browser without a session its visitor cookie so its forms can be checked. */
  async of(req: PortalRequest, res: PageResponse): Promise<PageContext> {
    const actor = await this.actorOf(req);
    const cookies = cookiesOf(req);
    if (!cookies[SESSION_COOKIE] && !cookies[VISITOR_COOKIE]) {
      const visitor = randomBytes(18).toString('base64url');
      cookies[VISITOR_COOKIE] = visitor;
      res.cookie(VISITOR_COOKIE, visitor, { httpOnly: true, sameSite: 'lax', path: '/', secure: this.secure });
    }
    const notice = typeof req.query?.notice === 'string' ? (NOTICES[req.query.notice] ?? null) : null;
    return {
      locale: chooseLocale(req, actor?.locale),
      actor,
      timeZone: await this.timeZoneOf(actor),
      csrfToken: this.csrf.generateCsrfToken(req as never, res as never, { overwrite: false, validateOnReuse: false }),
      // a page re-shown after a form's mistake is read back at its own page's address, never the POST's (nor its query)
      path: req.method === 'GET' ? (req.originalUrl ?? '/portal') : formPage(new URL(req.originalUrl ?? '/portal', 'http://portal').pathname),
      notice,
    };
  }

  /** The zone a person reads times in: their own, else their awarding body's (staff), else UTC, which pages name. */
  private async timeZoneOf(actor: Actor | null): Promise<string> {
    if (actor?.timeZone) return actor.timeZone;
    if (!actor?.awardingBodyId) return 'UTC';
    const body = await this.dataSource.getRepository(AwardingBodyEntity).findOne({ where: { id: actor.awardingBodyId }, select: { id: true, timeZone: true } });
    return body?.timeZone ?? 'UTC';
  }

  /** Whether a form's `_csrf` matches its cookie and this browser's session or visitor cookie. */
  validForm(req: PortalRequest): boolean {
    cookiesOf(req);
    return this.csrf.validateRequest(req as never);
  }

  get secureCookies(): boolean {
    return this.secure;
  }
}
