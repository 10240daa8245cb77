// web-test-runner plugin: matrix-js-sdk is ES modules, but it imports CommonJS packages
// (content-type, sdp-transform, another-json, unhomoglyph…) a browser cannot import. This serves
// it as one ES module bundled by esbuild, as an application's bundler would, for the test pages
// that play an Element Call participant (test/support/matrix-peer.ts). Olm (the Rust crypto
// WebAssembly) is left out: those pages start no crypto.
import { build } from 'esbuild';

export function matrixEsm() {
  let bundle;
  return {
    name: 'matrix-esm',
    resolveImport({ source }) {
      return source === 'matrix-js-sdk' ? '/__matrix/sdk.js' : undefined;
    },
    async serve(context) {
      if (context.path !== '/__matrix/sdk.js') return undefined;
      bundle ??= build({
        stdin: { contents: "export * from 'matrix-js-sdk';", resolveDir: process.cwd() },
        bundle: true,
        format: 'esm',
        platform: 'browser',
        write: false,
        external: ['@matrix-org/matrix-sdk-crypto-wasm'],
        define: { 'process.env.NODE_ENV': '"development"', global: 'globalThis' },
      }).then((result) => result.outputFiles[0].text);
      return { body: await bundle, type: 'js' };
    },
  };
}
