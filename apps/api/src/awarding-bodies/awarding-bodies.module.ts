import { Module } from '@nestjs/common';
import { AwardingBodiesController } from './awarding-bodies.controller';
import { AwardingBodiesRepository } from './awarding-bodies.repository';
import { AwardingBodiesService } from './awarding-bodies.service';

@Module({
  controllers: [AwardingBodiesController],
  providers: [AwardingBodiesRepository, AwardingBodiesService],
  // the portal's settings page changes the body through the same service
  exports: [AwardingBodiesService],
})
export class AwardingBodiesModule {}
