import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { CaseManagementController } from './case-management.controller';
import { CaseManagementService } from './case-management.service';

@Module({
  imports: [CasesModule],
  controllers: [CaseManagementController],
  providers: [CaseManagementService],
  exports: [CaseManagementService],
})
export class CaseManagementModule {}
