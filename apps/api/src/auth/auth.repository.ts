import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { Role } from '../../../../libs/domain';
import { SessionEntity, UserEntity } from '../../../../libs/persistence/entities';

/** Users and their sessions. */
@Injectable()
export class AuthRepository {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
  ) {}

  findUserByEmail(email: string): Promise<UserEntity | null> {
    return this.users.findOne({ where: { email: email.toLowerCase() } });
  }

  /** A new candidate account; null when the e-mail is already taken (also under a concurrent sign-up). */
  async createCandidate(email: string, displayName: string, passwordHash: string): Promise<UserEntity | null> {
    const inserted = await this.users
      .createQueryBuilder()
      .insert()
      .values({ email: email.toLowerCase(), displayName, passwordHash, role: Role.Candidate, awardingBodyId: null })
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
}
