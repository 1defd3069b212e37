import { Global, Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { ConfigModule, APP_CONFIG } from '../../../libs/config/config.module';
import type { AppConfig } from '../../../libs/config/config';
import { PersistenceModule } from '../../../libs/persistence/persistence.module';
import { StorageModule } from '../../../libs/storage/storage.module';
import { TemporalModule } from '../../../libs/temporal/temporal.module';
import { AssessorModule } from './assessor/assessor.module';
import { AwardingBodiesModule } from './awarding-bodies/awarding-bodies.module';
import { AuthModule } from './auth/auth.module';
import { CatalogueModule } from './catalogue/catalogue.module';
import { CaseManagementModule } from './case-management/case-management.module';
import { CasesModule } from './cases/cases.module';
import { CodecModule } from './codec/codec.module';
import { CommonModule } from './common/common.module';
import { CredentialsModule } from './credentials/credentials.module';
import { DecisionsModule } from './decisions/decisions.module';
import { EvidenceModule } from './evidence/evidence.module';
import { HealthModule } from './health/health.module';
import { MetricsModule } from './metrics/metrics.module';
import { IdempotencyModule } from './idempotency/idempotency.module';
import { PortalModule } from './portal/portal.module';
import { QualificationsModule } from './qualifications/qualifications.module';
import { SessionsModule } from './sessions/sessions.module';
import { StandardsModule } from './standards/standards.module';
import { UsersModule } from './users/users.module';

/** A configuration given by the caller (a test, a tool) instead of the environment. */
@Global()
@Module({})
class GivenConfigModule {
  static with(config: AppConfig): DynamicModule {
    return { module: GivenConfigModule, providers: [{ provide: APP_CONFIG, useValue: config }], exports: [APP_CONFIG] };
  }
}

const FEATURES = [
  AuthModule,
  HealthModule,
  MetricsModule,
  AwardingBodiesModule,
  StandardsModule,
  CasesModule,
  EvidenceModule,
  AssessorModule,
  DecisionsModule,
  CaseManagementModule,
  IdempotencyModule,
  UsersModule,
  CodecModule,
  CredentialsModule,
  QualificationsModule,
  SessionsModule,
  CatalogueModule,
  PortalModule,
];

@Module({})
export class AppModule {
  /** The API; the configuration comes from the environment unless one is given. */
  static register(config?: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [config ? GivenConfigModule.with(config) : ConfigModule, PersistenceModule, TemporalModule, StorageModule, CommonModule, ...FEATURES],
    };
  }
}
