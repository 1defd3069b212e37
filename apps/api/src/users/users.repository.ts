import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { DEFAULT_LOCALE } from '../../../../libs/domain';
import type { Locale, Role } from '../../../../libs/domain';
import { AwardingBodyEntity, UserEntity } from '../../../../libs/persistence/entities';
import type { KeysetSort, Page, PageRequest } from '../common/keyset';
import { containsPattern, fetchKeysetPage, inOrder } from '../common/keyset.query';
import { UserSort } from './dto/user-list.dto';

export interface UserListFilter {
  role?: Role[];
  active?: boolean;
  q?: string;
  sort: UserSort;
}

/** A body's users by name (ix_app_user_body_name) or newest first (ix_app_user_body_created), ties by id. */
const USER_SORTS: Record<UserSort, KeysetSort> = {
  [UserSort.NameAsc]: { name: UserSort.NameAsc, direction: 'ASC', keys: [{ sql: 'u.display_name', kind: 'text' }, { sql: 'u.id', kind: 'uuid' }] },
  [UserSort.CreatedDesc]: { name: UserSort.CreatedDesc, direction: 'DESC', keys: [{ sql: 'u.created_at', kind: 'timestamp' }, { sql: 'u.id', kind: 'uuid' }] },
};

/** The people of an awarding body, as its admins list them. */
@Injectable()
export class UsersRepository {
  constructor(@InjectRepository(UserEntity) private readonly users: Repository<UserEntity>) {}

  async listOfBody(awardingBodyId: string, filter: UserListFilter, page: PageRequest): Promise<Page<UserEntity>> {
    const qb = this.users.createQueryBuilder('u').where('u.awarding_body_id = :awardingBodyId', { awardingBodyId });
    if (filter.role?.length) qb.andWhere('u.role IN (:...role)', { role: filter.role });
    if (filter.active !== undefined) qb.andWhere('u.active = :active', { active: filter.active });
    if (filter.q) qb.andWhere('(u.display_name ILIKE :q OR u.email ILIKE :q)', { q: containsPattern(filter.q) });
    const { ids, nextCursor } = await fetchKeysetPage(qb, USER_SORTS[filter.sort], page);
    if (!ids.length) return { items: [], nextCursor };
    const rows = await this.users.find({ where: { id: In(ids) } });
    return { items: inOrder(ids, rows, (r) => r.id), nextCursor };
  }

  /**
   * A new account of the body, its address taken as confirmed (the body vouches for it) and no password yet: the
   * person sets one from the e-mailed link. Null when the e-mail is already taken (also under a concurrent insert).
   */
  async createBodyUser(awardingBodyId: string, role: Role, email: string, displayName: string, locale: Locale = DEFAULT_LOCALE): Promise<UserEntity | null> {
    const inserted = await this.users
      .createQueryBuilder()
      .insert()
      .values({ email: email.toLowerCase(), displayName, passwordHash: NO_PASSWORD, role, awardingBodyId, locale, emailVerifiedAt: new Date() })
      .orIgnore()
      .returning('id')
      .execute();
    const id = (inserted.raw as { id: string }[])[0]?.id;
    return id ? this.users.findOneByOrFail({ id }) : null;
  }

  /** The body's name, as its invitations give it. */
  async bodyName(awardingBodyId: string): Promise<string> {
    const body = await this.users.manager.getRepository(AwardingBodyEntity).findOneOrFail({ where: { id: awardingBodyId }, select: { id: true, name: true } });
    return body.name;
  }

  findOfBody(awardingBodyId: string, id: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ id, awardingBodyId });
  }

  async deactivate(id: string): Promise<void> {
    await this.users.update({ id }, { active: false });
  }
}

/** A password hash no password matches (argon2 cannot read it): the account signs in once its person has set one. */
export const NO_PASSWORD = '!no-password-yet';
