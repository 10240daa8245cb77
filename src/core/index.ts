export * from './errors.js';
export * from './token-source.js';
export * from './observe.js';
export * from './media.js';
export * from './call-session.js';
export * from './call-state.js';
export * from './version.js';
export * from './e2ee.js';
export * from './devices.js';
export * from './preferences.js';
export * from './preview.js';
export * from './layout.js';
// social
export * from './room-hub.js';
export * from './chat.js';
export * from './captions.js';
export * from './hand.js';
export * from './reactions.js';
