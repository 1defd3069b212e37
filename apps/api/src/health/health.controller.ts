import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { HttpResponse } from '../common/http';
import { CaseProcess } from '../common/case-process.service';
import { Public } from '../common/decorators';
import { HealthRepository } from './health.repository';

export class HealthResponse {
  @ApiProperty({ enum: ['ok', 'degraded'] }) status: 'ok' | 'degraded';
  @ApiProperty({ enum: ['up', 'down'] }) database: 'up' | 'down';
  @ApiProperty({ enum: ['up', 'down'] }) temporal: 'up' | 'down';
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly repo: HealthRepository,
    private readonly process: CaseProcess,
  ) {}

  @Public()
  @Get()
  @ApiOkResponse({ type: HealthResponse })
  @ApiServiceUnavailableResponse({ type: HealthResponse })
  async health(@Res({ passthrough: true }) res: HttpResponse): Promise<HealthResponse> {
    const [database, temporal] = await Promise.all([this.repo.ping(), this.process.reachable()]);
    const ok = database && temporal;
    res.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: ok ? 'ok' : 'degraded', database: database ? 'up' : 'down', temporal: temporal ? 'up' : 'down' };
  }
}
