import { Body, Controller, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Role } from '../../../../libs/domain';
import { ProcessDiagnosticsResponse, UpdateResultResponse } from '../cases/dto/case.response';
import { CurrentActor, Roles } from '../common/decorators';
import type { Actor } from '../common/decorators';
import { UuidParam } from '../common/uuid-param';
import { CaseManagementService } from './case-management.service';
import { AssignAssessorDto, ResolveAttentionDto } from './dto/case-management.dto';

@ApiTags('case management')
@Roles(Role.BodyAdmin)
@Controller('cases/:id')
export class CaseManagementController {
  constructor(private readonly management: CaseManagementService) {}

  @Post('assessor')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Assign an assessor by hand to a case awaiting one',
    description:
      'When no eligible assessor is free (status awaiting_assessor), a body admin assigns any active assessor of the body without a ' +
      'conflict of interest, including one passed over earlier for a missed SLA; for moderation or an appeal, never the assessor whose work is reviewed.',
  })
  @ApiOkResponse({ type: UpdateResultResponse })
  @ApiConflictResponse({ description: 'the case is not awaiting an assessor, or the assessor is not eligible' })
  assignAssessor(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: AssignAssessorDto): Promise<UpdateResultResponse> {
    return this.management.assignAssessor(actor, id, dto);
  }

  @Post('attention')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Retry or close a case whose process needs attention (status needs_attention)' })
  @ApiOkResponse({ type: UpdateResultResponse })
  @ApiConflictResponse({ description: 'the case does not need attention' })
  resolveAttention(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: ResolveAttentionDto): Promise<UpdateResultResponse> {
    return this.management.resolveAttention(actor, id, dto);
  }

  @Get('process')
  @ApiOperation({ summary: "Diagnostics: the case's workflow execution in Temporal and its live state (reads of a case never need this)" })
  @ApiOkResponse({ type: ProcessDiagnosticsResponse })
  diagnostics(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<ProcessDiagnosticsResponse> {
    return this.management.diagnostics(actor, id);
  }
}
