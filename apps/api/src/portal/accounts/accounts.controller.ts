import { Controller, Get, HttpStatus, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { isLocale, PASSWORD_MIN_LENGTH, RESET_PASSWORD_LINK_MINUTES, VERIFY_EMAIL_LINK_HOURS } from '../../../../../libs/domain';
import { ApiError } from '../../common/api-error';
import { FormBody, Public } from '../../common/decorators';
import { AccountsService, UnusableLinkError } from '../../auth/accounts.service';
import { AuthErrorCode } from '../../auth/auth.errors';
import { AuthService, SESSION_COOKIE } from '../../auth/auth.service';
import { isAccountTimeZone } from '../../auth/account-text';
import { AuthThrottlerGuard, clientAddress } from '../../auth/auth-throttler.guard';
import { PortalContexts } from '../portal-context';
import type { PortalRequest } from '../portal-context';
import { errorsByField, readForm } from '../portal-form';
import type { FieldError } from '../portal-form';
import { FormTokenGuard, portalPath } from '../portal-guards';
import { LANGUAGE_COOKIE, LANGUAGE_COOKIE_MAX_AGE_MS } from '../portal-locale';
import { HOME_PATHS, PortalPages } from '../portal-pages';
import type { PageContext, PageResponse } from '../portal-pages';
import { EmailForm, LanguageForm, ResetPasswordForm, SignInForm, SignUpForm, VerifyEmailForm } from './account.forms';

/**
 * The portal's account pages: sign up (the address confirmed by an e-mailed link before the first sign-in),
 * sign in and out, a forgotten password, the language. Pages for people; the JSON API has /auth.
 */
@ApiExcludeController()
@Controller('portal')
export class AccountsController {
  constructor(
    private readonly pages: PortalPages,
    private readonly contexts: PortalContexts,
    private readonly auth: AuthService,
    private readonly accounts: AccountsService,
  ) {}

  @Public()
  @Get()
  async landing(@Req() req: PortalRequest, @Res() res: PageResponse): Promise<void> {
    const ctx = await this.contexts.of(req, res);
    if (ctx.actor) return res.redirect(303, HOME_PATHS[ctx.actor.role]);
    this.pages.render(res, HttpStatus.OK, 'landing', ctx, 'landing.title');
  }

  @Public()
  @Get('sign-in')
  async signInPage(@Req() req: PortalRequest, @Res() res: PageResponse, @Query('next') next?: string): Promise<void> {
    const ctx = await this.contexts.of(req, res);
    if (ctx.actor) return res.redirect(303, portalPath(next, HOME_PATHS[ctx.actor.role]));
    this.signInForm(res, ctx, HttpStatus.OK, { next: portalPath(next, '') });
  }

  @Public()
  @Post('sign-in')
  @FormBody()
  @UseGuards(FormTokenGuard, AuthThrottlerGuard)
  // per account, only failures count (AuthService); the per-address limit counts every attempt
  @SkipThrottle({ account: true })
  async signIn(@Req() req: PortalRequest, @Res() res: PageResponse): Promise<void> {
    const ctx = await this.contexts.of(req, res);
    const form = await readForm(SignInForm, req.body, ['email', 'password', 'next'], (k, v) => this.pages.translations.t(ctx.locale, k, v));
    if (!form.ok) return this.signInForm(res, ctx, HttpStatus.BAD_REQUEST, { values: form.values, errors: form.errors, next: form.values.next ?? '' });
    const { email, password } = form.value;
    const next = form.value.next ?? '';
    try {
      const session = await this.auth.login({ email: email.trim(), password }, { requireVerifiedEmail: true, from: clientAddress(req) });
      res.cookie(SESSION_COOKIE, session.token, { ...this.sessionCookie(), expires: new Date(session.expiresAt) });
      res.redirect(303, portalPath(next, HOME_PATHS[session.user.role]));
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      const t = (key: string, values?: Record<string, unknown>) => this.pages.translations.t(ctx.locale, key, values);
      const values = { email, next };
      if (err.code === AuthErrorCode.InvalidCredentials) return this.signInForm(res, ctx, HttpStatus.UNAUTHORIZED, { values, next, errors: [{ field: 'email', message: t('account.signIn.invalid') }] });
      if (err.code === AuthErrorCode.EmailUnverified) return this.signInForm(res, ctx, HttpStatus.FORBIDDEN, { values, next, unverifiedEmail: email.trim() });
      throw err;
    }
  }

  @Public()
  @Get('sign-up')
  async signUpPage(@Req() req: PortalRequest, @Res() res: PageResponse): Promise<void> {
    const ctx = await this.contexts.of(req, res);
    if (ctx.actor) return res.redirect(303, HOME_PATHS[ctx.actor.role]);
    this.signUpForm(res, ctx, HttpStatus.OK, {});
  }

  @Public()
  @Post('sign-up')
  @FormBody()
  @UseGuards(FormTokenGuard, AuthThrottlerGuard)
  async signUp(@Req() req: PortalRequest, @Res() res: PageResponse): Promise<void> {
    const ctx = await this.contexts.of(req, res);
    const t = (key: string, values?: Record<string, unknown>) => this.pages.translations.t(ctx.locale, key, values);
    const form = await readForm(SignUpForm, req.body, ['displayName', 'email', 'password', 'timeZone'], t);
    if (!form.ok) return this.signUpForm(res, ctx, HttpStatus.BAD_REQUEST, { values: form.values, errors: form.errors });
    const { email, displayName, password } = form.value;
    const timeZone = isAccountTimeZone(form.value.timeZone) ? form.value.timeZone : null;
    try {
      // a new account or an address that has one: the same page (the owner of an account is told by e-mail)
      await this.accounts.signUp({ email: email.trim(), displayName, password, timeZone }, ctx.locale);
    } catch (err) {
      const values = { email, displayName };
      if (err instanceof ApiError && err.code === AuthErrorCode.EmailReserved) return this.signUpForm(res, ctx, HttpStatus.BAD_REQUEST, { values, errors: [{ field: 'email', message: t('account.signUp.reserved') }] });
      throw err;
    }
    this.pages.render(res, HttpStatus.CREATED, 'check-email', ctx, 'account.checkEmail.title', { email: email.trim(), hours: VERIFY_EMAIL_LINK_HOURS, resent: false, errors: [], fieldErrors: {} });
  }

  @Public()
  @Post('verify-email/resend')
  @FormBody()
  @UseGuards(FormTokenGuard, AuthThrottlerGuard)
  async resendVerification(@Req() req: PortalRequest, @Res() res: PageResponse): Promise<void> {
    const ctx = await this.contexts.of(req, res);
    const form = await readForm(EmailForm, req.body, ['email'], (k, v) => this.pages.translations.t(ctx.locale, k, v));
    if (!form.ok) {
      return this.pages.render(res, HttpStatus.BAD_REQUEST, 'check-email', ctx, 'account.checkEmail.title', {
        email: form.values.email ?? '',
        hours: VERIFY_EMAIL_LINK_HOURS,
        resent: false,
        errors: form.errors,
        fieldErrors: errorsByField(form.errors),
      });
    }
    await this.accounts.resendVerification(form.value.email.trim());
    this.pages.render(res, HttpStatus.OK, 'check-email', ctx, 'account.checkEmail.title', { email: '', hours: VERIFY_EMAIL_LINK_HOURS, resent: true, errors: [], fieldErrors: {} });
  }

  /**
   * The link in the sign-up e-mail: a page with the button that confirms. Opening it changes nothing, so a mail
   * scanner that fetches every link in a message does not use it up.
   */
  @Public()
  @Get('verify-email')
  async verifyEmailPage(@Req() req: PortalRequest, @Res() res: PageResponse, @Query('token') token?: string): Promise<void> {
    const ctx = await this.contexts.of(req, res);
    if (typeof token !== 'string' || !token || !(await this.accounts.verifyLinkUsable(token))) return this.verifyLinkInvalid(res, ctx);
    this.pages.render(res, HttpStatus.OK, 'verify-email', ctx, 'account.verify.confirmTitle', { token });
  }

  /** The button of the link's page: confirms the address, once, then on to sign in. */
  @Public()
  @Post('verify-email')
  @FormBody()
  @UseGuards(FormTokenGuard)
  async verifyEmail(@Req() req: PortalRequest, @Res() res: PageResponse): Promise<void> {
    const form = await readForm(VerifyEmailForm, req.body, ['token'], (k) => k);
    try {
      if (!form.ok || !form.value.token) throw new UnusableLinkError();
      await this.accounts.verifyEmail(form.value.token);
    } catch (err) {
      if (!(err instanceof UnusableLinkError)) throw err;
      return this.verifyLinkInvalid(res, await this.contexts.of(req, res));
    }
    res.redirect(303, '/portal/sign-in?notice=verified');
  }

  /** Where the "send the link again" of an unusable link leads: the form that asks for the address. */
  @Public()
  @Get('verify-email/resend')
  async resendPage(@Req() req: PortalRequest, @Res() res: PageResponse): Promise<void> {
    const ctx = await this.contexts.of(req, res);
    this.pages.render(res, HttpStatus.OK, 'check-email', ctx, 'account.checkEmail.title', { email: '', hours: VERIFY_EMAIL_LINK_HOURS, resent: false, errors: [], fieldErrors: {} });
  }

  @Public()
  @Get('forgot-password')
  async forgotPage(@Req() req: PortalRequest, @Res() res: PageResponse): Promise<void> {
    const ctx = await this.contexts.of(req, res);
    this.pages.render(res, HttpStatus.OK, 'forgot-password', ctx, 'account.forgot.title', { values: {}, errors: [], fieldErrors: {} });
  }

  @Public()
  @Post('forgot-password')
  @FormBody()
  @UseGuards(FormTokenGuard, AuthThrottlerGuard)
  async forgot(@Req() req: PortalRequest, @Res() res: PageResponse): Promise<void> {
    const ctx = await this.contexts.of(req, res);
    const form = await readForm(EmailForm, req.body, ['email'], (k, v) => this.pages.translations.t(ctx.locale, k, v));
    if (!form.ok) return this.pages.render(res, HttpStatus.BAD_REQUEST, 'forgot-password', ctx, 'account.forgot.title', { values: form.values, errors: form.errors, fieldErrors: errorsByField(form.errors) });
    await this.accounts.requestPasswordReset(form.value.email.trim());
    // the same answer whether or not an account uses the address
    this.pages.render(res, HttpStatus.OK, 'forgot-sent', ctx, 'account.forgot.sentTitle', { email: form.value.email.trim(), minutes: RESET_PASSWORD_LINK_MINUTES });
  }

  @Public()
  @Get('reset-password')
  async resetPage(@Req() req: PortalRequest, @Res() res: PageResponse, @Query('token') token?: string): Promise<void> {
    const ctx = await this.contexts.of(req, res);
    if (typeof token !== 'string' || !token || !(await this.accounts.resetLinkUsable(token))) return this.resetLinkInvalid(res, ctx);
    this.pages.render(res, HttpStatus.OK, 'reset-password', ctx, 'account.reset.title', { token, passwordMin: PASSWORD_MIN_LENGTH, errors: [], fieldErrors: {} });
  }

  @Public()
  @Post('reset-password')
  @FormBody()
  @UseGuards(FormTokenGuard)
  async reset(@Req() req: PortalRequest, @Res() res: PageResponse): Promise<void> {
    const ctx = await this.contexts.of(req, res);
    const t = (key: string, values?: Record<string, unknown>) => this.pages.translations.t(ctx.locale, key, values);
    const form = await readForm(ResetPasswordForm, req.body, ['token', 'password', 'confirm'], t);
    const token = form.ok ? form.value.token : (form.values.token ?? '');
    const errors: FieldError[] = form.ok ? [] : form.errors;
    if (form.ok && form.value.password !== form.value.confirm) errors.push({ field: 'confirm', message: t('account.reset.mismatch') });
    if (!form.ok || errors.length) {
      return this.pages.render(res, HttpStatus.BAD_REQUEST, 'reset-password', ctx, 'account.reset.title', { token, passwordMin: PASSWORD_MIN_LENGTH, errors, fieldErrors: errorsByField(errors) });
    }
    try {
      await this.accounts.resetPassword(token, form.value.password);
    } catch (err) {
      if (err instanceof UnusableLinkError) return this.resetLinkInvalid(res, ctx);
      throw err;
    }
    res.clearCookie(SESSION_COOKIE, this.sessionCookie());
    res.redirect(303, '/portal/sign-in?notice=password-changed');
  }

  /** Signs out (a form, so another site cannot sign a person out with a link). */
  @Public()
  @Post('sign-out')
  @FormBody()
  @UseGuards(FormTokenGuard)
  async signOut(@Req() req: PortalRequest, @Res() res: PageResponse): Promise<void> {
    const actor = await this.contexts.actorOf(req);
    if (actor) await this.auth.logout(actor);
    res.clearCookie(SESSION_COOKIE, this.sessionCookie());
    res.redirect(303, '/portal?notice=signed-out');
  }

  /** Chooses the language: remembered in a cookie, and on the account for its messages. */
  @Public()
  @Post('language')
  @FormBody()
  @UseGuards(FormTokenGuard)
  async language(@Req() req: PortalRequest, @Res() res: PageResponse): Promise<void> {
    const form = await readForm(LanguageForm, req.body, ['locale', 'next'], (k) => k);
    const next = portalPath(form.ok ? form.value.next : form.values.next);
    const locale = form.ok ? form.value.locale : undefined;
    if (isLocale(locale)) {
      res.cookie(LANGUAGE_COOKIE, locale, { httpOnly: true, sameSite: 'lax', path: '/', secure: this.contexts.secureCookies, expires: new Date(Date.now() + LANGUAGE_COOKIE_MAX_AGE_MS) });
      const actor = await this.contexts.actorOf(req);
      if (actor) await this.accounts.setLocale(actor.id, locale);
    }
    res.redirect(303, next);
  }

  private signInForm(res: PageResponse, ctx: PageContext, status: number, data: { values?: Record<string, string>; errors?: FieldError[]; next: string; unverifiedEmail?: string }): void {
    const errors = data.errors ?? [];
    this.pages.render(res, status, 'sign-in', ctx, 'account.signIn.title', { values: data.values ?? {}, errors, fieldErrors: errorsByField(errors), next: data.next, unverifiedEmail: data.unverifiedEmail ?? null });
  }

  private signUpForm(res: PageResponse, ctx: PageContext, status: number, data: { values?: Record<string, string>; errors?: FieldError[] }): void {
    const errors = data.errors ?? [];
    this.pages.render(res, status, 'sign-up', ctx, 'account.signUp.title', { values: data.values ?? {}, errors, fieldErrors: errorsByField(errors), passwordMin: PASSWORD_MIN_LENGTH });
  }

  private verifyLinkInvalid(res: PageResponse, ctx: PageContext): void {
    this.pages.render(res, HttpStatus.BAD_REQUEST, 'link-invalid', ctx, 'account.verify.invalidTitle', { again: '/portal/verify-email/resend', againLabel: 'account.signIn.resend' });
  }

  private resetLinkInvalid(res: PageResponse, ctx: PageContext): void {
    this.pages.render(res, HttpStatus.BAD_REQUEST, 'link-invalid', ctx, 'account.verify.invalidTitle', { again: '/portal/forgot-password', againLabel: 'account.forgot.title' });
  }

  private sessionCookie() {
    return { httpOnly: true, sameSite: 'lax' as const, path: '/', secure: this.contexts.secureCookies };
  }
}
