import { Body, Controller, Get, Patch, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Role } from '../../../../libs/domain';
import { CurrentActor, Roles } from '../common/decorators';
import type { Actor } from '../common/decorators';
import { UuidParam } from '../common/uuid-param';
import { CreateQualificationDto, UpdateQualificationDto } from './dto/qualification.dto';
import { QualificationListResponse, QualificationProgressResponse, QualificationResponse } from './dto/qualification.response';
import { QualificationsService } from './qualifications.service';

@ApiTags('qualifications')
@Controller('qualifications')
export class QualificationsController {
  constructor(private readonly qualifications: QualificationsService) {}

  @Get()
  @Roles(Role.BodyAdmin)
  @ApiOperation({ summary: "The admin's awarding body's qualifications, drafts included, by code" })
  @ApiOkResponse({ type: QualificationListResponse })
  list(@CurrentActor() actor: Actor): Promise<QualificationListResponse> {
    return this.qualifications.list(actor);
  }

  @Get('progress')
  @Roles(Role.Candidate)
  @ApiOperation({ summary: 'The candidate\'s progress toward each published qualification they hold a component micro-credential of, and its credential once issued' })
  @ApiOkResponse({ type: QualificationProgressResponse })
  progress(@CurrentActor() actor: Actor): Promise<QualificationProgressResponse> {
    return this.qualifications.progress(actor);
  }

  @Get(':id')
  @Roles(Role.BodyAdmin)
  @ApiOperation({ summary: "One of the admin's body's qualifications" })
  @ApiOkResponse({ type: QualificationResponse })
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<QualificationResponse> {
    return this.qualifications.get(actor, id);
  }

  @Post()
  @Roles(Role.BodyAdmin)
  @ApiOperation({ summary: "Define a qualification of the admin's awarding body over its standards" })
  @ApiCreatedResponse({ type: QualificationResponse })
  @ApiConflictResponse({ description: 'the body already has a qualification with this code (code qualification.code_taken)' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateQualificationDto): Promise<QualificationResponse> {
    return this.qualifications.create(actor, dto);
  }

  @Patch(':id')
  @Roles(Role.BodyAdmin)
  @ApiOperation({ summary: 'Change or publish a qualification; components, when given, replace the set' })
  @ApiOkResponse({ type: QualificationResponse })
  @ApiConflictResponse({ description: 'the code is taken (code qualification.code_taken), or learners hold it and the rule, credits or components would change (code qualification.issued)' })
  update(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: UpdateQualificationDto): Promise<QualificationResponse> {
    return this.qualifications.update(actor, id, dto);
  }
}
