import { Global, Module } from '@nestjs/common';
import { AuditRepository } from './audit.repository';
import { CaseProcess } from './case-process.service';
import { RequestContext } from './request-context';

/** Shared by every feature: the audit log, the messages to case workflows and the request's context. */
@Global()
@Module({
  providers: [AuditRepository, CaseProcess, RequestContext],
  exports: [AuditRepository, CaseProcess, RequestContext],
})
export class CommonModule {}
