export * from './temporal';
export * from './temporal.module';
