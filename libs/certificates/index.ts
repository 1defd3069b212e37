export * from './labels';
export * from './certificate-view';
export * from './certificate-html';
export * from './qr-code';
export * from './certificate-renderer';
export * from './linkedin';
