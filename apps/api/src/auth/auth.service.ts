import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { APP_CONFIG } from '../../../../libs/config/config.module';
import type { AppConfig } from '../../../../libs/config/config';
import { isReservedDemoEmail } from '../../../../libs/domain';
import { AuditRepository } from '../common/audit.repository';
import type { UpdateMeDto } from './dto/update-me.dto';
import type { Actor } from '../common/decorators';
import { normaliseDisplayName } from './account-text';
import { AuthError } from './auth.errors';
import { AuthRepository } from './auth.repository';
import { LoginFailures } from './login-failures';
import { PasswordHasher } from './password-hasher';
import type { UserEntity } from '../../../../libs/persistence/entities';
import type { LoginDto } from './dto/login.dto';
import type { RegisterDto } from './dto/register.dto';
import type { LoginResponse, UserResponse } from './dto/user.response';
import { toUserResponse } from './dto/user.response';

export const SESSION_COOKIE = 'vnfil_session';

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Sign-in with argon2 and sessions kept as the sha256 of a random token. */
@Injectable()
export class AuthService {
  /** Verified against when the e-mail is unknown, so both failures take about as long. */
  private dummyHash: Promise<string> | undefined;
  /** Failed sign-ins: slower answers per account, a refusal per account and client address (successes never count). */
  private readonly failures: LoginFailures;

  constructor(
    private readonly repo: AuthRepository,
    private readonly audit: AuditRepository,
    private readonly passwords: PasswordHasher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.failures = new LoginFailures(config.auth.rateWindowSeconds * 1000, config.auth.failureDelayMs, config.auth.ratePerAccount);
  }

  /**
   * A candidate signs up and is signed in. Never on the demo domain, in any environment: its addresses belong to
   * the demo seed, and an account there would pass for a demo account.
   */
  async register(dto: RegisterDto): Promise<LoginResponse> {
    if (isReservedDemoEmail(dto.email)) throw AuthError.emailReserved();
    if (await this.repo.findUserByEmail(dto.email)) throw AuthError.emailTaken();
    const user = await this.repo.createCandidate(dto.email, normaliseDisplayName(dto.displayName), await this.passwords.hash(dto.password));
    if (!user) throw AuthError.emailTaken();
    await this.audit.record({ actorId: user.id, action: 'auth.register', subjectType: 'user', subjectId: user.id });
    return this.startSession(user);
  }

  /**
   * Signs in with e-mail and password. `requireVerifiedEmail` (the portal): an account whose address is not
   * confirmed is refused after its password was checked, so the refusal tells nothing to whoever lacks it.
   * `from`: the client address; one that failed AUTH_RATE_LIMIT_PER_ACCOUNT times on this account within the
   * window is refused (429) before the password is checked.
   */
  async login(dto: LoginDto, options: { requireVerifiedEmail?: boolean; from: string }): Promise<LoginResponse> {
    const attempt = this.failures.begin(dto.email, options.from);
    if (attempt.refusedFor > 0) throw AuthError.tooManyAttempts(attempt.refusedFor, 'sign-in');
    let user: UserEntity | null;
    try {
      user = await this.repo.findUserByEmail(dto.email);
      const ok =
        user?.active === true
          ? await this.passwords.verify(user.passwordHash, dto.password)
          : await this.passwords.verify(await (this.dummyHash ??= this.passwords.hash(randomBytes(16).toString('hex'))), dto.password).then(() => false);
      if (!user || !ok) {
        // counted as a failure before the attempt stops counting as one being checked: no gap a burst slips through
        const wait = this.failures.failed(dto.email, options.from);
        attempt.done();
        await new Promise((r) => setTimeout(r, wait));
        throw AuthError.invalidCredentials();
      }
    } finally {
      attempt.done();
    }
    this.failures.succeeded(dto.email, options.from);
    if (options.requireVerifiedEmail && !user.emailVerifiedAt) throw AuthError.emailUnverified();
    return this.startSession(user);
  }

  private async startSession(user: UserEntity): Promise<LoginResponse> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.config.auth.sessionTtlHours * 3600_000);
    const session = await this.repo.createSession(user.id, tokenHash(token), expiresAt);
    await this.audit.record({ actorId: user.id, action: 'auth.login', subjectType: 'session', subjectId: session.id });
    return { token, expiresAt: expiresAt.toISOString(), user: toUserResponse(user) };
  }

  async logout(actor: Actor): Promise<void> {
    await this.repo.revokeSession(actor.sessionId, new Date());
    await this.audit.record({ actorId: actor.id, action: 'auth.logout', subjectType: 'session', subjectId: actor.sessionId });
  }

  /** Changes the person's own time zone (audited); answers the account as it now is. */
  async updateMe(actor: Actor, dto: UpdateMeDto): Promise<UserResponse> {
    await this.repo.setTimeZone(actor.id, dto.timeZone);
    await this.audit.record({ actorId: actor.id, action: 'user.time_zone_changed', subjectType: 'user', subjectId: actor.id, data: { timeZone: dto.timeZone } });
    return toUserResponse({ ...actor, timeZone: dto.timeZone });
  }

  /** The actor behind a token, or why there is none: never a session, expired, signed out, or the account deactivated. */
  async authenticate(token: string | undefined): Promise<Actor> {
    if (!token) throw AuthError.notSignedIn();
    const session = await this.repo.findSession(tokenHash(token));
    if (!session?.user) throw AuthError.invalidSession();
    if (session.revokedAt) throw AuthError.sessionEnded();
    if (session.expiresAt.getTime() <= Date.now()) throw AuthError.sessionExpired();
    if (!session.user.active) throw AuthError.accountDeactivated();
    const { user } = session;
    return { id: user.id, email: user.email, displayName: user.displayName, role: user.role, awardingBodyId: user.awardingBodyId, timeZone: user.timeZone, locale: user.locale, emailVerified: user.emailVerifiedAt !== null, sessionId: session.id };
  }
}
