// Two builds of src/:
//  - dist/*.js: ES modules, one per source file, with lit and livekit-client left as imports so
//    an application's bundler shares them and can tree-shake. Entries: dist/index.js (defines
//    every element) and dist/define/<tag>.js, one per folder in src/elements/ (made by
//    scripts/elements.mjs, so a new element gets its entry without an edit here), which defines
//    that element and the ones it renders.
//  - dist/visio-elements.bundle.js: one self-contained, minified file for a portal with no
//    bundler (`<script type="module" src=".../visio-elements.bundle.js">`).
// Types come from `tsc -p tsconfig.build.json` and scripts/define-types.mjs (see "build").
import typescript from '@rollup/plugin-typescript';
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { defineEntries, defineInputs } from './scripts/elements.mjs';

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
    plugins: [defineEntries(), ts()],
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
    output: {
      file: 'dist/visio-elements.bundle.js',
      format: 'es',
      sourcemap: true,
      inlineDynamicImports: true,
    },
  },
];
