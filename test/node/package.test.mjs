// What an embedder gets: the build (ESM with lit and livekit-client external, types, and one
// self-contained file), and the demo page using that file in two tabs, in one call on the real
// LiveKit server that `npm test` started.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { startDemoServer } from '../../demo/server.mjs';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';
import { DEV_KEYS } from '../../scripts/livekit-server.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const bundlePath = join(root, pkg.exports['./bundle']);

before(() => {
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, encoding: 'utf8' });
  assert.equal(build.status, 0, `npm run build failed:\n${build.stderr}`);
});

describe('the build', () => {
  test('every file the exports map names exists', () => {
    const { types, import: entry } = pkg.exports['.'];
    for (const file of [types, entry, pkg.exports['./bundle']]) assert.ok(existsSync(join(root, file)), file);
    assert.match(readFileSync(join(root, types), 'utf8'), /VisioCallElement/);
  });

  test('the ESM build leaves lit and livekit-client to the embedder’s bundler', () => {
    const entry = readFileSync(join(root, pkg.exports['.'].import), 'utf8');
    const session = readFileSync(join(root, 'dist/core/call-session.js'), 'utf8');
    assert.match(session, /from ['"]livekit-client['"]/);
    assert.doesNotMatch(entry + session, /class Room\b|LitElement\s*=/);
  });

  test('the bundle is one self-contained file: no import of any other module', () => {
    const bundle = readFileSync(bundlePath, 'utf8');
    assert.doesNotMatch(bundle, /\bimport\s*[^(]*?from\s*["']|\bimport\s*["']/);
  });
});

describe('the demo page, in two tabs', () => {
  let livekit;
  let demo;
  let browser;
  before(async () => {
    livekit = {
      url: process.env.VISIO_TEST_LIVEKIT_URL ?? 'ws://127.0.0.1:7890',
      apiKey: process.env.VISIO_TEST_LIVEKIT_KEY ?? DEV_KEYS.apiKey,
      apiSecret: process.env.VISIO_TEST_LIVEKIT_SECRET ?? DEV_KEYS.apiSecret,
    };
    demo = await startDemoServer({ port: 0, livekit });
    browser = await puppeteer.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
  });
  after(async () => {
    await browser?.close();
    await demo?.close();
  });

  /** Per tile of a tab's call: whether it is the local one, its name, and frames decoded. */
  const tilesOf = (page) =>
    page.evaluate(() => {
      const grid = document.querySelector('visio-call').shadowRoot.querySelector('visio-grid');
      return [...(grid?.shadowRoot?.querySelectorAll('visio-tile') ?? [])].map((tile) => ({
        local: tile.local,
        name: tile.shadowRoot.querySelector('[part="name"]')?.textContent,
        frames: tile.shadowRoot.querySelector('video')?.getVideoPlaybackQuality().totalVideoFrames ?? 0,
      }));
    });

  test('two people clicking "join" on the same URL see and hear each other', async () => {
    const room = `demo-${Date.now().toString(36)}`;
    const errors = [];
    const tabs = [];
    for (const name of ['Camille Martin', 'Jean Dupont']) {
      const page = await browser.newPage();
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${demo.url}?room=${room}&name=${encodeURIComponent(name)}&lang=fr`);
      const join = await page.waitForSelector('visio-call >>> [part="join-button"]');
      assert.equal(await join.evaluate((button) => button.textContent.trim()), 'Rejoindre l’appel');
      await join.click();
      await page.waitForFunction(() => document.querySelector('visio-call').status === 'connected', { timeout: 15_000 });
      tabs.push({ page, name });
    }
    // A tab decodes remote video while it is in front (adaptive stream pauses hidden videos).
    for (const [index, { page }] of tabs.entries()) {
      await page.bringToFront();
      const other = tabs[1 - index].name;
      await page.waitForFunction(
        (otherName) => {
          const grid = document.querySelector('visio-call').shadowRoot.querySelector('visio-grid');
          const tile = [...grid.shadowRoot.querySelectorAll('visio-tile')].find((t) => !t.local && t.participant?.name === otherName);
          return (tile?.shadowRoot.querySelector('video')?.getVideoPlaybackQuality().totalVideoFrames ?? 0) >= 10;
        },
        { timeout: 15_000 },
        other,
      );
      const tiles = await tilesOf(page);
      assert.equal(tiles.length, 2);
      assert.deepEqual(tiles.map((t) => t.local), [true, false]);
      assert.equal(tiles[1].name, other);
      const audio = await page.evaluate(() => document.querySelector('visio-call').shadowRoot.querySelector('visio-audio').shadowRoot.querySelectorAll('audio').length);
      assert.equal(audio, 1, 'the other tab’s microphone is played');
    }
    assert.deepEqual(errors, []);
  });
});
