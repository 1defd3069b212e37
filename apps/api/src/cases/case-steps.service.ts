import { Injectable } from '@nestjs/common';
import { CaseProcess } from '../common/case-process.service';
import type { Actor } from '../common/decorators';
import { CaseAccessService } from './case-access.service';
import type { UpdateResultResponse } from './dto/case.response';
import { toUpdateResult } from './dto/case.response';

/** Steps answered 202 earlier: their result, for anyone who may see the case. */
@Injectable()
export class CaseStepsService {
  constructor(
    private readonly access: CaseAccessService,
    private readonly process: CaseProcess,
  ) {}

  /** As the step's own route answers once finished; StepAccepted (202) while still running. */
  async result(actor: Actor, caseId: string, updateId: string): Promise<UpdateResultResponse> {
    await this.access.view(actor, caseId);
    return toUpdateResult(await this.process.stepResult(caseId, updateId));
  }
}
