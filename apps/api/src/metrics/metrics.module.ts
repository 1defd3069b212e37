import { Module } from '@nestjs/common';
import { MetricsController } from './metrics.controller';
import { MetricsRepository } from './metrics.repository';
import { ApiMetrics } from './metrics.service';

@Module({ controllers: [MetricsController], providers: [ApiMetrics, MetricsRepository], exports: [ApiMetrics] })
export class MetricsModule {}
