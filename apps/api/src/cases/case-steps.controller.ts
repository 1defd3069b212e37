import { Controller, Get } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { StepAcceptedResponse } from '../common/case-step';
import { CurrentActor } from '../common/decorators';
import type { Actor } from '../common/decorators';
import { UuidParam } from '../common/uuid-param';
import { CaseStepsService } from './case-steps.service';
import { UpdateResultResponse } from './dto/case.response';

@ApiTags('cases')
@Controller('cases')
export class CaseStepsController {
  constructor(private readonly steps: CaseStepsService) {}

  @Get(':id/steps/:updateId')
  @ApiOperation({
    summary: 'The result of a step answered 202 earlier (its Location)',
    description: 'Waits up to a second for a step still running, then answers 202 again; poll after Retry-After.',
  })
  @ApiOkResponse({ type: UpdateResultResponse, description: 'the step is done: the same answer its own route gives' })
  @ApiAcceptedResponse({ type: StepAcceptedResponse, description: 'the step is still running' })
  @ApiConflictResponse({ description: "the case's process refused the step (the message says why), as the step's route would have" })
  @ApiNotFoundResponse({ description: 'no such step on this case, or no such case (also for a case the caller may not see)' })
  @ApiServiceUnavailableResponse({ description: 'the process engine is unreachable; retry after Retry-After' })
  result(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @UuidParam('updateId') updateId: string): Promise<UpdateResultResponse> {
    return this.steps.result(actor, id, updateId);
  }
}
