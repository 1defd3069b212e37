import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Patch, Post, Req, Res, UseGuards } from '@nestjs/common';
import { SkipThrottle } from '@nestjs/throttler';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { APP_CONFIG } from '../../../../libs/config/config.module';
import type { AppConfig } from '../../../../libs/config/config';
import type { CookieOptions, HttpRequest, HttpResponse } from '../common/http';
import { CurrentActor, Public } from '../common/decorators';
import type { Actor } from '../common/decorators';
import { AuthThrottlerGuard, clientAddress } from './auth-throttler.guard';
import { AuthService, SESSION_COOKIE } from './auth.service';
import { AccountsService } from './accounts.service';
import { LoginDto } from './dto/login.dto';
import { RegisterDto } from './dto/register.dto';
import { UpdateMeDto } from './dto/update-me.dto';
import { LoginResponse, UserResponse, toUserResponse } from './dto/user.response';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  /** The session cookie is Secure whenever the API is published over https. */
  private readonly cookie: CookieOptions;

  constructor(
    private readonly auth: AuthService,
    private readonly accounts: AccountsService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.cookie = { httpOnly: true, sameSite: 'lax', path: '/', secure: config.http.publicUrl.startsWith('https:') };
  }

  @Public()
  @UseGuards(AuthThrottlerGuard)
  // per account, only failures count (AuthService); the per-address limit counts every attempt
  @SkipThrottle({ account: true })
  @Post('login')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Sign in: a bearer token, also set as an HttpOnly cookie' })
  @ApiOkResponse({ type: LoginResponse })
  @ApiUnauthorizedResponse({ description: 'email or password is wrong' })
  @ApiTooManyRequestsResponse({ description: 'too many attempts from this address, or failed sign-ins on this account from this address; Retry-After says when to try again' })
  async login(@Body() dto: LoginDto, @Req() req: HttpRequest, @Res({ passthrough: true }) res: HttpResponse): Promise<LoginResponse> {
    return this.withSessionCookie(res, await this.auth.login(dto, { from: clientAddress(req) }));
  }

  @Public()
  @UseGuards(AuthThrottlerGuard)
  @Post('register')
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ summary: 'Sign up as a candidate and sign in: a bearer token, also set as an HttpOnly cookie; a link to confirm the address is e-mailed (the portal signs in only confirmed accounts)' })
  @ApiCreatedResponse({ type: LoginResponse })
  @ApiBadRequestResponse({
    description: 'the e-mail is on demo.vnfil.eu, reserved for the demo accounts (code auth.email_reserved); or a field breaks a rule (the message names it), or the JSON is malformed',
  })
  @ApiConflictResponse({ description: 'an account with this e-mail already exists' })
  @ApiTooManyRequestsResponse({ description: 'too many attempts for this e-mail or from this address; Retry-After says when to try again' })
  async register(@Body() dto: RegisterDto, @Res({ passthrough: true }) res: HttpResponse): Promise<LoginResponse> {
    const signedIn = await this.auth.register(dto);
    // the API signs the new account in at once; the portal asks for the address to be confirmed first
    await this.accounts.resendVerification(dto.email);
    return this.withSessionCookie(res, signedIn);
  }

  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'End the current session' })
  async logout(@CurrentActor() actor: Actor, @Res({ passthrough: true }) res: HttpResponse): Promise<void> {
    await this.auth.logout(actor);
    res.clearCookie(SESSION_COOKIE, this.cookie);
  }

  @Get('me')
  @ApiOkResponse({ type: UserResponse })
  me(@CurrentActor() actor: Actor): UserResponse {
    return toUserResponse(actor);
  }

  @Patch('me')
  @ApiOperation({ summary: 'Choose the time zone you read dates and times in (sessions are proposed to a candidate in it)' })
  @ApiOkResponse({ type: UserResponse })
  updateMe(@CurrentActor() actor: Actor, @Body() dto: UpdateMeDto): Promise<UserResponse> {
    return this.auth.updateMe(actor, dto);
  }

  /** The browser portal signs in with the cookie; API clients use the token in the body. */
  private withSessionCookie(res: HttpResponse, result: LoginResponse): LoginResponse {
    res.cookie(SESSION_COOKIE, result.token, { ...this.cookie, expires: new Date(result.expiresAt) });
    return result;
  }
}

