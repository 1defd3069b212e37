import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/decorators';
import type { Page } from '../common/keyset';
import { pageRequest } from '../common/page.dto';
import type { BodyUserResponse, ListUsersQueryDto } from './dto/user-list.dto';
import { toBodyUser, UserSort } from './dto/user-list.dto';
import { UsersRepository } from './users.repository';

/** A body admin's view of the body's people (assessors and admins); candidates belong to no body. */
@Injectable()
export class UsersService {
  constructor(private readonly repo: UsersRepository) {}

  async list(actor: Actor, query: ListUsersQueryDto): Promise<Page<BodyUserResponse>> {
    if (!actor.awardingBodyId) return { items: [], nextCursor: null };
    const filter = { role: query.role, active: query.active, q: query.q?.trim(), sort: query.sort ?? UserSort.NameAsc };
    const page = await this.repo.listOfBody(actor.awardingBodyId, filter, pageRequest(query));
    return { items: page.items.map(toBodyUser), nextCursor: page.nextCursor };
  }
}
