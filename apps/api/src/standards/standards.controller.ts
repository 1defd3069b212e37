import { Body, Controller, Get, HttpCode, HttpStatus, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Role } from '../../../../libs/domain';
import { CurrentActor, Roles } from '../common/decorators';
import type { Actor } from '../common/decorators';
import { UuidParam } from '../common/uuid-param';
import { CreateStandardDto, ListStandardsQueryDto, UpdateStandardDto } from './dto/standard.dto';
import type { Page } from '../common/keyset';
import { ApiPageResponse } from '../common/page.dto';
import { MicroCredentialCheckResponse, StandardDetailResponse, StandardSummaryResponse } from './dto/standard.response';
import { StandardsService } from './standards.service';

@ApiTags('standards')
@Controller('standards')
export class StandardsController {
  constructor(private readonly standards: StandardsService) {}

  @Get()
  @ApiOperation({ summary: "Published standards (and, for a body's staff, its drafts) by title, one page at a time; q looks in the title, skill and occupation in the alignments" })
  @ApiPageResponse(StandardSummaryResponse)
  list(@CurrentActor() actor: Actor, @Query() query: ListStandardsQueryDto): Promise<Page<StandardSummaryResponse>> {
    return this.standards.list(actor, query);
  }

  @Post('check')
  @Roles(Role.BodyAdmin)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Check a draft standard (the body of POST /standards) against what makes a micro-credential; nothing is stored',
    description: 'Answers 200 with { conforms, failures: [{ code, field, message }], ceiling } whether or not it conforms; malformed input is a 400 as on create.',
  })
  @ApiOkResponse({ type: MicroCredentialCheckResponse })
  check(@CurrentActor() actor: Actor, @Body() dto: CreateStandardDto): Promise<MicroCredentialCheckResponse> {
    return this.standards.checkDraft(actor, dto);
  }

  @Get(':id/micro-credential-check')
  @Roles(Role.BodyAdmin)
  @ApiOperation({ summary: "Check a standard of the admin's body against what makes a micro-credential (docs/micro-credentials.md)" })
  @ApiOkResponse({ type: MicroCredentialCheckResponse })
  checkStored(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<MicroCredentialCheckResponse> {
    return this.standards.checkStored(actor, id);
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
  @ApiUnprocessableEntityResponse({ description: 'published: true, but the specification is not a micro-credential (standard.not_a_micro_credential): each failure listed' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateStandardDto): Promise<StandardDetailResponse> {
    return this.standards.create(actor, dto);
  }

  @Patch(':id')
  @Roles(Role.BodyAdmin)
  @ApiOperation({ summary: 'Change a standard; learning outcomes, when given, replace the whole set' })
  @ApiOkResponse({ type: StandardDetailResponse })
  @ApiUnprocessableEntityResponse({ description: 'the change publishes a specification that is not a micro-credential, or makes a published one fail (standard.not_a_micro_credential)' })
  update(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: UpdateStandardDto): Promise<StandardDetailResponse> {
    return this.standards.update(actor, id, dto);
  }
}
