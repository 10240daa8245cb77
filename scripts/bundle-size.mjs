// Sizes as a browser downloads them (minified, gzip), for `npm run bench` and the size budget
// test (test/node/size-budget.test.mjs). Both read the built dist/.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { rollup } from 'rollup';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** livekit-client, as an `external` test. */
export const LIVEKIT = (id) => id.startsWith('livekit-client');
/** The libraries (livekit-client, Lit, React): `external` for "our own code only". */
export const LIBRARIES = (id) => /^(livekit-client|lit|@lit\/|react$)/.test(id);

/**
 * Minified + gzip size of what importing `input` (a built file under dist/) brings at once, minus
 * `external`: what it imports dynamically (the languages besides English and French) is left out,
 * as a page only fetches it when used.
 */
export async function importSize(input, external = () => false) {
  const build = await rollup({ input: join(root, input), external, plugins: [resolve({ browser: true }), terser({ module: true })], onwarn: () => {} });
  const { output } = await build.generate({ format: 'es' });
  await build.close();
  const entry = output.find((chunk) => chunk.type === 'chunk' && chunk.isEntry);
  return gzipSync(entry.code).length;
}

/** Gzip size of a built file under dist/, as served. */
export const fileSize = (file) => gzipSync(readFileSync(join(root, file))).length;
