import { Module } from '@nestjs/common';
import { StandardsModule } from '../standards/standards.module';
import { CaseAccessService } from './case-access.service';
import { CasesController } from './cases.controller';
import { CasesRepository } from './cases.repository';
import { CasesService } from './cases.service';

@Module({
  imports: [StandardsModule],
  controllers: [CasesController],
  providers: [CasesRepository, CaseAccessService, CasesService],
  exports: [CasesRepository, CaseAccessService],
})
export class CasesModule {}
