// axe-core's browser build: a script that registers `window.axe` (types come from 'axe-core').
declare module 'axe-core/axe.min.js';
