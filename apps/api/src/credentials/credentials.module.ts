import { Module } from '@nestjs/common';
import { CertificatePrinter } from './certificate-printer';
import { CredentialsController } from './credentials.controller';
import { CredentialsService } from './credentials.service';
import { IssuerController } from './issuer.controller';
import { IssuerService } from './issuer.service';
import { SigningKeysController } from './signing-keys.controller';
import { SigningKeysService } from './signing-keys.service';
import { VerificationController } from './verification.controller';
import { VcIssuerService } from './vc-issuer.service';
import { VerificationModule } from './verification.module';
import { EvidenceModule } from '../evidence/evidence.module';
import { CasesModule } from '../cases/cases.module';
import { RenewalService } from './renewal.service';

/** Issued credentials (the holder's downloads, the body's status changes), what issuers publish, and verification. */
@Module({
  imports: [VerificationModule, EvidenceModule, CasesModule],
  controllers: [CredentialsController, IssuerController, VerificationController, SigningKeysController],
  providers: [VcIssuerService, SigningKeysService, CertificatePrinter, CredentialsService, IssuerService, RenewalService],
  exports: [CredentialsService, IssuerService, RenewalService],
})
export class CredentialsModule {}
