import { Injectable } from '@nestjs/common';
import { assignAssessorUpdate, resolveAttentionUpdate } from '../../../../workflows/messages';
import { CaseAccessService } from '../cases/case-access.service';
import { toUpdateResult } from '../cases/dto/case.response';
import type { ProcessDiagnosticsResponse, UpdateResultResponse } from '../cases/dto/case.response';
import { CaseProcess } from '../common/case-process.service';
import type { Actor } from '../common/decorators';
import { caseWorkflowId } from '../../../../workflows/ids';
import type { AssignAssessorDto, ResolveAttentionDto } from './dto/case-management.dto';

/**
 * The awarding body's hand on a case's process: an assessor assigned by hand when none is free, a case that
 * needs attention retried or closed, and the process's live state for diagnosis. The workflow records each step
 * with its actor in the case's event log.
 */
@Injectable()
export class CaseManagementService {
  constructor(
    private readonly access: CaseAccessService,
    private readonly process: CaseProcess,
  ) {}

  async assignAssessor(actor: Actor, caseId: string, dto: AssignAssessorDto): Promise<UpdateResultResponse> {
    await this.access.step(actor, caseId);
    return toUpdateResult(await this.process.update(caseId, assignAssessorUpdate, { actorId: actor.id, assessorId: dto.assessorId, reason: dto.reason.trim() }));
  }

  async resolveAttention(actor: Actor, caseId: string, dto: ResolveAttentionDto): Promise<UpdateResultResponse> {
    await this.access.step(actor, caseId);
    return toUpdateResult(await this.process.update(caseId, resolveAttentionUpdate, { actorId: actor.id, action: dto.action, reason: dto.reason.trim() }));
  }

  async diagnostics(actor: Actor, caseId: string): Promise<ProcessDiagnosticsResponse> {
    const { kase } = await this.access.view(actor, caseId);
    const found = await this.process.diagnostics(caseId);
    return {
      workflowId: caseWorkflowId(caseId),
      runId: found.runId,
      executionStatus: found.executionStatus,
      historyLength: found.historyLength,
      live: found.live as unknown as Record<string, unknown> | null,
      recordedRunId: kase.processRunId,
    };
  }
}
