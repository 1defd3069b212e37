import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { VerificationModule } from '../credentials/verification.module';
import { MetricsModule } from '../metrics/metrics.module';
import { PriorCredentialsService } from './prior-credentials.service';
import { EvidenceController } from './evidence.controller';
import { EvidenceRepository } from './evidence.repository';
import { EvidenceService } from './evidence.service';

@Module({
  imports: [CasesModule, VerificationModule, MetricsModule],
  controllers: [EvidenceController],
  providers: [EvidenceRepository, EvidenceService, PriorCredentialsService],
  exports: [EvidenceService, PriorCredentialsService],
})
export class EvidenceModule {}
