export * from './body-keys';
export * from './did-web';
export * from './urls';
export * from './qualifications';
