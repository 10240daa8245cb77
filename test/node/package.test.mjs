// What an embedder gets: the build (ESM with lit and livekit-client external, types, and one
// self-contained file), and the demo page using that file in two tabs, in one call on the real
// LiveKit server that `npm test` started.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { startDemoServer } from '../../demo/server.mjs';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';
import { listElements } from '../../scripts/elements.mjs';
import { testServerFromEnv } from '../../scripts/livekit-server.mjs';
import { clickJoin, waitForRemoteFrames } from '../support/demo-pages.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const bundlePath = join(root, pkg.exports['./bundle']);

/** Every file an exports entry can name: patterns (`./define/*`) expanded for each element. */
function exportTargets() {
  const targets = [];
  const visit = (subpath, value) => {
    if (typeof value === 'object') return Object.values(value).forEach((v) => visit(subpath, v));
    if (!subpath.includes('*')) return targets.push({ subpath, file: value });
    for (const { tag } of listElements()) targets.push({ subpath: subpath.replace('*', tag), file: value.replace('*', tag) });
  };
  for (const [subpath, value] of Object.entries(pkg.exports)) visit(subpath, value);
  return targets;
}

before(() => {
  // `npm test` builds once before every runner (scripts/test.mjs); run alone, this file builds.
  if (process.env.VISIO_BUILT) return;
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, encoding: 'utf8' });
  assert.equal(build.status, 0, `npm run build failed:\n${build.stderr}`);
});

describe('the build', () => {
  test('every file the exports map names exists, for every element', () => {
    const targets = exportTargets();
    for (const { subpath, file } of targets) assert.ok(existsSync(join(root, file)), `${subpath} → ${file}`);
    for (const { tag } of listElements()) {
      assert.ok(
        targets.some((t) => t.subpath === `./define/${tag}`),
        `./define/${tag}`,
      );
      assert.ok(
        targets.some((t) => t.subpath === `./react/${tag}`),
        `./react/${tag}`,
      );
    }
    assert.ok(existsSync(join(root, pkg.types)));
    assert.match(readFileSync(join(root, pkg.exports['.'].types), 'utf8'), /VisioCallElement/);
  });

  test('side effects are declared for the files that define elements, and only those', () => {
    const declared = pkg.sideEffects.map((pattern) => new RegExp(`^${pattern.replace(/[.]/g, '\\.').replace('*', '[^/]+')}$`));
    const hasSideEffects = (file) => declared.some((re) => re.test(file));
    for (const { file } of exportTargets()) {
      if (!file.endsWith('.js')) continue;
      const defines = /\.define\(|customElements\.define/.test(readFileSync(join(root, file), 'utf8'));
      assert.equal(hasSideEffects(file), defines || file === pkg.exports['./react'].import, file);
    }
    assert.ok(!hasSideEffects('./dist/core/call-session.js'));
  });

  test('each define file defines its element and imports only the define files of the elements it renders', () => {
    for (const { tag, className, uses } of listElements()) {
      const source = readFileSync(join(root, `dist/define/${tag}.js`), 'utf8');
      assert.match(source, new RegExp(`${className}\\.define\\("${tag}"\\)`), tag);
      const imported = [...source.matchAll(/import '\.\/(visio-[a-z-]+)\.js'/g)].map((m) => m[1]);
      assert.deepEqual(imported, uses, tag);
    }
    const call = listElements().find((e) => e.tag === 'visio-call');
    for (const rendered of ['visio-audio', 'visio-controls', 'visio-grid', 'visio-room']) assert.ok(call.uses.includes(rendered), rendered);
  });

  test('the version in capabilities is the package’s', () => {
    assert.match(readFileSync(join(root, 'dist/core/version.js'), 'utf8'), new RegExp(`VERSION = ['"]${pkg.version.replace(/\./g, '\\.')}['"]`));
  });

  test('the ESM build leaves lit and livekit-client to the embedder’s bundler', () => {
    const entry = readFileSync(join(root, pkg.exports['.'].import), 'utf8');
    const session = readFileSync(join(root, 'dist/core/call-session.js'), 'utf8');
    assert.match(session, /from ['"]livekit-client['"]/);
    assert.doesNotMatch(entry + session, /class Room\b|LitElement\s*=/);
  });

  test('the bundle is one <script>: no static import; on demand, only files beside it: its language files (which import nothing) and its element chunks, which together define every element', () => {
    const bundle = readFileSync(bundlePath, 'utf8');
    assert.doesNotMatch(bundle, /\bimport\s*[^(]*?from\s*["']|\bimport\s*["']/);
    const dynamic = [...bundle.matchAll(/\bimport\(([^)]*)\)/g)].map((m) => m[1]);
    const languages = dynamic.filter((specifier) => /^["']\.\/visio-elements\.i18n\//.test(specifier));
    assert.equal(languages.length, 23, 'one per language besides English and French');
    for (const specifier of languages) {
      const file = /^["']\.\/(visio-elements\.i18n\/[\w-]+\.js)["']$/.exec(specifier)?.[1];
      assert.ok(file, `relative to the bundle: ${specifier}`);
      assert.doesNotMatch(readFileSync(join(dirname(bundlePath), file), 'utf8'), /\bimport\b/, file);
    }
    const chunks = dynamic.filter((specifier) => !languages.includes(specifier));
    assert.ok(chunks.length > 0, 'the bundle loads element chunks on demand');
    const sources = [bundle];
    for (const specifier of chunks) {
      const name = /^["']\.\/chunks\/([\w-]+\.js)["']$/.exec(specifier)?.[1];
      assert.ok(name, `${specifier}: a chunk beside the bundle, named literally`);
      const chunk = readFileSync(join(dirname(bundlePath), 'chunks', name), 'utf8');
      // A chunk imports only the bundle (what it shares with it) and other chunks: no bare module name.
      for (const [, from] of chunk.matchAll(/\bfrom\s*["']([^"']+)["']|\bimport\s*\(?\s*["']([^"']+)["']/g)) {
        assert.match(from ?? '', /^(\.\.\/visio-elements\.bundle\.js|\.\/[\w-]+\.js)$/, `${name} imports ${from}`);
      }
      sources.push(chunk);
    }
    for (const { tag } of listElements()) {
      assert.ok(
        sources.some((source) => source.includes(`.define("${tag}")`)),
        `<${tag}> is defined by the bundle or a chunk`,
      );
    }
  });

  test('languages are not in the main entry or the bundle: each is a file of its own, loaded when used', () => {
    const germanJoin = 'Dem Anruf beitreten';
    const arabicJoin = 'الانضمام إلى المكالمة';
    const bundle = readFileSync(bundlePath, 'utf8');
    const chunks = readdirSync(join(dirname(bundlePath), 'visio-elements.i18n')).filter((file) => file.endsWith('.js'));
    assert.equal(chunks.length, 23);
    const german = chunks.filter((file) => readFileSync(join(dirname(bundlePath), 'visio-elements.i18n', file), 'utf8').includes(germanJoin));
    assert.deepEqual(
      german.map((file) => file.replace(/-.*/, '')),
      ['de'],
    );
    assert.ok(!bundle.includes(germanJoin) && !bundle.includes(arabicJoin));
    assert.ok(bundle.includes('Join the call') && bundle.includes('Rejoindre l’appel'), 'English and French stay in');
    // The ESM build: the translations module imports each other language dynamically only.
    const translations = readFileSync(join(root, 'dist/i18n/translations.js'), 'utf8');
    assert.match(translations, /import\(['"]\.\/de\.js['"]\)/);
    assert.doesNotMatch(translations, /from ['"]\.\/de\.js['"]/);
    assert.ok(readFileSync(join(root, 'dist/i18n/de.js'), 'utf8').includes(germanJoin));
    const entryGraph = ['index.js', 'i18n/translations.js', 'i18n/localize.js', 'i18n/en.js', 'i18n/fr.js']
      .map((file) => readFileSync(join(root, 'dist', file), 'utf8'))
      .join('');
    assert.ok(!entryGraph.includes(germanJoin));
  });

  test('the bundle does not carry livekit-client’s end-to-end encryption worker', () => {
    const worker = readFileSync(join(root, 'node_modules/livekit-client/dist/livekit-client.e2ee.worker.mjs'), 'utf8');
    // A method only the worker has (its frame transform), to be sure the marker is meaningful.
    assert.match(worker, /setupTransform/);
    assert.doesNotMatch(readFileSync(join(root, 'node_modules/livekit-client/dist/livekit-client.esm.mjs'), 'utf8'), /setupTransform/);
    assert.doesNotMatch(readFileSync(bundlePath, 'utf8'), /setupTransform/);
  });

  test('the bundle’s first load leaves out La Suite Meet’s client and the settings dialog: chunks beside it, loaded when used', () => {
    const bundle = readFileSync(bundlePath, 'utf8');
    const chunks = readdirSync(join(dirname(bundlePath), 'chunks'))
      .filter((file) => file.endsWith('.js'))
      .map((file) => readFileSync(join(dirname(bundlePath), 'chunks', file), 'utf8'));
    // Paths of Meet's REST API, and the settings' shortcut editor (each only in that module).
    for (const marker of ['waiting-participants/', 'mute-participant/', 'show-shortcuts']) {
      assert.ok(!bundle.includes(marker), `${marker} is not in the bundle`);
      assert.equal(chunks.filter((chunk) => chunk.includes(marker)).length, 1, `${marker} is in one chunk`);
    }
  });
});

describe('the demo page, in two tabs', () => {
  let livekit;
  let demo;
  let browser;
  before(async () => {
    livekit = testServerFromEnv();
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
      await clickJoin(page);
      tabs.push({ page, name });
    }
    // A tab decodes remote video while it is in front (adaptive stream pauses hidden videos).
    for (const [index, { page }] of tabs.entries()) {
      const other = tabs[1 - index].name;
      await waitForRemoteFrames(page, other);
      const tiles = await tilesOf(page);
      assert.equal(tiles.length, 2);
      assert.deepEqual(
        tiles.map((t) => t.local),
        [true, false],
      );
      assert.equal(tiles[1].name, other);
      const audio = await page.evaluate(
        () => document.querySelector('visio-call').shadowRoot.querySelector('visio-audio').shadowRoot.querySelectorAll('audio').length,
      );
      assert.equal(audio, 1, 'the other tab’s microphone is played');
    }
    assert.deepEqual(errors, []);
  });
});
