import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Role } from '../../../../libs/domain';
import { CurrentActor, Roles } from '../common/decorators';
import type { Actor } from '../common/decorators';
import { UuidParam } from '../common/uuid-param';
import { CreateStandardDto, ListStandardsQueryDto, UpdateStandardDto } from './dto/standard.dto';
import type { Page } from '../common/keyset';
import { ApiPageResponse } from '../common/page.dto';
import { StandardDetailResponse, StandardSummaryResponse } from './dto/standard.response';
import { StandardsService } from './standards.service';

@ApiTags('standards')
@Controller('standards')
export class StandardsController {
  constructor(private readonly standards: StandardsService) {}

  @Get()
  @ApiOperation({ summary: "Published standards (and, for a body's staff, its drafts) by title, one page at a time; q looks in the title" })
  @ApiPageResponse(StandardSummaryResponse)
  list(@CurrentActor() actor: Actor, @Query() query: ListStandardsQueryDto): Promise<Page<StandardSummaryResponse>> {
    return this.standards.list(actor, query);
  }

  @Get(':id')
  @ApiOkResponse({ type: StandardDetailResponse })
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<StandardDetailResponse> {
    return this.standards.get(actor, id);
  }

  @Post()
  @Roles(Role.BodyAdmin)
  @ApiOperation({ summary: "Create a standard for the admin's awarding body" })
  @ApiCreatedResponse({ type: StandardDetailResponse })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateStandardDto): Promise<StandardDetailResponse> {
    return this.standards.create(actor, dto);
  }

  @Patch(':id')
  @Roles(Role.BodyAdmin)
  @ApiOperation({ summary: 'Change a standard; learning outcomes, when given, replace the whole set' })
  @ApiOkResponse({ type: StandardDetailResponse })
  update(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: UpdateStandardDto): Promise<StandardDetailResponse> {
    return this.standards.update(actor, id, dto);
  }
}
