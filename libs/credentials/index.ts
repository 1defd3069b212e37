export * from './document-loader';
export * from './keys';
export * from './sign';
export * from './award-source';
export * from './micro-credential-facts';
export * from './open-badge';
export * from './open-badge-schema';
export * from './europass';
