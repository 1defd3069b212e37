import { Global, Module } from '@nestjs/common';
import { AuditRepository } from './audit.repository';
import { CaseProcess } from './case-process.service';

/** Shared by every feature: the audit log and the messages to case workflows. */
@Global()
@Module({
  providers: [AuditRepository, CaseProcess],
  exports: [AuditRepository, CaseProcess],
})
export class CommonModule {}
