export * from './evidence-store';
export * from './filename';
export * from './media-type';
export * from './storage.module';
