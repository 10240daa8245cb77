// Two builds of src/:
//  - dist/*.js: ES modules, one per source file, with lit and livekit-client left as imports so
//    an application's bundler shares them and can tree-shake. Entries: dist/index.js (defines
//    every element) and dist/define/<tag>.js, one per folder in src/elements/ (made by
//    scripts/elements.mjs, so a new element gets its entry without an edit here), which defines
//    that element and the ones it renders.
//  - dist/visio-elements.bundle.js: one self-contained, minified file for a portal with no
//    bundler (`<script type="module" src=".../visio-elements.bundle.js">`), from src/bundle.ts,
//    and dist/chunks/: the elements a call's first frame does not need, which it loads on demand.
// Types come from `tsc -p tsconfig.build.json` and scripts/define-types.mjs (see "build").
import typescript from '@rollup/plugin-typescript';
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { minify } from 'terser';
import { defineEntries, defineInputs } from './scripts/elements.mjs';
import { EFFECTS_ASSETS } from './scripts/effects-assets.mjs';

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

/**
 * The folder of package `pkg` as `via` (another package that depends on it) or this project
 * resolves it. Found from its main file where its `exports` hide `package.json`.
 */
function packageRoot(pkg, via) {
  const require = createRequire(via ? createRequire(import.meta.url).resolve(`${via}/package.json`) : import.meta.url);
  try {
    return dirname(require.resolve(`${pkg}/package.json`));
  } catch {
    let dir = dirname(require.resolve(pkg));
    while (!existsSync(join(dir, 'package.json')) || JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name !== pkg) dir = dirname(dir);
    return dir;
  }
}

/** dist/effects/: the media-effect files listed in scripts/effects-assets.mjs, copied as they are. */
const effectsAssets = () => ({
  name: 'visio-effects-assets',
  generateBundle() {
    for (const { from, to, via, transform = (source) => source } of EFFECTS_ASSETS) {
      const [scope, name, ...rest] = from.split('/');
      const pkg = scope.startsWith('@') ? `${scope}/${name}` : scope;
      const inside = (scope.startsWith('@') ? rest : [name, ...rest]).join('/');
      this.emitFile({ type: 'asset', fileName: `effects/${to}`, source: transform(readFileSync(join(packageRoot(pkg, via), inside))) });
    }
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

// The ESM build leaves its dependencies to the application's bundler (the noise suppressor too).
const external = (id) => /^(lit|@lit\/|livekit-client|@livekit\/|@sapphi-red\/|react$)/.test(id);

export default [
  {
    // src/react/ is generated from custom-elements.json by `npm run analyze` (scripts/react-wrappers.mjs).
    input: { index: 'src/index.ts', 'react/index': 'src/react/index.ts', ...defineInputs() },
    external,
    plugins: [defineEntries(), ts(), e2eeWorker(), effectsAssets()],
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
    // One <script> for the host; what the first frame does not need is in dist/chunks/, loaded
    // on demand relative to the bundle (see src/bundle.ts and src/internal/lazy.ts).
    input: { 'visio-elements.bundle': 'src/bundle.ts' },
    // The chunks import what they share with the bundle from the bundle itself (no third file).
    preserveEntrySignatures: 'allow-extension',
    plugins: [resolve({ browser: true }), ts(), terser({ ecma: 2021, module: true })],
    output: {
      dir: 'dist',
      format: 'es',
      sourcemap: true,
      entryFileNames: '[name].js',
      // Languages (src/i18n/, when loaded on first use) in visio-elements.i18n/, elements in chunks/.
      chunkFileNames: (chunk) => (chunk.facadeModuleId?.includes('/src/i18n/') ? 'visio-elements.i18n/[name]-[hash].js' : 'chunks/[name]-[hash].js'),
    },
  },
];
