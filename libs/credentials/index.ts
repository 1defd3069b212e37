export * from './document-loader';
export * from './keys';
export * from './sign';
export * from './award-source';
export * from './presentation';
export * from './status-list';
export * from './verify';
