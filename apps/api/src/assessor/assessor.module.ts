import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { StandardsModule } from '../standards/standards.module';
import { AssessorController } from './assessor.controller';
import { AssessorRepository } from './assessor.repository';
import { AssessorService } from './assessor.service';

@Module({
  imports: [CasesModule, StandardsModule],
  controllers: [AssessorController],
  providers: [AssessorRepository, AssessorService],
  exports: [AssessorService],
})
export class AssessorModule {}
