import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Role } from '../../../../libs/domain';
import { CurrentActor, Roles } from '../common/decorators';
import type { Actor } from '../common/decorators';
import type { Page } from '../common/keyset';
import { ApiPageResponse } from '../common/page.dto';
import { BodyUserResponse, ListUsersQueryDto } from './dto/user-list.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@Roles(Role.BodyAdmin)
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: "The admin's awarding body's assessors and admins, by name (or newest first), one page at a time; q looks in the name and email" })
  @ApiPageResponse(BodyUserResponse)
  list(@CurrentActor() actor: Actor, @Query() query: ListUsersQueryDto): Promise<Page<BodyUserResponse>> {
    return this.users.list(actor, query);
  }
}
