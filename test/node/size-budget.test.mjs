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
    // (languages other than English and French load on demand and are not counted); then 59.6 KiB
    // with the background choice (the radio group in the prejoin and the settings, the shared
    // choice and its controller, its strings; the segmentation itself loads on demand); then
    // 63.2 KiB with the pre-call check's controller and the Tchap backend's facade (the check and
    // Tchap's client load on demand), now counting the chunks the entry imports at once as well as
    // the entry itself (rollup splits modules shared with on-demand chunks out of the entry); then
    // 69.3 KiB with noise suppression's choice, the pop-out window (it must open within the user's
    // click) and the quality choices, and the staged first render (RNNoise, Tchap's keys and the
    // settings dialog load on demand); then 69.6 KiB with the guard on livekit-client's signalling
    // socket (Firefox) and the prejoin's join button kept in sight; then 70.0 KiB with autojoin's
    // control bar waiting for the first remote video (0.08 s off the first remote frame in the bench);
    // then 70.6 KiB with the own camera shown while it is being published (0.19 s sooner on screen)
    // and the ICE candidate pool (0.1 s off the first remote frame); then 71.0 KiB with a chunk that
    // cannot load shown as chunk-load-failed, and the prejoin and chat fixes for on-demand loading;
    // then 71.6 KiB with a language file that cannot load reported (by the outermost element, and
    // the host's strings for it kept over English) and Cancel while joining (back to the prejoin).
    assert.ok(size <= 72 * KiB, `visio-elements (main entry), our code: ${kB(size)}, over its 72 KiB budget`);
  });

  test('the self-contained bundle’s first load (with Lit and livekit-client; chunks load on demand)', () => {
    const size = fileSize('dist/visio-elements.bundle.js');
    // Measured 176.4 KiB, of which livekit-client is about 139 KiB; then 197.4 KiB with the same
    // additions as the main entry; then 194.2 KiB with the settings dialog in a chunk, and
    // 192.7 KiB with La Suite Meet's client in another (`npm run bench -- --modules` shows what
    // the rest is made of); then 197.3 KiB with the background choice in the call, the pre-call
    // check's controller and the Tchap facade (the prejoin's part, segmentation, the check and
    // Tchap's client are chunks); then 202.7 KiB with the noise suppression choice, the pop-out
    // window and the quality choices; then 202.9 KiB with the socket guard and the sticky join button;
    // then 203.5 KiB with the own camera shown while it is being published (190 ms sooner on screen);
    // then 204.2 KiB with an autojoin call's token request started as the bundle loads (about 20 ms);
    // then 204.5 KiB with a chunk that cannot load shown as chunk-load-failed (the call goes on
    // without the prejoin or the stage); then 205.0 KiB with the same additions as the main entry's
    // last.
    assert.ok(size <= 205.5 * KiB, `visio-elements.bundle.js: ${kB(size)}, over its 205.5 KiB budget`);
  });
});
