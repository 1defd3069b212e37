import { Module } from '@nestjs/common';
import { APP_CONFIG, ConfigModule } from '../../../libs/config/config.module';
import type { AppConfig } from '../../../libs/config/config';
import { NotificationsModule } from '../../../libs/notifications/notifications.module';
import { PersistenceModule } from '../../../libs/persistence/persistence.module';
import { CaseRecordsActivities, WORKER_SETTINGS } from './activities';
import { MailRelayService } from './mail-relay.service';
import { WorkerService } from './worker.service';

/** The worker application: the case workflow's activities, the Temporal worker that runs them, and the mail relay that delivers the outbox. */
@Module({
  imports: [ConfigModule, PersistenceModule, NotificationsModule],
  providers: [
    CaseRecordsActivities,
    { provide: WORKER_SETTINGS, inject: [APP_CONFIG], useFactory: (config: AppConfig) => CaseRecordsActivities.settingsFrom(config) },
    WorkerService,
    MailRelayService,
  ],
})
export class WorkerModule {}
