import { Module } from '@nestjs/common';
import { CredentialsController } from './credentials.controller';
import { CredentialsService } from './credentials.service';
import { IssuerController } from './issuer.controller';
import { IssuerService } from './issuer.service';
import { StatusListsService } from './status-lists.service';
import { VerificationController } from './verification.controller';
import { VerificationService } from './verification.service';

/** Issued credentials (the holder's downloads, the body's status changes), what issuers publish, and verification. */
@Module({
  controllers: [CredentialsController, IssuerController, VerificationController],
  providers: [CredentialsService, IssuerService, StatusListsService, VerificationService],
})
export class CredentialsModule {}
