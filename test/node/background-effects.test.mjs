// Background blur and replacement in the build: nothing of segmentation in what a page loads
// first (the self-contained bundle, the ESM main entry's static imports), its code in a chunk of
// its own, and its files in dist/effects/segmentation/: MediaPipe's WebAssembly at the version
// @livekit/track-processors resolves, and the selfie segmentation model, all from npm packages.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { selfieSegmentationForTasks } from '../../scripts/segmentation-model.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dist = join(root, 'dist');
/** Strings only track-processors and MediaPipe's vision bundle contain. */
const SEGMENTATION = ['BackgroundProcessorWrapper', 'segmentForVideo', 'ImageSegmenter', 'vision_wasm_internal'];

before(() => {
  if (process.env.VISIO_BUILT) return;
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, encoding: 'utf8' });
  assert.equal(build.status, 0, `npm run build failed:\n${build.stderr}`);
});

/** Every file of dist/ the ESM module `file` imports statically, itself included (not `import()`). */
function staticGraph(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  const code = readFileSync(file, 'utf8');
  for (const [, specifier] of code.matchAll(/(?:^|[;\n}])\s*(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?['"]([^'"]+)['"]/g)) {
    if (specifier.startsWith('.')) staticGraph(resolve(dirname(file), specifier), seen);
    else seen.add(specifier);
  }
  return seen;
}

describe('background effects in the build', () => {
  test('the self-contained bundle has none of the segmentation code; one chunk has it', () => {
    const bundle = readFileSync(join(dist, 'visio-elements.bundle.js'), 'utf8');
    for (const marker of SEGMENTATION) assert.ok(!bundle.includes(marker), `visio-elements.bundle.js contains ${marker}`);
    const chunks = readdirSync(join(dist, 'chunks')).filter((file) => file.endsWith('.js'));
    const withIt = chunks.filter((file) => readFileSync(join(dist, 'chunks', file), 'utf8').includes('segmentForVideo'));
    assert.deepEqual(
      // chunks/<name>-<hash>.js, where the hash may itself hold a '-'
      withIt.map((file) => file.replace(/-[\w-]{8}\.js$/, '')),
      ['background-processor'],
    );
  });

  test('the ESM main entry imports track-processors only dynamically', () => {
    const graph = [...staticGraph(join(dist, 'index.js'))];
    assert.ok(
      graph.some((file) => file.endsWith('core/effects/background.js')),
      'the choice itself is part of the main entry',
    );
    assert.deepEqual(
      graph.filter((file) => file.includes('track-processors') || file.includes('tasks-vision') || file.endsWith('background-processor.js')),
      [],
    );
    const background = readFileSync(join(dist, 'core/effects/background.js'), 'utf8');
    assert.match(background, /import\(['"]\.\/background-processor\.js['"]\)/);
    assert.match(readFileSync(join(dist, 'core/effects/background-processor.js'), 'utf8'), /from ['"]@livekit\/track-processors['"]/);
  });

  test('dist/effects/segmentation/ has the WebAssembly track-processors resolves, and the selfie model', () => {
    const require = createRequire(createRequire(import.meta.url).resolve('@livekit/track-processors/package.json'));
    const visionDir = dirname(require.resolve('@mediapipe/tasks-vision'));
    const pinned = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('@livekit/track-processors/package.json'), 'utf8')).dependencies[
      '@mediapipe/tasks-vision'
    ];
    assert.equal(JSON.parse(readFileSync(join(visionDir, 'package.json'), 'utf8')).version, pinned);
    for (const file of ['vision_wasm_internal.js', 'vision_wasm_internal.wasm']) {
      assert.ok(
        readFileSync(join(dist, 'effects/segmentation', file)).equals(readFileSync(join(visionDir, 'wasm', file))),
        `${file} is tasks-vision ${pinned}'s`,
      );
    }
    // The package's model with the normalization metadata MediaPipe Tasks needs, nothing else changed.
    const model = readFileSync(join(dist, 'effects/segmentation/selfie_segmentation.tflite'));
    const original = readFileSync(join(dirname(require.resolve('@mediapipe/selfie_segmentation/package.json')), 'selfie_segmentation.tflite'));
    assert.ok(model.equals(selfieSegmentationForTasks(original)));
    assert.equal(model.toString('latin1', 4, 8), 'TFL3');
    assert.ok(model.includes(Buffer.from('TFLITE_METADATA')) && model.includes(Buffer.from('M001')));
    // The weights and graph are the package's, byte for byte, after the new front.
    assert.ok(model.subarray(model.length - (original.length - 8)).equals(original.subarray(8)));
    // Only what is used: no second WebAssembly build.
    assert.deepEqual(readdirSync(join(dist, 'effects/segmentation')).sort(), [
      'selfie_segmentation.tflite',
      'vision_wasm_internal.js',
      'vision_wasm_internal.wasm',
    ]);
    assert.ok(!existsSync(join(dist, 'effects/segmentation/vision_wasm_nosimd_internal.wasm')));
  });
});
