import { Global, Module } from '@nestjs/common';
import { TemplateRenderer } from './template-renderer';

/** The message renderer, compiled once, for the worker's activities. */
@Global()
@Module({
  providers: [{ provide: TemplateRenderer, useFactory: () => new TemplateRenderer() }],
  exports: [TemplateRenderer],
})
export class NotificationsModule {}
