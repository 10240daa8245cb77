#!/usr/bin/env node
// `npm run bench`: prints figures, asserts nothing.
//  - bundle size (gzip) for each way to import the package: the self-contained bundle, the main
//    entry, each define/<tag> file alone, the React wrappers; each with everything it pulls in,
//    without livekit-client, and our own code only (`--sizes` prints only these);
//  - join() called → first remote video frame decoded, median over ten joins, against the real
//    LiveKit server on 127.0.0.1, in Debian's Chromium with a fake camera;
//  - with 16 remote participants sending video (from another page), the grid's frame rate and
//    longest task, and the time to switch pages (`--grid` runs only this);
//  - our `<visio-call autojoin>` against LiveKit's React prefab, side by side (scripts/bench-prefab.mjs;
//    `--prefab` runs only this, after a build);
//  - a room of 100 (25 with video): join, memory per participant, frame rate against a bare
//    livekit-client page (scripts/bench-large.mjs; only with `--large`: it needs a few minutes);
//  - `--modules` (after a build): the bundle's first load by module, livekit-client's included, and
//    the least any build of ours could load first (livekit-client's Room + Lit, and our first-frame code).
//  - background blur on against off: CPU and the published camera's frame rate, and the size of
//    what blur and noise suppression load (scripts/bench-effects.mjs; only with `--effects`, after a build).
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { createTokenHandler, tokenRequestListener } from '../demo/token-endpoint.mjs';
import { chromiumArgs, chromiumPath } from './chromium.mjs';
import { largeRoomBench } from './bench-large.mjs';
import { prefabBench } from './bench-prefab.mjs';
import { effectsBench } from './bench-effects.mjs';
import { fileSize, firstFrameCodeSize, floorSize, importSize, LIBRARIES, LIVEKIT, moduleGroup, moduleSizes } from './bundle-size.mjs';
import { listElements } from './elements.mjs';
import { ensureLivekitServer, startLivekitServer } from './livekit-server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const JOINS = 10;
const kB = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;

async function sizes() {
  console.log('Building…');
  const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0) throw new Error('npm run build failed');
  const bundle = fileSize('dist/visio-elements.bundle.js');
  const scenarios = [
    ['visio-elements (main entry, every element)', 'dist/index.js'],
    ...listElements().map(({ tag }) => [`visio-elements/define/${tag}`, `dist/define/${tag}.js`]),
    ['visio-elements/react (every wrapper; React itself not counted)', 'dist/react/index.js'],
  ];
  console.log('\nBundle size (minified, gzip) by import');
  console.log(`  ${'import'.padEnd(66)} ${'all'.padStart(9)} ${'no livekit'.padStart(11)} ${'ours only'.padStart(10)}`);
  console.log(`  ${'self-contained bundle (visio-elements.bundle.js), first load'.padEnd(66)} ${kB(bundle).padStart(9)}`);
  for (const chunk of readdirSync(join(root, 'dist/chunks')).filter((name) => name.endsWith('.js'))) {
    console.log(`  ${`  chunks/${chunk} (on demand)`.padEnd(66)} ${kB(fileSize(`dist/chunks/${chunk}`)).padStart(9)}`);
  }
  const worker = fileSize('dist/e2ee-worker.js');
  console.log(`  ${'e2ee-worker.js (fetched only by a call with e2ee)'.padEnd(66)} ${kB(worker).padStart(9)}`);
  for (const [label, input] of scenarios) {
    const react = input.startsWith('dist/react') ? (id) => id === 'react' : () => false;
    const [all, withoutLivekit, ours] = await Promise.all([
      importSize(input, react),
      importSize(input, (id) => LIVEKIT(id) || react(id)),
      importSize(input, LIBRARIES),
    ]);
    console.log(`  ${label.padEnd(66)} ${kB(all).padStart(9)} ${kB(withoutLivekit).padStart(11)} ${kB(ours).padStart(10)}`);
  }
}

/**
 * `npm run bench -- --modules` (after a build): what the bundle's first load is made of, by module
 * (our folders, Lit, and livekit-client split by its own sources), minified and gzip.
 */
async function modules() {
  const rows = moduleSizes('dist/visio-elements.bundle.js', moduleGroup);
  const total = fileSize('dist/visio-elements.bundle.js');
  const library = (name) =>
    name.startsWith('livekit-client') ? 'livekit-client' : name.startsWith('src/') ? 'ours (src/)' : /^(lit|@lit\/)/.test(name) ? 'Lit' : 'other';
  const totals = new Map();
  for (const [name, , gzip] of rows) totals.set(library(name), (totals.get(library(name)) ?? 0) + gzip);
  console.log(`\nThe bundle's first load by module (minified, gzip of each part alone; the whole file: ${kB(total)})`);
  console.log(`  in all: ${[...totals].map(([name, gzip]) => `${name} ${kB(gzip)}`).join(', ')}`);
  const floor = await floorSize();
  console.log(`  livekit-client's Room + Lit alone, built the same way: ${kB(floor)}; the rest of the whole file: ${kB(total - floor)}`);
  console.log(`  our own code a first remote frame needs at the least (session, backend, grid, tile, audio, strings): ${kB(await firstFrameCodeSize())}`);
  for (const [name, minified, gzip] of rows) console.log(`  ${name.padEnd(60)} ${kB(minified).padStart(9)} ${kB(gzip).padStart(9)}`);
}

const page = (room, role) => `<!doctype html><html lang="en"><body style="margin:0">
<script type="module" src="/bundle.js"></script>
<visio-call id="call" token-endpoint="/api/token" room="${room}" name="${role}" ${role === 'measured' ? 'video="off" audio="off"' : 'autojoin'} style="height:480px;width:640px"></visio-call>
</body></html>`;

/** In the measured page: join, wait for the first decoded remote frame, leave. */
async function measureJoin() {
  const call = document.getElementById('call');
  const remoteVideo = () => {
    const tiles = call.shadowRoot?.querySelector('visio-grid')?.shadowRoot?.querySelectorAll('visio-tile') ?? [];
    for (const tile of tiles) {
      const video = tile.shadowRoot?.querySelector('video');
      if (!tile.local && video && video.getVideoPlaybackQuality().totalVideoFrames > 0) return video;
    }
    return undefined;
  };
  const start = performance.now();
  const joined = call.join();
  await new Promise((resolve, reject) => {
    const deadline = start + 20000;
    const poll = () => (remoteVideo() ? resolve() : performance.now() > deadline ? reject(new Error('no remote frame in 20 s')) : requestAnimationFrame(poll));
    poll();
  });
  const elapsed = performance.now() - start;
  await joined;
  await call.leave();
  return elapsed;
}

async function joinLatency() {
  await ensureLivekitServer();
  const livekit = await startLivekitServer({ port: 7895 });
  const tokens = tokenRequestListener(createTokenHandler({ apiKey: livekit.apiKey, apiSecret: livekit.apiSecret, serverUrl: livekit.url }));
  const bundle = readFileSync(join(root, 'dist/visio-elements.bundle.js'));
  const room = `bench-${Date.now().toString(36)}`;
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    if (url.pathname === '/bundle.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle);
    if (url.pathname === '/api/token') return tokens(req, res);
    const role = url.searchParams.get('role');
    if (role) return res.writeHead(200, { 'content-type': 'text/html' }).end(page(room, role));
    res.writeHead(404).end();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await puppeteer.launch({
    executablePath: chromiumPath,
    headless: true,
    args: chromiumArgs,
  });
  try {
    const peer = await browser.newPage();
    await peer.goto(`${base}/?role=peer`);
    await peer.waitForFunction(() => document.getElementById('call')?.status === 'connected', { timeout: 20000 });
    const measured = await browser.newPage();
    await measured.goto(`${base}/?role=measured`);
    await measured.waitForFunction(() => customElements.get('visio-call'));
    const times = [];
    for (let i = 0; i < JOINS; i++) times.push(await measured.evaluate(measureJoin));
    const sorted = [...times].sort((a, b) => a - b);
    const median = (sorted[JOINS / 2 - 1] + sorted[JOINS / 2]) / 2;
    console.log(`\njoin() → first remote video frame, ${JOINS} joins, local LiveKit server ${livekit.url}`);
    console.log(`  median ${median.toFixed(0)} ms   min ${sorted[0].toFixed(0)} ms   max ${sorted[JOINS - 1].toFixed(0)} ms`);
    console.log(`  each: ${times.map((t) => t.toFixed(0)).join(', ')} ms`);
  } finally {
    await browser.close();
    server.close();
    await livekit.stop();
  }
}

// layout
const GRID_PEERS = 16;

/** The peers' page: 16 livekit-client Rooms, each sending a small moving canvas as its camera. */
const peersPage = (room) => `<!doctype html><html><body><script type="module">
import { Room, Track } from '/livekit.js';
window.ready = 0;
for (let i = 0; i < ${GRID_PEERS}; i++) {
  const response = await fetch('/api/token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ room_name: '${room}', participant_name: 'Bot ' + (i + 1) }) });
  const { server_url, participant_token } = await response.json();
  const room = new Room();
  await room.connect(server_url, participant_token);
  const canvas = Object.assign(document.createElement('canvas'), { width: 160, height: 120 });
  const context = canvas.getContext('2d');
  let frame = 0;
  setInterval(() => { frame++; context.fillStyle = 'hsl(' + ((frame * 7 + i * 40) % 360) + ' 70% 50%)'; context.fillRect(0, 0, 160, 120); context.fillStyle = '#fff'; context.fillRect(frame % 160, 50, 20, 20); }, 100);
  await room.localParticipant.publishTrack(canvas.captureStream(10).getVideoTracks()[0], { source: Track.Source.Camera, simulcast: false });
  window.ready++;
}
</script></body></html>`;

/** In the measured page: frame rate and longest task over 5 s, then the time to switch pages. */
async function measureGrid() {
  const call = document.getElementById('call');
  const grid = call.shadowRoot.querySelector('visio-grid');
  const tiles = () => [...grid.shadowRoot.querySelectorAll('visio-tile')];
  const decoded = (tile) => {
    const video = tile.shadowRoot?.querySelector('video');
    return video ? Math.max(video.getVideoPlaybackQuality().totalVideoFrames, video.mozPaintedFrames ?? 0) : 0;
  };
  const allShowing = () => tiles().every((tile) => tile.local || decoded(tile) > 0);
  const until = (test, timeout = 30000) =>
    new Promise((resolve, reject) => {
      const deadline = performance.now() + timeout;
      const poll = () => (test() ? resolve() : performance.now() > deadline ? reject(new Error('timed out')) : requestAnimationFrame(poll));
      poll();
    });
  await until(allShowing);
  let longest = 0;
  const observer = new PerformanceObserver((list) => list.getEntries().forEach((entry) => (longest = Math.max(longest, entry.duration))));
  try {
    observer.observe({ type: 'longtask' });
  } catch {
    // No long-task entries in this browser: the figure stays 0.
  }
  let frames = 0;
  let last = performance.now();
  let maxGap = 0;
  const start = last;
  await new Promise((resolve) => {
    const count = (now) => {
      frames++;
      maxGap = Math.max(maxGap, now - last);
      last = now;
      if (now - start < 5000) requestAnimationFrame(count);
      else resolve();
    };
    requestAnimationFrame(count);
  });
  observer.disconnect();
  const fps = (frames * 1000) / (last - start);
  const switches = [];
  for (const which of ['next', 'previous']) {
    const before = tiles()
      .map((tile) => tile.participant.identity)
      .join();
    const t0 = performance.now();
    grid.shadowRoot.querySelector('button.' + which).click();
    await until(
      () =>
        tiles()
          .map((tile) => tile.participant.identity)
          .join() !== before && allShowing(),
    );
    switches.push(performance.now() - t0);
  }
  return { fps, longest, maxGap, switches, pages: grid.pageCount, shown: tiles().length };
}

async function gridBench() {
  await ensureLivekitServer();
  const livekit = await startLivekitServer({ port: 7896 });
  const tokens = tokenRequestListener(createTokenHandler({ apiKey: livekit.apiKey, apiSecret: livekit.apiSecret, serverUrl: livekit.url }));
  const bundle = readFileSync(join(root, 'dist/visio-elements.bundle.js'));
  const livekitClient = readFileSync(join(root, 'node_modules/livekit-client/dist/livekit-client.esm.mjs'));
  const room = `bench-grid-${Date.now().toString(36)}`;
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    if (url.pathname === '/bundle.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle);
    if (url.pathname === '/livekit.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(livekitClient);
    if (url.pathname === '/api/token') return tokens(req, res);
    if (url.searchParams.get('role') === 'peers') return res.writeHead(200, { 'content-type': 'text/html' }).end(peersPage(room));
    if (url.searchParams.get('role') === 'measured') return res.writeHead(200, { 'content-type': 'text/html' }).end(page(room, 'measured'));
    res.writeHead(404).end();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await puppeteer.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
  try {
    const peers = await browser.newPage();
    await peers.goto(`${base}/?role=peers`);
    await peers.waitForFunction((n) => window.ready === n, { timeout: 120000 }, GRID_PEERS);
    const measured = await browser.newPage();
    await measured.goto(`${base}/?role=measured`);
    await measured.waitForFunction(() => customElements.get('visio-call'));
    await measured.evaluate(() => document.getElementById('call').join());
    await measured.waitForFunction((n) => document.getElementById('call').livekitRoom?.remoteParticipants.size === n, { timeout: 60000 }, GRID_PEERS);
    const result = await measured.evaluate(measureGrid);
    console.log(`
<visio-grid> with ${GRID_PEERS} remote participants sending 160×120 video at 10 fps, 640×480 call (${result.pages} pages of ${result.shown})`);
    console.log(
      `  page frame rate ${result.fps.toFixed(1)} fps over 5 s; longest task ${result.longest ? `${result.longest.toFixed(0)} ms` : 'none of 50 ms or more'}; longest frame gap ${result.maxGap.toFixed(0)} ms`,
    );
    console.log(
      `  switch page → every tile of the new page showing video: next ${result.switches[0].toFixed(0)} ms, previous ${result.switches[1].toFixed(0)} ms`,
    );
  } finally {
    await browser.close();
    server.close();
    await livekit.stop();
  }
}

if (process.argv.includes('--grid')) {
  await gridBench();
} else if (process.argv.includes('--prefab')) {
  await prefabBench({
    against:
      process.argv
        .find((arg) => arg.startsWith('--against='))
        ?.slice(10)
        .split(',') ?? [],
    breakdown: process.argv.includes('--breakdown'),
    profile: process.argv.includes('--profile'),
    trials: Number(process.argv.find((arg) => arg.startsWith('--trials='))?.slice(9) ?? 7),
    tokenDelay: Number(process.argv.find((arg) => arg.startsWith('--token-delay='))?.slice(14) ?? 0),
    cpuSlowdown: Number(process.argv.find((arg) => arg.startsWith('--cpu-slowdown='))?.slice(15) ?? 1),
    peerWait: Number(process.argv.find((arg) => arg.startsWith('--peer-wait='))?.slice(12) ?? 0),
    keyframes: process.argv.includes('--keyframes'),
  });
} else if (process.argv.includes('--effects')) {
  await effectsBench();
} else if (process.argv.includes('--large')) {
  await largeRoomBench();
} else if (process.argv.includes('--modules')) {
  await modules();
} else {
  await sizes();
  // `npm run bench -- --sizes`: the sizes only.
  if (!process.argv.includes('--sizes')) {
    await prefabBench();
    await joinLatency();
    await gridBench();
  }
}
