import { Module } from '@nestjs/common';
import { StatusListsService } from './status-lists.service';
import { VerificationService } from './verification.service';

/** The verification pipeline and the status lists it reads: shared by the public verifier and evidence of prior credentials. */
@Module({
  providers: [StatusListsService, VerificationService],
  exports: [StatusListsService, VerificationService],
})
export class VerificationModule {}
