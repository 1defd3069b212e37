import { Global, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NOTIFICATION_TRANSPORT } from './notification-transport';
import { OutboxTransport } from './outbox.transport';
import { TemplateRenderer } from './template-renderer';

/** The message renderer and the transport (the outbox) for the worker's notification activities. */
@Global()
@Module({
  providers: [
    { provide: TemplateRenderer, useFactory: () => new TemplateRenderer() },
    { provide: NOTIFICATION_TRANSPORT, inject: [DataSource], useFactory: (dataSource: DataSource) => new OutboxTransport(dataSource) },
  ],
  exports: [TemplateRenderer, NOTIFICATION_TRANSPORT],
})
export class NotificationsModule {}
