import { Module } from '@nestjs/common';
import { CodecController } from './codec.controller';
import { PayloadCodecService } from './codec.service';

@Module({ controllers: [CodecController], providers: [PayloadCodecService] })
export class CodecModule {}
