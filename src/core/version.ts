/** This package's version (kept equal to package.json's by test/node/package.test.mjs). */
export const VERSION = '0.1.0';
