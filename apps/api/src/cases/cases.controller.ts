import { Body, Controller, Get, HttpCode, HttpStatus, Post, Put, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiForbiddenResponse, ApiServiceUnavailableResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Role } from '../../../../libs/domain';
import { CaseStep } from '../common/case-step';
import { CurrentActor, Roles } from '../common/decorators';
import type { Actor } from '../common/decorators';
import { NoBody } from '../common/empty-body.dto';
import { UuidParam } from '../common/uuid-param';
import { CasesService } from './cases.service';
import { CreateCaseDto, EvidenceResponseDto, ListCasesQueryDto, ReasonDto, SelfAssessmentDto, TimelineQueryDto } from './dto/case.dto';
import type { Page } from '../common/keyset';
import { ApiPageResponse } from '../common/page.dto';
import { CaseDetailResponse, CaseEventResponse, CaseSummaryResponse, SelfAssessmentItemResponse, UpdateResultResponse } from './dto/case.response';

@ApiTags('cases')
@ApiNotFoundResponse({ description: 'case not found (also for a case the caller may not see)' })
@Controller('cases')
export class CasesController {
  constructor(private readonly cases: CasesService) {}

  @Post()
  @Roles(Role.Candidate)
  @ApiOperation({ summary: 'Start a draft case on a published standard' })
  @ApiCreatedResponse({ type: CaseDetailResponse })
  @ApiConflictResponse({ description: 'an open case on this standard already exists (code case.open_case_exists)' })
  @ApiForbiddenResponse({ description: 'the e-mail address is not confirmed yet: open the link sent at sign-up (code auth.email_unverified); or not a candidate' })
  @ApiServiceUnavailableResponse({ description: "the case's process could not be started in time (the process engine is unavailable): retry after Retry-After with the same Idempotency-Key" })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateCaseDto): Promise<CaseDetailResponse> {
    return this.cases.create(actor, dto);
  }

  @Get()
  @ApiOperation({
    summary: "The caller's cases: own (candidate), held or once held (assessor), the body's (admin); one page at a time",
    description:
      'Filters combine with AND. q looks in the candidate\'s display name and the standard\'s title. "due" is the next deadline that applies ' +
      '(the earliest pending evidence, assessment or appeal deadline; cases without one come last); "status_since" is the time of the last ' +
      'status change. overdue=true: an open case whose next deadline has passed. Paging: pass nextCursor back as cursor, with the same sort and filters.',
  })
  @ApiPageResponse(CaseSummaryResponse)
  list(@CurrentActor() actor: Actor, @Query() query: ListCasesQueryDto): Promise<Page<CaseSummaryResponse>> {
    return this.cases.list(actor, query);
  }

  @Get(':id')
  @ApiOkResponse({ type: CaseDetailResponse })
  detail(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<CaseDetailResponse> {
    return this.cases.detail(actor, id);
  }

  @Get(':id/timeline')
  @ApiOperation({ summary: "The case's event log, in order (or latest first), one page at a time" })
  @ApiPageResponse(CaseEventResponse)
  timeline(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Query() query: TimelineQueryDto): Promise<Page<CaseEventResponse>> {
    return this.cases.timeline(actor, id, query);
  }

  @Put(':id/self-assessment')
  @Roles(Role.Candidate)
  @ApiOkResponse({ type: [SelfAssessmentItemResponse] })
  putSelfAssessment(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: SelfAssessmentDto): Promise<SelfAssessmentItemResponse[]> {
    return this.cases.putSelfAssessment(actor, id, dto);
  }

  @Post(':id/submit')
  @Roles(Role.Candidate)
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: UpdateResultResponse })
  @CaseStep()
  submit(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @NoBody() _body: Record<string, never>): Promise<UpdateResultResponse> {
    return this.cases.submit(actor, id);
  }

  @Post(':id/withdraw')
  @Roles(Role.Candidate)
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: UpdateResultResponse })
  @CaseStep()
  withdraw(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: ReasonDto): Promise<UpdateResultResponse> {
    return this.cases.withdraw(actor, id, dto);
  }

  @Post(':id/evidence-response')
  @Roles(Role.Candidate)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Answer an evidence request (after adding the evidence)' })
  @ApiOkResponse({ type: UpdateResultResponse })
  @CaseStep()
  answerEvidenceRequest(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: EvidenceResponseDto): Promise<UpdateResultResponse> {
    return this.cases.answerEvidenceRequest(actor, id, dto);
  }

  @Post(':id/appeal')
  @Roles(Role.Candidate)
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: UpdateResultResponse })
  @CaseStep()
  appeal(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: ReasonDto): Promise<UpdateResultResponse> {
    return this.cases.appeal(actor, id, dto);
  }

  @Post(':id/reopen')
  @Roles(Role.Candidate)
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: UpdateResultResponse })
  @CaseStep()
  reopen(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @NoBody() _body: Record<string, never>): Promise<UpdateResultResponse> {
    return this.cases.reopen(actor, id);
  }
}
