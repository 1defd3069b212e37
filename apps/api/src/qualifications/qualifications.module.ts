import { Module } from '@nestjs/common';
import { QualificationsController } from './qualifications.controller';
import { QualificationsRepository } from './qualifications.repository';
import { QualificationsService } from './qualifications.service';

/** Qualifications stacked from micro-credentials: their definitions (body admins) and a candidate's progress. */
@Module({
  controllers: [QualificationsController],
  providers: [QualificationsRepository, QualificationsService],
  exports: [QualificationsService],
})
export class QualificationsModule {}
