import { Injectable } from '@nestjs/common';
import { decisionProblems } from '../../../../libs/domain';
import { decideAdmissibilityUpdate, decideUpdate, revokeDecisionUpdate } from '../../../../workflows/messages';
import { CaseAccessService } from '../cases/case-access.service';
import { toUpdateResult } from '../cases/dto/case.response';
import type { UpdateResultResponse } from '../cases/dto/case.response';
import type { ReasonDto } from '../cases/dto/case.dto';
import { CaseProcess } from '../common/case-process.service';
import type { Actor } from '../common/decorators';
import { StandardsRepository } from '../standards/standards.repository';
import { DecisionError } from './decisions.errors';
import type { AdmissibilityDto, DecideDto } from './dto/decision.dto';

/** The awarding body's decisions on a case; the workflow records each in the case's event log. */
@Injectable()
export class DecisionsService {
  constructor(
    private readonly access: CaseAccessService,
    private readonly standards: StandardsRepository,
    private readonly process: CaseProcess,
  ) {}

  async admissibility(actor: Actor, caseId: string, dto: AdmissibilityDto): Promise<UpdateResultResponse> {
    await this.access.step(actor, caseId);
    return toUpdateResult(await this.process.update(caseId, decideAdmissibilityUpdate, { actorId: actor.id, admissible: dto.admissible, reason: dto.reason.trim() }));
  }

  async decide(actor: Actor, caseId: string, dto: DecideDto): Promise<UpdateResultResponse> {
    const { kase } = await this.access.step(actor, caseId);
    const outcomeIds = (await this.standards.outcomeCriteria(kase.standardId)).map((o) => o.learningOutcomeId);
    const problems = decisionProblems(dto.result, dto.recognisedOutcomeIds, outcomeIds);
    if (problems.length) throw DecisionError.invalid(problems);
    return toUpdateResult(
      await this.process.update(caseId, decideUpdate, { actorId: actor.id, result: dto.result, recognisedOutcomeIds: dto.recognisedOutcomeIds, reason: dto.reason.trim() }),
    );
  }

  async revoke(actor: Actor, caseId: string, dto: ReasonDto): Promise<UpdateResultResponse> {
    await this.access.step(actor, caseId);
    return toUpdateResult(await this.process.update(caseId, revokeDecisionUpdate, { actorId: actor.id, reason: dto.reason.trim() }));
  }
}
