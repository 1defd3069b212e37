import { Body, Controller, Get, HttpCode, HttpStatus, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCookieAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { HttpResponse } from '../common/http';
import { CurrentActor, Public } from '../common/decorators';
import type { Actor } from '../common/decorators';
import { AuthService, SESSION_COOKIE } from './auth.service';
import { LoginDto } from './dto/login.dto';
import { RegisterDto } from './dto/register.dto';
import { LoginResponse, UserResponse, toUserResponse } from './dto/user.response';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Sign in: a bearer token, also set as an HttpOnly cookie' })
  @ApiOkResponse({ type: LoginResponse })
  @ApiUnauthorizedResponse({ description: 'email or password is wrong' })
  async login(@Body() dto: LoginDto, @Res({ passthrough: true }) res: HttpResponse): Promise<LoginResponse> {
    return withSessionCookie(res, await this.auth.login(dto));
  }

  @Public()
  @Post('register')
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ summary: 'Sign up as a candidate and sign in: a bearer token, also set as an HttpOnly cookie' })
  @ApiCreatedResponse({ type: LoginResponse })
  @ApiConflictResponse({ description: 'an account with this e-mail already exists' })
  async register(@Body() dto: RegisterDto, @Res({ passthrough: true }) res: HttpResponse): Promise<LoginResponse> {
    return withSessionCookie(res, await this.auth.register(dto));
  }

  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiBearerAuth()
  @ApiCookieAuth(SESSION_COOKIE)
  @ApiOperation({ summary: 'End the current session' })
  async logout(@CurrentActor() actor: Actor, @Res({ passthrough: true }) res: HttpResponse): Promise<void> {
    await this.auth.logout(actor);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiCookieAuth(SESSION_COOKIE)
  @ApiOkResponse({ type: UserResponse })
  me(@CurrentActor() actor: Actor): UserResponse {
    return toUserResponse(actor);
  }
}

/** The browser portal signs in with the cookie; API clients use the token in the body. */
function withSessionCookie(res: HttpResponse, result: LoginResponse): LoginResponse {
  res.cookie(SESSION_COOKIE, result.token, { httpOnly: true, sameSite: 'lax', path: '/', expires: new Date(result.expiresAt) });
  return result;
}
