import { Module } from '@nestjs/common';
import { CredentialsController } from './credentials.controller';
import { CredentialsService } from './credentials.service';
import { IssuerController } from './issuer.controller';
import { IssuerService } from './issuer.service';

/** Issued credentials (the holder's downloads, the body's status changes) and what issuers publish. */
@Module({
  controllers: [CredentialsController, IssuerController],
  providers: [CredentialsService, IssuerService],
})
export class CredentialsModule {}
