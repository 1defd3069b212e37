export * from './entities';
export * from './data-source';
export * from './persistence.module';
export { SnakeNamingStrategy } from './snake-naming.strategy';
