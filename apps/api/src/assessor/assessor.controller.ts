import { Body, Controller, Get, HttpCode, HttpStatus, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { HttpResponse } from '../common/http';
import { Role } from '../../../../libs/domain';
import { UpdateResultResponse } from '../cases/dto/case.response';
import { CaseStep } from '../common/case-step';
import { CurrentActor, Roles } from '../common/decorators';
import type { Actor } from '../common/decorators';
import { NoBody } from '../common/empty-body.dto';
import { UuidParam } from '../common/uuid-param';
import { AssessorService } from './assessor.service';
import { DeclareConflictDto, EvidenceRequestDto, QueueQueryDto, RecordAssessmentDto } from './dto/assessor.dto';
import type { Page } from '../common/keyset';
import { ApiPageResponse } from '../common/page.dto';
import { ConflictResponse, QueueItemResponse } from './dto/assessor.response';

@ApiTags('assessor')
@Roles(Role.Assessor)
@Controller()
export class AssessorController {
  constructor(private readonly assessor: AssessorService) {}

  @Get('assessor/queue')
  @ApiOperation({
    summary: "The assessor's active assignments, assigned longest ago first (or by due date), one page at a time",
    description: "q looks in the candidate's display name and the standard's title; overdue=true: the assessment due date has passed.",
  })
  @ApiPageResponse(QueueItemResponse)
  queue(@CurrentActor() actor: Actor, @Query() query: QueueQueryDto): Promise<Page<QueueItemResponse>> {
    return this.assessor.queue(actor, query);
  }

  @Post('cases/:id/assessment/accept')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: UpdateResultResponse })
  @CaseStep()
  accept(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @NoBody() _body: Record<string, never>): Promise<UpdateResultResponse> {
    return this.assessor.accept(actor, id);
  }

  @Post('cases/:id/assessments')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Record the assessment: every criterion judged once, and a recommendation' })
  @ApiOkResponse({ type: UpdateResultResponse })
  @CaseStep()
  record(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: RecordAssessmentDto): Promise<UpdateResultResponse> {
    return this.assessor.recordAssessment(actor, id, dto);
  }

  @Post('cases/:id/evidence-requests')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: UpdateResultResponse })
  @CaseStep()
  requestEvidence(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: EvidenceRequestDto): Promise<UpdateResultResponse> {
    return this.assessor.requestEvidence(actor, id, dto);
  }

  @Post('conflicts')
  @ApiOperation({ summary: 'Declare a conflict of interest with a candidate (201 new, 200 already declared)' })
  @ApiCreatedResponse({ type: ConflictResponse })
  @ApiOkResponse({ type: ConflictResponse })
  @ApiNotFoundResponse({ description: 'no candidate with this id (code assessor.candidate_not_found)' })
  async declareConflict(@CurrentActor() actor: Actor, @Body() dto: DeclareConflictDto, @Res({ passthrough: true }) res: HttpResponse): Promise<ConflictResponse> {
    const result = await this.assessor.declareConflict(actor, dto);
    res.status(result.created ? HttpStatus.CREATED : HttpStatus.OK);
    return result;
  }
}
