export * from './temporal';
export * from './temporal.module';
export * from './payload-codec';
