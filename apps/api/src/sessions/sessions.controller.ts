import { Body, Controller, Get, HttpCode, HttpStatus, Post, Res, StreamableFile } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Role } from '../../../../libs/domain';
import { UpdateResultResponse } from '../cases/dto/case.response';
import { CaseStep } from '../common/case-step';
import { CurrentActor, Roles } from '../common/decorators';
import type { Actor } from '../common/decorators';
import type { HttpResponse } from '../common/http';
import { UuidParam } from '../common/uuid-param';
import { AnswerSessionDto, ProposeSessionDto, RecordSessionDto } from './dto/session.dto';
import { SessionListResponse, SessionResponse } from './dto/session.response';
import { SessionsService } from './sessions.service';

@ApiTags('sessions')
@Controller('cases/:id/sessions')
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

  @Get()
  @ApiOperation({ summary: "The case's assessment sessions, first first (the candidate does not see what the assessor recorded of them)" })
  @ApiOkResponse({ type: SessionListResponse })
  list(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<SessionListResponse> {
    return this.sessions.list(actor, id);
  }

  @Post()
  @Roles(Role.Assessor)
  @ApiOperation({ summary: 'Propose a session (interview, observation, simulation, jury) to the candidate; the holder of the case only' })
  @ApiCreatedResponse({ type: SessionResponse })
  @CaseStep()
  propose(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: ProposeSessionDto): Promise<SessionResponse> {
    return this.sessions.propose(actor, id, dto);
  }

  @Post(':sessionId/answer')
  @Roles(Role.Candidate)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Confirm the session, or ask for another time (a limited number of times)' })
  @ApiOkResponse({ type: UpdateResultResponse })
  @CaseStep()
  answer(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @UuidParam('sessionId') sessionId: string, @Body() dto: AnswerSessionDto): Promise<UpdateResultResponse> {
    return this.sessions.answer(actor, id, sessionId, dto);
  }

  @Post(':sessionId/record')
  @Roles(Role.Assessor)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Record how the session went: held (with judgements), candidate_absent, or postponed' })
  @ApiOkResponse({ type: UpdateResultResponse })
  @CaseStep()
  record(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @UuidParam('sessionId') sessionId: string, @Body() dto: RecordSessionDto): Promise<UpdateResultResponse> {
    return this.sessions.record(actor, id, sessionId, dto);
  }

  @Get(':sessionId/invitation.ics')
  @ApiOperation({ summary: "The session's calendar invitation (iCalendar), or its cancellation once it will not take place" })
  @ApiOkResponse({ content: { 'text/calendar': { schema: { type: 'string' } } } })
  async invitation(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @UuidParam('sessionId') sessionId: string,
    @Res({ passthrough: true }) res: HttpResponse,
  ): Promise<StreamableFile> {
    const file = await this.sessions.invitation(actor, id, sessionId);
    res.set({ 'Cache-Control': 'private, no-store', 'X-Content-Type-Options': 'nosniff' });
    const bytes = Buffer.from(file.body, 'utf8');
    return new StreamableFile(bytes, { type: 'text/calendar; charset=utf-8', length: bytes.length, disposition: `attachment; filename="${file.fileName}"` });
  }
}
