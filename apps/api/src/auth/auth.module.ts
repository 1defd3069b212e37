import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { APP_CONFIG } from '../../../../libs/config/config.module';
import type { AppConfig } from '../../../../libs/config/config';
import { accountTracker, AuthThrottlerGuard } from './auth-throttler.guard';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthRepository } from './auth.repository';
import { AuthService } from './auth.service';
import { AccountsService } from './accounts.service';
import { PasswordHasher } from './password-hasher';

@Module({
  imports: [
    // Limits on signing in and up (applied on those routes only): per client address and per e-mail address.
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        setHeaders: false,
        throttlers: [
          { name: 'address', ttl: config.auth.rateWindowSeconds * 1000, limit: config.auth.ratePerIp },
          { name: 'account', ttl: config.auth.rateWindowSeconds * 1000, limit: config.auth.ratePerAccount, getTracker: accountTracker },
        ],
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [AuthRepository, AuthService, AccountsService, PasswordHasher, AuthThrottlerGuard, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthService, AccountsService, AuthThrottlerGuard],
})
export class AuthModule {}
