import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { StandardsModule } from '../standards/standards.module';
import { DecisionsController } from './decisions.controller';
import { DecisionsService } from './decisions.service';

@Module({
  imports: [CasesModule, StandardsModule],
  controllers: [DecisionsController],
  providers: [DecisionsService],
  exports: [DecisionsService],
})
export class DecisionsModule {}
