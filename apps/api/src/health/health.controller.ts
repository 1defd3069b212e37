import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { HttpResponse } from '../common/http';
import { CaseProcess } from '../common/case-process.service';
import { Public } from '../common/decorators';
import { HealthRepository } from './health.repository';

export class HealthResponse {
  @ApiProperty({ enum: ['ok', 'degraded'] }) status: 'ok' | 'degraded';
  @ApiProperty({ enum: ['up', 'down'] }) database: 'up' | 'down';
  @ApiProperty({ enum: ['up', 'down'] }) temporal: 'up' | 'down';
}

export class LivenessResponse {
  @ApiProperty({ enum: ['alive'] }) status: 'alive';
}

export class ReadinessResponse {
  @ApiProperty({ enum: ['ready', 'not_ready'] }) status: 'ready' | 'not_ready';
  @ApiProperty({ enum: ['up', 'down'] }) database: 'up' | 'down';
  @ApiProperty({ enum: ['up', 'down'] }) temporal: 'up' | 'down';
  @ApiProperty({ enum: ['database', 'temporal'], isArray: true, description: 'what could not be reached; empty when ready' })
  unreachable: ('database' | 'temporal')[];
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
  @ApiOperation({ summary: 'PostgreSQL and Temporal reachable (200) or not (503); kept for existing checks, see live and ready' })
  @ApiOkResponse({ type: HealthResponse })
  @ApiServiceUnavailableResponse({ type: HealthResponse })
  async health(@Res({ passthrough: true }) res: HttpResponse): Promise<HealthResponse> {
    const { database, temporal } = await this.reach();
    const ok = database && temporal;
    res.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: ok ? 'ok' : 'degraded', database: database ? 'up' : 'down', temporal: temporal ? 'up' : 'down' };
  }

  /** Liveness: the process answers. No dependency is asked, so an outage of one never gets the API restarted. */
  @Public()
  @Get('live')
  @ApiOperation({ summary: 'Liveness: 200 while the process answers (no dependency is checked)' })
  @ApiOkResponse({ type: LivenessResponse })
  live(): LivenessResponse {
    return { status: 'alive' };
  }

  /** Readiness: send traffic only while PostgreSQL and Temporal can be reached; the body names what cannot. */
  @Public()
  @Get('ready')
  @ApiOperation({ summary: 'Readiness: 200 when PostgreSQL and Temporal can be reached, else 503 naming which cannot' })
  @ApiOkResponse({ type: ReadinessResponse })
  @ApiServiceUnavailableResponse({ type: ReadinessResponse })
  async ready(@Res({ passthrough: true }) res: HttpResponse): Promise<ReadinessResponse> {
    const { database, temporal } = await this.reach();
    const unreachable = [...(database ? [] : ['database' as const]), ...(temporal ? [] : ['temporal' as const])];
    res.status(unreachable.length ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.OK);
    return { status: unreachable.length ? 'not_ready' : 'ready', database: database ? 'up' : 'down', temporal: temporal ? 'up' : 'down', unreachable };
  }

  private async reach(): Promise<{ database: boolean; temporal: boolean }> {
    const [database, temporal] = await Promise.all([this.repo.ping(), this.process.reachable()]);
    return { database, temporal };
  }
}
