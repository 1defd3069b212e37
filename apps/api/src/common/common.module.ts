import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AuditRepository } from './audit.repository';
import { CaseProcess } from './case-process.service';
import { RequestContext } from './request-context';
import { RequestInputInterceptor } from './request-input.interceptor';

/**
 * Shared by every feature: the audit log, the messages to case workflows, the request's context, and the gate
 * on every request's input (registered here, before the idempotency module's interceptor, so it runs first).
 */
@Global()
@Module({
  providers: [AuditRepository, CaseProcess, RequestContext, { provide: APP_INTERCEPTOR, useClass: RequestInputInterceptor }],
  exports: [AuditRepository, CaseProcess, RequestContext],
})
export class CommonModule {}
