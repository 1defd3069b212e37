import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import type { Role } from '../../../../libs/domain';
import { UserEntity } from '../../../../libs/persistence/entities';
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
}
