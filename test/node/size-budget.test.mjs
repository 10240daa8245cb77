// The size budget: what a page downloads, minified and gzipped, read from the built dist/. Each
// limit is a little above the size measured when it was set, so that growth is a decision (raise
// the limit in the same commit, saying why), not an accident. `npm run bench -- --sizes` prints
// the sizes of every entry.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fileSize, importSize, LIBRARIES } from '../../scripts/bundle-size.mjs';

const KiB = 1024;
const kB = (bytes) => `${(bytes / KiB).toFixed(1)} KiB`;

describe('size budget (minified, gzip)', () => {
  test('our own code for the main entry (every element; without Lit and livekit-client)', async () => {
    const size = await importSize('dist/index.js', LIBRARIES);
    // Measured 35.7 KiB, then 56.7 KiB with the backends (LiveKit, La Suite Meet), the lobby,
    // moderation, the recording notice, themes, the settings dialog, shortcuts and the "more" menu
    // (languages other than English and French load on demand and are not counted); then 60.8 KiB
    // with the pop-out window (its controller and content), "save data" and the receive quality
    // (core, settings, the camera button), the quality icon's words, and their English and French.
    assert.ok(size <= 61 * KiB, `visio-elements (main entry), our code: ${kB(size)}, over its 61 KiB budget`);
  });

  test('the self-contained bundle’s first load (with Lit and livekit-client; chunks load on demand)', () => {
    const size = fileSize('dist/visio-elements.bundle.js');
    // Measured 176.4 KiB, of which livekit-client is about 139 KiB; then 197.4 KiB with the same
    // additions as the main entry; then 201.5 KiB with the pop-out and the quality controls.
    assert.ok(size <= 202 * KiB, `visio-elements.bundle.js: ${kB(size)}, over its 202 KiB budget`);
  });
});
