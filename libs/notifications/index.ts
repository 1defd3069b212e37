export * from './notification-transport';
export * from './notifications.module';
export * from './outbox.transport';
export * from './template-renderer';
