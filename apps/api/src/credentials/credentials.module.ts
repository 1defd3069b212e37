import { Module } from '@nestjs/common';
import { CertificatePrinter } from './certificate-printer';
import { CredentialsController } from './credentials.controller';
import { CredentialsService } from './credentials.service';
import { IssuerController } from './issuer.controller';
import { IssuerService } from './issuer.service';
import { SigningKeysController } from './signing-keys.controller';
import { SigningKeysService } from './signing-keys.service';
import { StatusListsService } from './status-lists.service';
import { VerificationController } from './verification.controller';
import { VcIssuerService } from './vc-issuer.service';
import { VerificationService } from './verification.service';

/** Issued credentials (the holder's downloads, the body's status changes), what issuers publish, and verification. */
@Module({
  controllers: [CredentialsController, IssuerController, VerificationController, SigningKeysController],
  providers: [VcIssuerService, SigningKeysService, CertificatePrinter, CredentialsService, IssuerService, StatusListsService, VerificationService],
})
export class CredentialsModule {}
