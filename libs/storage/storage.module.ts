import { Global, Module } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';
import { EvidenceStore } from './evidence-store';

/** The evidence store for Nest applications, rooted at config.storage.dir. */
@Global()
@Module({
  providers: [{ provide: EvidenceStore, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new EvidenceStore({ dir: config.storage.dir }) }],
  exports: [EvidenceStore],
})
export class StorageModule {}
