import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { Role } from '../../../../libs/domain';
import type { Locale } from '../../../../libs/domain';
import { AccountTokenEntity, SessionEntity, UserEntity } from '../../../../libs/persistence/entities';
import type { AccountTokenPurpose } from '../../../../libs/persistence/entities';

/** Users and their sessions. */
@Injectable()
export class AuthRepository {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
    @InjectRepository(AccountTokenEntity) private readonly tokens: Repository<AccountTokenEntity>,
  ) {}

  findUserByEmail(email: string): Promise<UserEntity | null> {
    return this.users.findOne({ where: { email: email.toLowerCase() } });
  }

  /** A new candidate account, its address not yet confirmed; null when the e-mail is already taken (also under a concurrent sign-up). */
  async createCandidate(email: string, displayName: string, passwordHash: string, locale: Locale | null = null, timeZone: string | null = null): Promise<UserEntity | null> {
    const inserted = await this.users
      .createQueryBuilder()
      .insert()
      .values({ email: email.toLowerCase(), displayName, passwordHash, role: Role.Candidate, awardingBodyId: null, locale, timeZone, emailVerifiedAt: null })
      .orIgnore()
      .returning('id')
      .execute();
    const id = (inserted.raw as { id: string }[])[0]?.id;
    return id ? this.users.findOneByOrFail({ id }) : null;
  }

  async createSession(userId: string, tokenHash: string, expiresAt: Date): Promise<SessionEntity> {
    return this.sessions.save(this.sessions.create({ userId, tokenHash, expiresAt, revokedAt: null }));
  }

  /** The session of a token, live or not, with its user (one indexed read: the caller tells why it is not live). */
  findSession(tokenHash: string): Promise<SessionEntity | null> {
    return this.sessions.findOne({ where: { tokenHash }, relations: { user: true } });
  }

  async setTimeZone(userId: string, timeZone: string | null): Promise<void> {
    await this.users.update({ id: userId }, { timeZone });
  }

  async revokeSession(sessionId: string, now: Date): Promise<void> {
    await this.sessions.update({ id: sessionId, revokedAt: IsNull() }, { revokedAt: now });
  }

  async setLocale(userId: string, locale: Locale): Promise<void> {
    await this.users.update({ id: userId }, { locale });
  }

  /**
   * A one-time link's token (its sha256), live until `expiresAt`, which replaces the account's outstanding links
   * of the same purpose: only the newest one works (an older e-mail, forwarded or left in a mailbox, does not).
   * The user's row is locked meanwhile, so two requests at once still leave one live link.
   */
  async replaceToken(userId: string, purpose: AccountTokenPurpose, tokenHash: string, expiresAt: Date, now: Date): Promise<AccountTokenEntity> {
    return this.users.manager.transaction(async (em) => {
      await em.createQueryBuilder(UserEntity, 'u').setLock('pessimistic_write').where('u.id = :userId', { userId }).select('u.id').getOne();
      await em.update(AccountTokenEntity, { userId, purpose, usedAt: IsNull() }, { usedAt: now });
      return em.save(em.create(AccountTokenEntity, { userId, purpose, tokenHash, expiresAt, usedAt: null }));
    });
  }

  /**
   * Uses a one-time link: marks it used if it exists for this purpose, is unused and has not expired, in one
   * conditional UPDATE so two clicks at once cannot both use it. Its user's id, or null.
   */
  async useToken(purpose: AccountTokenPurpose, tokenHash: string, now: Date): Promise<string | null> {
    const result = await this.tokens
      .createQueryBuilder()
      .update()
      .set({ usedAt: now })
      .where('token_hash = :tokenHash AND purpose = :purpose AND used_at IS NULL AND expires_at > :now', { tokenHash, purpose, now })
      .returning(['userId'])
      .execute();
    return (result.raw as { user_id?: string; userId?: string }[])[0]?.user_id ?? (result.raw as { userId?: string }[])[0]?.userId ?? null;
  }

  /** Whether a link could be used now (its form is shown only for one). */
  async tokenUsable(purpose: AccountTokenPurpose, tokenHash: string, now: Date): Promise<boolean> {
    return this.tokens.createQueryBuilder('t').where('t.token_hash = :tokenHash AND t.purpose = :purpose AND t.used_at IS NULL AND t.expires_at > :now', { tokenHash, purpose, now }).getExists();
  }

  async markEmailVerified(userId: string, now: Date): Promise<void> {
    await this.users.createQueryBuilder().update().set({ emailVerifiedAt: now }).where('id = :userId AND email_verified_at IS NULL', { userId }).execute();
  }

  /** A new password; every session of the account ends (whoever held one no longer does). */
  async replacePassword(userId: string, passwordHash: string, now: Date): Promise<void> {
    await this.users.manager.transaction(async (em) => {
      await em.update(UserEntity, { id: userId }, { passwordHash });
      await em.update(SessionEntity, { userId, revokedAt: IsNull() }, { revokedAt: now });
      // links for the old password cannot be used after the change
      await em.update(AccountTokenEntity, { userId, purpose: 'reset_password', usedAt: IsNull() }, { usedAt: now });
    });
  }

  findUserById(id: string): Promise<UserEntity | null> {
    return this.users.findOne({ where: { id } });
  }
}
