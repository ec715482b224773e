import { Body, Controller, Get, HttpCode, Inject, Post, Res, UseGuards } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Response } from 'express';
import {
  changePasswordInputSchema,
  loginInputSchema,
  SESSION_COOKIE,
  type SessionDto,
} from '@dangshi/protocol';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env';
import { jsonSchema, zodDto } from '../common/zod-dto';
import { AuthService, type Authenticated } from './auth.service';
import { AllowPendingPasswordChange, CurrentAuth, Public } from './decorators';
import { toUserDto } from './user.entity';

class LoginDto extends zodDto(loginInputSchema) {}
class ChangePasswordDto extends zodDto(changePasswordInputSchema) {}

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @UseGuards(ThrottlerGuard)
  @Post('login')
  @HttpCode(200)
  @ApiBody({ schema: jsonSchema(loginInputSchema) })
  async login(@Body() input: LoginDto, @Res({ passthrough: true }) res: Response): Promise<SessionDto> {
    const { token, session } = await this.auth.login(input.username, input.password);
    res.cookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.config.COOKIE_SECURE,
      path: '/',
      maxAge: this.config.SESSION_TTL_HOURS * 3_600_000,
    });
    return session;
  }

  @AllowPendingPasswordChange()
  @Post('logout')
  @HttpCode(204)
  async logout(@CurrentAuth() auth: Authenticated, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.auth.logout(auth.session.id);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  @AllowPendingPasswordChange()
  @Get('me')
  me(@CurrentAuth() auth: Authenticated): SessionDto {
    return { user: toUserDto(auth.user), csrfToken: auth.session.csrfToken };
  }

  @AllowPendingPasswordChange()
  @Post('password')
  @HttpCode(204)
  @ApiBody({ schema: jsonSchema(changePasswordInputSchema) })
  async changePassword(@CurrentAuth() auth: Authenticated, @Body() input: ChangePasswordDto): Promise<void> {
    await this.auth.changePassword(auth.user, input.currentPassword, input.newPassword, auth.session.id);
  }
}
