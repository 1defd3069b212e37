import { Body, Controller, Get, HttpCode, HttpStatus, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { HttpResponse } from '../common/http';
import { CurrentActor, Public } from '../common/decorators';
import type { Actor } from '../common/decorators';
import { AuthService, SESSION_COOKIE } from './auth.service';
import { LoginDto } from './dto/login.dto';
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
    const result = await this.auth.login(dto);
    res.cookie(SESSION_COOKIE, result.token, { httpOnly: true, sameSite: 'lax', path: '/', expires: new Date(result.expiresAt) });
    return result;
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
