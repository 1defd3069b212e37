import { Injectable } from '@nestjs/common';
import { isReservedDemoEmail, Role } from '../../../../libs/domain';
import type { Locale } from '../../../../libs/domain';
import { normaliseDisplayName } from '../auth/account-text';
import { AccountsService } from '../auth/accounts.service';
import { AuditRepository } from '../common/audit.repository';
import type { Actor } from '../common/decorators';
import type { Page } from '../common/keyset';
import { pageRequest } from '../common/page.dto';
import type { BodyUserResponse, ListUsersQueryDto } from './dto/user-list.dto';
import { toBodyUser, UserSort } from './dto/user-list.dto';
import { UserError } from './users.errors';
import { UsersRepository } from './users.repository';

/** A body admin's view of the body's people (assessors and admins); candidates belong to no body. */
@Injectable()
export class UsersService {
  constructor(
    private readonly repo: UsersRepository,
    private readonly accounts: AccountsService,
    private readonly audit: AuditRepository,
  ) {}

  async list(actor: Actor, query: ListUsersQueryDto): Promise<Page<BodyUserResponse>> {
    if (!actor.awardingBodyId) return { items: [], nextCursor: null };
    const filter = { role: query.role, active: query.active, q: query.q?.trim(), sort: query.sort ?? UserSort.NameAsc };
    const page = await this.repo.listOfBody(actor.awardingBodyId, filter, pageRequest(query));
    return { items: page.items.map(toBodyUser), nextCursor: page.nextCursor };
  }

  /**
   * Adds an assessor to the admin's body: the account is created with its address confirmed and no password, and
   * the person is sent an invitation naming the body, with the link that sets one (ASSESSOR_INVITATION_LINK_DAYS).
   */
  async addAssessor(actor: Actor, input: { email: string; displayName: string }, locale: Locale): Promise<BodyUserResponse> {
    const bodyId = ownBody(actor);
    const email = input.email.trim().toLowerCase();
    if (isReservedDemoEmail(email)) throw UserError.emailReserved();
    const user = await this.repo.createBodyUser(bodyId, Role.Assessor, email, normaliseDisplayName(input.displayName), locale);
    if (!user) throw UserError.emailTaken();
    await this.audit.record({ actorId: actor.id, action: 'user.created', subjectType: 'user', subjectId: user.id, data: { role: Role.Assessor } });
    await this.accounts.inviteAssessor(user, await this.repo.bodyName(bodyId));
    return toBodyUser(user);
  }

  /** Deactivates an assessor of the admin's body: their sessions stop working at once; their past work stays. */
  async deactivateAssessor(actor: Actor, userId: string): Promise<BodyUserResponse> {
    const user = await this.repo.findOfBody(ownBody(actor), userId);
    if (!user) throw UserError.notFound();
    if (user.role !== Role.Assessor) throw UserError.notAnAssessor();
    if (user.active) {
      await this.repo.deactivate(user.id);
      await this.audit.record({ actorId: actor.id, action: 'user.deactivated', subjectType: 'user', subjectId: user.id });
    }
    return toBodyUser({ ...user, active: false });
  }
}

function ownBody(actor: Actor): string {
  if (actor.role !== Role.BodyAdmin || !actor.awardingBodyId) throw UserError.notFound();
  return actor.awardingBodyId;
}
