// Two builds of src/:
//  - dist/*.js: ES modules, one per source file, with lit and livekit-client left as imports so
//    an application's bundler shares them and can tree-shake.
//  - dist/visio-elements.bundle.js: one self-contained, minified file for a portal with no
//    bundler (`<script type="module" src=".../visio-elements.bundle.js">`).
// Types come from `tsc -p tsconfig.build.json` (see the "build" script).
import typescript from '@rollup/plugin-typescript';
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

const ts = () =>
  typescript({
    tsconfig: './tsconfig.build.json',
    declaration: false,
    emitDeclarationOnly: false,
    declarationDir: undefined,
    sourceMap: true,
  });

const external = (id) => /^(lit|@lit\/|livekit-client|@livekit\/)/.test(id);

export default [
  {
    input: 'src/index.ts',
    external,
    plugins: [ts()],
    output: {
      dir: 'dist',
      format: 'es',
      preserveModules: true,
      preserveModulesRoot: 'src',
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
