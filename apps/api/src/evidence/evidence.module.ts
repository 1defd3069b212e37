import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { EvidenceController } from './evidence.controller';
import { EvidenceRepository } from './evidence.repository';
import { EvidenceService } from './evidence.service';

@Module({
  imports: [CasesModule],
  controllers: [EvidenceController],
  providers: [EvidenceRepository, EvidenceService],
})
export class EvidenceModule {}
