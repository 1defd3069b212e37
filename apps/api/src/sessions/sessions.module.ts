import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { StandardsModule } from '../standards/standards.module';
import { SessionsController } from './sessions.controller';
import { SessionsRepository } from './sessions.repository';
import { SessionsService } from './sessions.service';

/** Assessment sessions of a case: proposed, answered, recorded and sent to calendars. */
@Module({
  imports: [CasesModule, StandardsModule],
  controllers: [SessionsController],
  providers: [SessionsRepository, SessionsService],
  exports: [SessionsService],
})
export class SessionsModule {}
