import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Role } from '../../../../libs/domain';
import { ReasonDto } from '../cases/dto/case.dto';
import { UpdateResultResponse } from '../cases/dto/case.response';
import { CaseStep } from '../common/case-step';
import { CurrentActor, Roles } from '../common/decorators';
import type { Actor } from '../common/decorators';
import { UuidParam } from '../common/uuid-param';
import { DecisionsService } from './decisions.service';
import { AdmissibilityDto, DecideDto } from './dto/decision.dto';

@ApiTags('decisions')
@Roles(Role.BodyAdmin)
@Controller('cases/:id')
export class DecisionsController {
  constructor(private readonly decisions: DecisionsService) {}

  @Post('admissibility')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Decide whether a screened case is admissible' })
  @ApiOkResponse({ type: UpdateResultResponse })
  @CaseStep()
  admissibility(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: AdmissibilityDto): Promise<UpdateResultResponse> {
    return this.decisions.admissibility(actor, id, dto);
  }

  @Post('decision')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: "The awarding body's decision, with the learning outcomes recognised" })
  @ApiOkResponse({ type: UpdateResultResponse })
  @CaseStep()
  decide(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: DecideDto): Promise<UpdateResultResponse> {
    return this.decisions.decide(actor, id, dto);
  }

  @Post('decision/revoke')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: UpdateResultResponse })
  @CaseStep()
  revoke(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: ReasonDto): Promise<UpdateResultResponse> {
    return this.decisions.revoke(actor, id, dto);
  }
}
