import { Module } from '@nestjs/common';
import { StandardsModule } from '../standards/standards.module';
import { CaseAccessService } from './case-access.service';
import { CaseStepsController } from './case-steps.controller';
import { CaseStepsService } from './case-steps.service';
import { CasesController } from './cases.controller';
import { CasesRepository } from './cases.repository';
import { CasesService } from './cases.service';

@Module({
  imports: [StandardsModule],
  controllers: [CasesController, CaseStepsController],
  providers: [CasesRepository, CaseAccessService, CasesService, CaseStepsService],
  exports: [CasesRepository, CaseAccessService, CaseStepsService, CasesService],
})
export class CasesModule {}
