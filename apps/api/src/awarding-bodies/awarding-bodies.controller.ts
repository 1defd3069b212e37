import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Role } from '../../../../libs/domain';
import { CurrentActor, Roles } from '../common/decorators';
import type { Actor } from '../common/decorators';
import { AwardingBodiesService } from './awarding-bodies.service';
import { UpdateAwardingBodyDto } from './dto/awarding-body.dto';
import { AwardingBodyResponse } from './dto/awarding-body.response';

@ApiTags('awarding-body')
@Roles(Role.BodyAdmin)
@Controller('awarding-body')
export class AwardingBodiesController {
  constructor(private readonly bodies: AwardingBodiesService) {}

  @Get()
  @ApiOperation({ summary: "The admin's own awarding body: its time zone and process settings" })
  @ApiOkResponse({ type: AwardingBodyResponse })
  get(@CurrentActor() actor: Actor): Promise<AwardingBodyResponse> {
    return this.bodies.get(actor);
  }

  @Patch()
  @ApiOperation({ summary: "Change the admin's own awarding body: time zone, process settings (merged: those sent change, null resets one to the default) and/or the workload ceiling of its micro-credentials" })
  @ApiOkResponse({ type: AwardingBodyResponse })
  update(@CurrentActor() actor: Actor, @Body() dto: UpdateAwardingBodyDto): Promise<AwardingBodyResponse> {
    return this.bodies.update(actor, dto);
  }
}
