// Strong noise suppression (RNNoise) is loaded only when turned on: read from the built dist/,
// its code is in a chunk of its own that the self-contained bundle imports on demand, the ESM
// build reaches it only through a dynamic import, and its WebAssembly and worklet are shipped in
// dist/effects/noise/ (never fetched from a CDN).
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { root } from '../../scripts/elements.mjs';

const dist = join(root, 'dist');
const read = (path) => readFileSync(join(dist, path), 'utf8');
/** What only the suppressor's code holds: the worklet node class and the package's processor name. */
const SUPPRESSOR = /RnnoiseWorkletNode|web-noise-suppressor\/rnnoise|rnnoise_simd\.wasm/;

describe('strong noise suppression in the build', () => {
  test('the bundle’s first load does not contain it; a chunk named after it does, imported on demand', () => {
    const bundle = read('visio-elements.bundle.js');
    assert.doesNotMatch(bundle, SUPPRESSOR);
    const chunks = readdirSync(join(dist, 'chunks')).filter((file) => /^noise-processor-[\w-]+\.js$/.test(file));
    assert.equal(chunks.length, 1, `one noise-processor chunk in dist/chunks/: ${chunks.join(', ')}`);
    assert.match(read(`chunks/${chunks[0]}`), SUPPRESSOR);
    // Reached from the first load only through a dynamic import().
    const importer = [bundle, ...readdirSync(join(dist, 'chunks')).map((file) => read(`chunks/${file}`))].find((code) => code.includes(chunks[0]));
    assert.ok(importer, `something imports ${chunks[0]}`);
    assert.match(importer, new RegExp(`import\\(\\s*["'\`][^"'\`]*${chunks[0].replace(/[.-]/g, '\\$&')}`));
  });

  test('the ESM build imports the processor module dynamically only', () => {
    const suppression = read('core/effects/noise-suppression.js');
    assert.match(suppression, /import\(\s*['"]\.\/noise-processor\.js['"]\s*\)/);
    assert.doesNotMatch(suppression, /^import[^(]*noise-processor/m);
    assert.match(read('core/effects/noise-processor.js'), /@sapphi-red\/web-noise-suppressor/);
    for (const file of ['index.js', 'elements/visio-call/visio-call.js', 'controllers/noise-suppression-controller.js']) {
      assert.doesNotMatch(read(file), /noise-processor|web-noise-suppressor/, file);
    }
  });

  test('its WebAssembly (with and without SIMD) and its AudioWorklet ship in dist/effects/noise/', () => {
    for (const file of ['rnnoise.wasm', 'rnnoise_simd.wasm', 'rnnoise/workletProcessor.js']) {
      const path = join(dist, 'effects/noise', file);
      assert.ok(existsSync(path) && statSync(path).size > 10_000, `dist/effects/noise/${file}`);
    }
    // Real WebAssembly, not a placeholder or an LFS pointer.
    assert.deepEqual([...readFileSync(join(dist, 'effects/noise/rnnoise.wasm')).subarray(0, 4)], [0, 0x61, 0x73, 0x6d]);
    assert.match(read('effects/noise/rnnoise/workletProcessor.js'), /registerProcessor\(/);
  });
});
