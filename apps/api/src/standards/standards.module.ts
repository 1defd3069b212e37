import { Module } from '@nestjs/common';
import { StandardsController } from './standards.controller';
import { StandardsRepository } from './standards.repository';
import { StandardsService } from './standards.service';

@Module({
  controllers: [StandardsController],
  providers: [StandardsRepository, StandardsService],
  exports: [StandardsRepository, StandardsService],
})
export class StandardsModule {}
