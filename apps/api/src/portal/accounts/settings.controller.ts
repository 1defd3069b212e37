import { Controller, Get, HttpStatus, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { isLocale, LOCALES } from '../../../../../libs/domain';
import { ACCOUNT_TIME_ZONES, canonicalTimeZone, isAccountTimeZone } from '../../auth/account-text';
import { AccountsService } from '../../auth/accounts.service';
import { AuthService } from '../../auth/auth.service';
import { CurrentActor, FormBody } from '../../common/decorators';
import type { Actor } from '../../common/decorators';
import type { PortalRequest } from '../portal-context';
import { MalformedFormError } from '../portal-form';
import type { FieldError } from '../portal-form';
import { FormTokenGuard } from '../portal-guards';
import { LANGUAGE_COOKIE, LANGUAGE_COOKIE_MAX_AGE_MS } from '../portal-locale';
import type { PageResponse } from '../portal-pages';
import { PortalView } from '../portal-view';

/** A signed-in person's own settings: the time zone they read dates in, and their language. */
@ApiExcludeController()
@Controller('portal/account')
export class SettingsController {
  constructor(
    private readonly view: PortalView,
    private readonly auth: AuthService,
    private readonly accounts: AccountsService,
  ) {}

  @Get()
  async page(@CurrentActor() actor: Actor, @Req() req: PortalRequest, @Res() res: PageResponse): Promise<void> {
    // a zone saved under a legacy name before only canonical ones were taken: the list shows the zone it stands for
    await this.form(req, res, actor, canonicalTimeZone(actor.timeZone) ?? '', []);
  }

  @Post()
  @FormBody()
  @UseGuards(FormTokenGuard)
  async save(@CurrentActor() actor: Actor, @Req() req: PortalRequest, @Res() res: PageResponse): Promise<void> {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const { timeZone, locale } = body;
    if (Object.keys(body).some((k) => !['_csrf', 'timeZone', 'locale'].includes(k)) || typeof timeZone !== 'string' || !isLocale(locale)) {
      throw new MalformedFormError('the settings form has a field it does not have, or lacks one');
    }
    if (timeZone !== '' && !isAccountTimeZone(timeZone)) {
      const { t } = await this.view.translator(req, res);
      return this.form(req, res, actor, timeZone, [{ field: 'timeZone', message: t('account.settings.timeZoneInvalid') }], HttpStatus.BAD_REQUEST);
    }
    await this.auth.updateMe(actor, { timeZone: timeZone || null });
    await this.accounts.setLocale(actor.id, locale);
    res.cookie(LANGUAGE_COOKIE, locale, { httpOnly: true, sameSite: 'lax', path: '/', secure: this.view.contexts.secureCookies, expires: new Date(Date.now() + LANGUAGE_COOKIE_MAX_AGE_MS) });
    res.redirect(303, '/portal/account?notice=settings-saved');
  }

  private async form(req: PortalRequest, res: PageResponse, actor: Actor, zone: string, errors: FieldError[], status = HttpStatus.OK): Promise<void> {
    const ctx = await this.view.contexts.of(req, res);
    await this.view.render(
      req,
      res,
      'account',
      'account.settings.title',
      {
        errors,
        fieldErrors: Object.fromEntries(errors.map((e) => [e.field, e.message])),
        zones: ACCOUNT_TIME_ZONES.map((name) => ({ name, selected: name === zone })),
        languages: LOCALES.map((code) => ({ code, name: this.view.pages.translations.t(code, 'site.languageName'), selected: code === ctx.locale })),
        timeZone: actor.timeZone ?? 'UTC',
      },
      status,
    );
  }
}
