import { Module } from '@nestjs/common';
import { AssessorModule } from '../assessor/assessor.module';
import { AuthModule } from '../auth/auth.module';
import { AwardingBodiesModule } from '../awarding-bodies/awarding-bodies.module';
import { CaseManagementModule } from '../case-management/case-management.module';
import { CasesModule } from '../cases/cases.module';
import { CatalogueModule } from '../catalogue/catalogue.module';
import { EvidenceModule } from '../evidence/evidence.module';
import { CasePagesController } from './candidate/case-pages.controller';
import { CataloguePagesController } from './candidate/catalogue-pages.controller';
import { Translations } from '../../../../libs/i18n/i18n';
import { AccountsController } from './accounts/accounts.controller';
import { SettingsController } from './accounts/settings.controller';
import { AssessorPagesController } from './assessor/assessor-pages.controller';
import { ProgressPagesController } from './candidate/progress-pages.controller';
import { VerifyPagesController } from './public/verify-pages.controller';
import { VerificationModule } from '../credentials/verification.module';
import { QualificationsModule } from '../qualifications/qualifications.module';
import { CredentialsModule } from '../credentials/credentials.module';
import { DecisionsModule } from '../decisions/decisions.module';
import { SessionsModule } from '../sessions/sessions.module';
import { StandardsModule } from '../standards/standards.module';
import { UsersModule } from '../users/users.module';
import { AdminController } from './admin/admin.controller';
import { DashboardRepository } from './admin/dashboard.repository';
import { AdminDashboardService } from './admin/dashboard.service';
import { HomeController, RootController } from './home/home.controller';
import { PortalContexts } from './portal-context';
import { PortalErrors } from './portal-errors';
import { FormTokenGuard } from './portal-guards';
import { PortalPages } from './portal-pages';
import { PortalView } from './portal-view';

/**
 * The portal: pages for candidates, assessors and awarding bodies, in English and French, over the same
 * services as the JSON API. Server-rendered (handlebars), usable without JavaScript.
 */
@Module({
  imports: [
    AuthModule,
    AwardingBodiesModule,
    CasesModule,
    AssessorModule,
    CatalogueModule,
    EvidenceModule,
    QualificationsModule,
    CredentialsModule,
    VerificationModule,
    DecisionsModule,
    UsersModule,
    StandardsModule,
    CaseManagementModule,
    SessionsModule,
  ],
  controllers: [
    RootController,
    AccountsController,
    SettingsController,
    HomeController,
    CataloguePagesController,
    CasePagesController,
    ProgressPagesController,
    AssessorPagesController,
    AdminController,
    VerifyPagesController,
  ],
  providers: [{ provide: Translations, useFactory: () => new Translations() }, PortalPages, PortalContexts, PortalView, PortalErrors, FormTokenGuard, DashboardRepository, AdminDashboardService],
  exports: [PortalErrors],
})
export class PortalModule {}
