#!/usr/bin/env node
// Builds the React example (demo/examples/react/app.jsx) into demo/examples/react/build/app.js (git-ignored) with esbuild,
// as an application's bundler would: React, react-dom and `visio-elements/react` resolved
// through this package's exports map (esbuild resolves a package's imports of its own name).
import { build } from 'esbuild';
import { join } from 'node:path';
import { root } from './elements.mjs';

await build({
  entryPoints: [join(root, 'demo/examples/react/app.jsx')],
  outfile: join(root, 'demo/examples/react/build/app.js'),
  absWorkingDir: root,
  bundle: true,
  format: 'esm',
  minify: true,
  sourcemap: true,
  jsx: 'automatic',
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
});
