// Two builds of src/:
//  - dist/*.js: ES modules, one per source file, with lit and livekit-client left as imports so
//    an application's bundler shares them and can tree-shake. Entries: dist/index.js (defines
//    every element) and dist/define/<tag>.js, one per folder in src/elements/ (made by
//    scripts/elements.mjs, so a new element gets its entry without an edit here), which defines
//    that element and the ones it renders.
//  - dist/visio-elements.bundle.js: one self-contained, minified file for a portal with no
//    bundler (`<script type="module" src=".../visio-elements.bundle.js">`), and beside it
//    dist/visio-elements.i18n/, one small file per language other than English and French, which
//    the bundle loads itself when a page uses that language.
// Types come from `tsc -p tsconfig.build.json` and scripts/define-types.mjs (see "build").
import typescript from '@rollup/plugin-typescript';
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { minify } from 'terser';
import { defineEntries, defineInputs } from './scripts/elements.mjs';

/**
 * dist/e2ee-worker.js: livekit-client's end-to-end encryption worker (one self-contained file),
 * beside the bundle and the ESM build, where src/e2ee-worker-url.ts looks for it. Never inlined: a
 * page loads it only when a call asks for encryption.
 */
const e2eeWorker = () => ({
  name: 'visio-e2ee-worker',
  async generateBundle() {
    const file = createRequire(import.meta.url)
      .resolve('livekit-client/e2ee-worker')
      .replace(/\.js$/, '.mjs');
    const { code } = await minify(readFileSync(file, 'utf8'), { module: true, ecma: 2021 });
    this.emitFile({ type: 'asset', fileName: 'e2ee-worker.js', source: code });
  },
});

const ts = () =>
  typescript({
    tsconfig: './tsconfig.build.json',
    declaration: false,
    emitDeclarationOnly: false,
    declarationDir: undefined,
    sourceMap: true,
  });

const external = (id) => /^(lit|@lit\/|livekit-client|@livekit\/|react$)/.test(id);

export default [
  {
    // src/react/ is generated from custom-elements.json by `npm run analyze` (scripts/react-wrappers.mjs).
    input: { index: 'src/index.ts', 'react/index': 'src/react/index.ts', ...defineInputs() },
    external,
    plugins: [defineEntries(), ts(), e2eeWorker()],
    output: {
      dir: 'dist',
      format: 'es',
      preserveModules: true,
      preserveModulesRoot: 'src',
      entryFileNames: (chunk) => (chunk.facadeModuleId?.startsWith('visio-define:') ? `${chunk.name}.js` : '[name].js'),
      sourcemap: true,
    },
  },
  {
    input: 'src/index.ts',
    plugins: [resolve({ browser: true }), ts(), terser({ ecma: 2021, module: true })],
    // Still one <script> for the page: English and French are in it; each other language is a
    // file of its own in dist/visio-elements.i18n/, which the bundle imports (relative to its own
    // URL, same origin, so `script-src 'self'` allows it) only when a page uses that language.
    output: {
      dir: 'dist',
      entryFileNames: 'visio-elements.bundle.js',
      chunkFileNames: 'visio-elements.i18n/[name]-[hash].js',
      format: 'es',
      sourcemap: true,
    },
  },
];
