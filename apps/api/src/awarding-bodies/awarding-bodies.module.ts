import { Module } from '@nestjs/common';
import { AwardingBodiesController } from './awarding-bodies.controller';
import { AwardingBodiesRepository } from './awarding-bodies.repository';
import { AwardingBodiesService } from './awarding-bodies.service';

@Module({
  controllers: [AwardingBodiesController],
  providers: [AwardingBodiesRepository, AwardingBodiesService],
})
export class AwardingBodiesModule {}
