export * from './errors.js';
export * from './token-source.js';
export * from './observe.js';
export * from './media.js';
export * from './call-session.js';
export * from './devices.js';
export * from './preferences.js';
export * from './preview.js';
