import { Controller, Get, Headers, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { HttpResponse } from '../common/http';
import { Public } from '../common/decorators';
import { ApiMetrics } from './metrics.service';

@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: ApiMetrics) {}

  /** Prometheus's scrape (text exposition format); behind METRICS_TOKEN when it is set. */
  @Public()
  @Get()
  @ApiOperation({
    summary: 'Prometheus metrics (text exposition format): requests by route template, cases by status, deadlines due within 24 hours, the outbox backlog, evidence bytes stored',
    description: 'Open unless METRICS_TOKEN is set, then only with Authorization: Bearer <METRICS_TOKEN>; serve it on an internal network either way.',
  })
  @ApiOkResponse({ content: { 'text/plain': { schema: { type: 'string' } } } })
  @ApiUnauthorizedResponse({ description: 'METRICS_TOKEN is set and the request does not carry it' })
  async scrape(@Headers('authorization') authorization: string | undefined, @Res({ passthrough: true }) res: HttpResponse): Promise<string> {
    this.metrics.checkAccess(authorization);
    const text = await this.metrics.scrape();
    res.set({ 'Content-Type': this.metrics.contentType, 'Cache-Control': 'no-store' });
    return text;
  }
}
