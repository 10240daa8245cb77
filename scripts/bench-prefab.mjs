// `npm run bench -- --prefab`: our embed against LiveKit's React prefab, side by side in one run.
//
// - The prefab: `LiveKitRoom` + `VideoConference` from @livekit/components-react (with
//   @livekit/components-styles), as LiveKit's documentation shows them, built here with esbuild
//   (minified, production React). The page fetches a token from the same endpoint, then renders.
// - Ours: `<visio-call autojoin>` with the self-contained bundle (dist/visio-elements.bundle.js,
//   and whatever it loads on demand from dist/ beside it).
// Both: the same LiveKit server (started here), the same Chromium with the same fake camera and
// microphone, a fresh room and a fresh browser context (cold cache) per trial, trials alternating,
// one remote peer (a bare livekit-client page) publishing its camera in that room, JavaScript
// served gzipped. Measured in each trial: navigation → first remote video frame decoded (and the
// own camera's first frame), JavaScript bytes (gzip, as transferred) received before that frame,
// and the JS heap after joining (after a garbage collection, 2 s after the first frame).
// `--against=<dir>[,<dir>…]`: also other builds of ours (dist/ folders, say from an earlier commit),
// in the same alternation, to measure one change (or several). `--breakdown`: also when each step before the first
// remote frame happened in each page (scripts received, element defined, token, WebSocket, join
// response, devices, PeerConnection, remote track), medians side by side. `--trials=<n>`: n
// alternating trials instead of 7. `--token-delay=<ms>`: the token endpoint answers that much later
// (as a portal's backend over a real network would), for every page. `--cpu-slowdown=<n>`: the
// measured pages' processor n times slower (DevTools' CPU throttling), as on a modest laptop.
// `--peer-wait=<ms>`: the peer publishes its camera that long before the navigation (by default the
// page navigates as soon as the publication is made: a peer that has just joined, whose keyframes
// come late while its connection ramps up). `--keyframes`: also, per trial, when the peer's camera
// layers got keyframe requests (PLI) and sent keyframes, beside the page's first remote frame, in
// ms after the publication. `--profile`: also a CPU profile of each page's main thread from
// navigation to the first remote frame, by source module (through the source maps of our files
// and of livekit-client), mean per trial.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import puppeteer from 'puppeteer-core';
import { createTokenHandler, tokenRequestListener } from '../demo/token-endpoint.mjs';
import { firstFrameCodeSize, floorSize, moduleGroup, sourceLocator } from './bundle-size.mjs';
import { chromiumArgs, chromiumPath } from './chromium.mjs';
import { ensureLivekitServer, startLivekitServer } from './livekit-server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const kB = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;
const ms = (value) => `${value.toFixed(0)} ms`;

/** The prefab page's script, as a developer writes it from LiveKit's documentation. */
const PREFAB_SOURCE = `
import { createElement as h } from 'react';
import { createRoot } from 'react-dom/client';
import { LiveKitRoom, VideoConference } from '@livekit/components-react';
import '@livekit/components-styles';
const room = new URLSearchParams(location.search).get('room');
const response = await fetch('/api/token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ room_name: room, participant_name: 'prefab' }) });
const { server_url, participant_token } = await response.json();
createRoot(document.getElementById('root')).render(
  h(LiveKitRoom, { serverUrl: server_url, token: participant_token, connect: true, video: true, audio: true, 'data-lk-theme': 'default', style: { height: '100vh' } }, h(VideoConference)),
);
`;

/** Minified production build of the prefab page: { 'prefab.js': Buffer, 'prefab.css': Buffer }. */
async function buildPrefab() {
  const result = await build({
    stdin: { contents: PREFAB_SOURCE, resolveDir: root, loader: 'js', sourcefile: 'prefab.js' },
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    define: { 'process.env.NODE_ENV': '"production"' },
    outdir: join(root, '.cache', 'bench-prefab'),
    entryNames: 'prefab',
    write: false,
    logLevel: 'error',
  });
  return Object.fromEntries(result.outputFiles.map((file) => [file.path.split('/').pop(), Buffer.from(file.contents)]));
}

const ourPage = (room, dist = '/dist') => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<script type="module" src="${dist}/visio-elements.bundle.js"></script>
<style>body { margin: 0 } visio-call { display: block; height: 100vh }</style></head>
<body><visio-call autojoin token-endpoint="/api/token" room="${room}" name="ours"></visio-call></body></html>`;

const prefabPage = () => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<link rel="stylesheet" href="/prefab/prefab.css"><script type="module" src="/prefab/prefab.js"></script>
<style>body { margin: 0 }</style></head><body><div id="root"></div></body></html>`;

/** The remote peer: a bare livekit-client page that joins a room and publishes its camera. */
const peerPage = () => `<!doctype html><html><body><script type="module">
import { Room, createLocalVideoTrack } from '/livekit.js';
let current;
window.joinRoom = async (name) => {
  await current?.disconnect();
  const response = await fetch('/api/token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ room_name: name, participant_name: 'peer' }) });
  const { server_url, participant_token } = await response.json();
  current = new Room();
  await current.connect(server_url, participant_token);
  const { track } = await current.localParticipant.publishTrack(await createLocalVideoTrack({ resolution: { width: 640, height: 360 } }));
  watchKeyframes(current, track.sender);
};
// For --keyframes: when the camera's simulcast layers got a keyframe request (PLI) and encoded a
// keyframe, in ms after the publication, for 4 s.
function watchKeyframes(room, sender) {
  const log = (window.__keyframes = { published: Date.now(), events: [] });
  const last = {};
  const poll = async () => {
    if (room !== current || Date.now() - log.published > 4000) return;
    (await sender.getStats()).forEach((report) => {
      if (report.type !== 'outbound-rtp') return;
      const before = (last[report.rid] ??= { pliCount: 0, keyFramesEncoded: 0 });
      const at = Date.now() - log.published;
      if (report.pliCount > before.pliCount) log.events.push(\`\${report.rid} PLI \${at}\`);
      if (report.keyFramesEncoded > before.keyFramesEncoded) log.events.push(\`\${report.rid} key \${at}\`);
      last[report.rid] = { pliCount: report.pliCount, keyFramesEncoded: report.keyFramesEncoded };
    });
    setTimeout(poll, 20);
  };
  poll();
}
window.ready = true;
</script></body></html>`;

/**
 * Runs in each measured page before its own scripts: notes every <video> given a stream (both
 * livekit-client builds attach with `srcObject`, shadow DOM or not), and the time of the first
 * decoded frame of a remote video (a track the page did not capture) and of the own camera.
 */
function instrument() {
  const videos = new Set();
  const descriptor = Object.getOwnPropertyDescriptor(HTMLMediaElement.prototype, 'srcObject');
  Object.defineProperty(HTMLMediaElement.prototype, 'srcObject', {
    ...descriptor,
    set(value) {
      if (this instanceof HTMLVideoElement) videos.add(this);
      if (this instanceof HTMLVideoElement && value?.getVideoTracks?.().some((track) => !captured.has(track.id)))
        window.__marks['remote video attached'] ??= performance.now();
      descriptor.set.call(this, value);
    },
  });
  // Tracks this page captured itself (its camera); any other video track came from the network.
  const captured = new Set();
  const getUserMedia = MediaDevices.prototype.getUserMedia;
  window.__frames = {};
  window.__videos = videos;
  // `--breakdown`: when each step before the first remote frame happened (the first time only).
  const marks = (window.__marks = {});
  // Long tasks (over 50 ms) on the main thread, to tell rendering and script costs from waiting.
  const tasks = (window.__longTasks = []);
  new PerformanceObserver((list) => list.getEntries().forEach((task) => tasks.push([task.startTime, task.duration]))).observe({
    type: 'longtask',
    buffered: true,
  });
  const mark = (name) => (marks[name] ??= performance.now());
  // Ours only: the call is connected (livekit-client's connect() resolved), before its tiles are drawn.
  window.addEventListener('visio-connected', () => mark('call connected (ours)'), { capture: true, once: true });
  const define = CustomElementRegistry.prototype.define;
  CustomElementRegistry.prototype.define = function (name, ...rest) {
    const result = define.call(this, name, ...rest);
    if (name === 'visio-call') mark('element defined');
    return result;
  };
  const fetch = window.fetch;
  window.fetch = async function (input, ...rest) {
    const token = String(input instanceof Request ? input.url : input).includes('/api/token');
    if (token) mark('token requested');
    const response = await fetch.call(this, input, ...rest);
    if (token) mark('token received');
    return response;
  };
  const NativeWebSocket = window.WebSocket;
  window.WebSocket = class extends NativeWebSocket {
    constructor(...args) {
      super(...args);
      mark('WebSocket created');
      this.addEventListener('open', () => mark('WebSocket open'), { once: true });
      this.addEventListener('message', () => mark('join response'), { once: true });
    }
  };
  const NativePeerConnection = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends NativePeerConnection {
    constructor(...args) {
      super(...args);
      mark('PeerConnection created');
      this.addEventListener('connectionstatechange', () => this.connectionState === 'connected' && mark('PeerConnection connected'));
      this.addEventListener('iceconnectionstatechange', () => {
        if (this.iceConnectionState === 'checking') mark('ICE checking');
        if (this.iceConnectionState === 'connected') mark('ICE connected');
      });
      this.addEventListener('icecandidate', () => mark('first local candidate'));
      this.addEventListener('track', (event) => event.track.kind === 'video' && mark('remote video track'));
    }
    // The first call of each, on any of the page's peer connections.
    setLocalDescription(...args) {
      mark('local description set');
      return super.setLocalDescription(...args);
    }
    setRemoteDescription(...args) {
      mark('remote description set');
      return super.setRemoteDescription(...args);
    }
    addIceCandidate(...args) {
      mark('first remote candidate');
      return super.addIceCandidate(...args);
    }
  };
  MediaDevices.prototype.getUserMedia = async function (...args) {
    mark('devices requested');
    const stream = await getUserMedia.apply(this, args);
    mark('devices opened');
    stream.getTracks().forEach((track) => captured.add(track.id));
    return stream;
  };
  const poll = () => {
    for (const video of videos) {
      if (video.getVideoPlaybackQuality().totalVideoFrames === 0) continue;
      const track = video.srcObject?.getVideoTracks?.()[0];
      if (!track) continue;
      const kind = captured.has(track.id) ? 'local' : 'remote';
      window.__frames[kind] ??= performance.now();
    }
    if (!window.__frames.remote || !window.__frames.local) requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
}

/** In the measured page, once the remote frame showed: JavaScript received before it, and in all. */
function scriptBytes() {
  const frame = window.__frames.remote;
  const scripts = performance.getEntriesByType('resource').filter((entry) => /\.m?js(\?|$)/.test(new URL(entry.name).pathname));
  const sum = (entries) => entries.reduce((total, entry) => total + entry.encodedBodySize, 0);
  const early = scripts.filter((entry) => entry.responseEnd <= frame);
  return {
    firstScript: Math.min(...early.map((entry) => entry.responseEnd)),
    scriptsReceived: Math.max(0, ...early.map((entry) => entry.responseEnd)),
    before: sum(early),
    files: early.length,
    names: early.map((entry) => `${new URL(entry.name).pathname.split('/').pop()} (${entry.responseEnd.toFixed(0)} ms)`),
    all: sum(scripts),
    allFiles: scripts.length,
  };
}

const stats = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return { median: sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2, min: sorted[0], max: sorted.at(-1) };
};

/**
 * @param {{ trials?: number, port?: number }} [options]
 * @returns {Promise<Record<'ours' | 'prefab', { frame: number[], local: number[], bytes: number[], heap: number[] }>>}
 */
export async function prefabBench({
  trials = 7,
  port = 7897,
  against = [],
  breakdown = false,
  profile = false,
  tokenDelay = 0,
  cpuSlowdown = 1,
  peerWait = 0,
  keyframes = false,
} = {}) {
  const prefab = await buildPrefab();
  await ensureLivekitServer();
  const livekit = await startLivekitServer({ port });
  const tokens = tokenRequestListener(createTokenHandler({ apiKey: livekit.apiKey, apiSecret: livekit.apiSecret, serverUrl: livekit.url }));
  const gzipped = new Map();
  const sendJs = (res, path, read) => {
    if (!gzipped.has(path)) gzipped.set(path, gzipSync(read()));
    res.writeHead(200, { 'content-type': 'text/javascript', 'content-encoding': 'gzip', 'cache-control': 'no-store' }).end(gzipped.get(path));
  };
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    const room = url.searchParams.get('room') ?? '';
    const html = (body) => res.writeHead(200, { 'content-type': 'text/html' }).end(body);
    try {
      if (url.pathname === '/api/token') {
        // `--token-delay`: a portal's token endpoint is a request to its backend, not a local answer.
        if (tokenDelay) await new Promise((resolve) => setTimeout(resolve, tokenDelay));
        return await tokens(req, res);
      }
      if (url.pathname === '/ours') return html(ourPage(room));
      const other = /^\/against-(\d+)$/.exec(url.pathname);
      if (other && against[other[1]]) return html(ourPage(room, `/against-dist-${other[1]}`));
      if (url.pathname === '/prefab') return html(prefabPage());
      if (url.pathname === '/blank') return html('');
      if (url.pathname === '/peer') return html(peerPage());
      if (url.pathname === '/livekit.js')
        return sendJs(res, url.pathname, () => readFileSync(join(root, 'node_modules/livekit-client/dist/livekit-client.esm.mjs')));
      if (url.pathname === '/prefab/prefab.js') return sendJs(res, url.pathname, () => prefab['prefab.js']);
      if (url.pathname === '/prefab/prefab.css') return res.writeHead(200, { 'content-type': 'text/css' }).end(prefab['prefab.css'] ?? '');
      const file = normalize(url.pathname);
      if (file.startsWith('/dist/') && file.endsWith('.js')) return sendJs(res, file, () => readFileSync(join(root, file)));
      const otherFile = /^\/against-dist-(\d+)\/(.+\.js)$/.exec(file);
      if (otherFile && against[otherFile[1]]) return sendJs(res, file, () => readFileSync(join(against[otherFile[1]], otherFile[2])));
      res.writeHead(404).end();
    } catch {
      if (!res.headersSent) res.writeHead(404).end();
    }
  });
  /** The local file a served path of ours comes from (for source maps), or undefined. */
  const serving = (path) => {
    const file = normalize(path);
    if (file.startsWith('/dist/')) return join(root, file);
    const other = /^\/against-dist-(\d+)\/(.+)$/.exec(file);
    return other && against[other[1]] ? join(against[other[1]], other[2]) : undefined;
  };
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await puppeteer.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs, defaultViewport: { width: 1280, height: 720 } });
  const kinds = ['prefab', 'ours', ...against.map((_, i) => `against-${i}`)];
  const results = Object.fromEntries(kinds.map((kind) => [kind, { frame: [], local: [], bytes: [], files: [], heap: [], marks: [], cpu: [] }]));
  try {
    const peer = await browser.newPage();
    await peer.goto(`${base}/peer`);
    await peer.waitForFunction(() => window.ready);
    const run = async (kind, index, record) => {
      const room = `bench-prefab-${Date.now().toString(36)}-${index}`;
      await peer.evaluate((name) => window.joinRoom(name), room);
      if (peerWait) await new Promise((resolve) => setTimeout(resolve, peerWait));
      const context = await browser.createBrowserContext();
      try {
        const page = await context.newPage();
        await page.evaluateOnNewDocument(instrument);
        // `--cpu-slowdown`: the measured page on a slower processor (DevTools' CPU throttling).
        if (cpuSlowdown > 1) await page.emulateCPUThrottling(cpuSlowdown);
        // `--profile`: sample the page's JavaScript from navigation (a blank page on the same origin
        // first, so that the measured page stays in the profiled process) to the first frame.
        let profiler;
        if (profile) {
          await page.goto(`${base}/blank`);
          profiler = await page.createCDPSession();
          await profiler.send('Profiler.enable');
          await profiler.send('Profiler.setSamplingInterval', { interval: 500 });
          await profiler.send('Profiler.start');
        }
        await page.goto(`${base}/${kind}?room=${room}`);
        if (process.env.BENCH_DEBUG) page.on('console', (message) => console.log(kind, message.text())).on('pageerror', (error) => console.log(kind, error));
        await page
          .waitForFunction(() => window.__frames.remote && window.__frames.local, { timeout: 30000, polling: 100 })
          .catch(async (error) => {
            console.error(
              kind,
              await page.evaluate(() =>
                JSON.stringify({
                  frames: window.__frames,
                  videos: [...window.__videos].map((video) => [
                    video.getVideoPlaybackQuality().totalVideoFrames,
                    video.srcObject?.getVideoTracks?.().map((track) => track.getSettings()),
                  ]),
                }),
              ),
            );
            throw error;
          });
        const cpu = profiler && (await profiler.send('Profiler.stop')).profile;
        const { remote, local } = await page.evaluate(() => window.__frames);
        if (keyframes) {
          const origin = await page.evaluate(() => performance.timeOrigin);
          await new Promise((resolve) => setTimeout(resolve, 1500));
          const { published, events } = await peer.evaluate(() => window.__keyframes);
          const after = (time) => Math.round(origin + time - published);
          console.log(`  ${kind}: navigation ${after(0)}, first remote frame ${after(remote)}; peer: ${events.join(', ')}`);
        }
        const marks = await page.evaluate(() => {
          const { remote } = window.__frames;
          const joined = window.__marks['join response'] ?? remote;
          const busy = (from, to) => window.__longTasks.filter(([start]) => start >= from && start < to).reduce((sum, [, duration]) => sum + duration, 0);
          return { ...window.__marks, 'long tasks before joining': busy(0, joined), 'long tasks joining → frame': busy(joined, remote) };
        });
        const bytes = await page.evaluate(scriptBytes);
        await new Promise((resolve) => setTimeout(resolve, 2000));
        const cdp = await page.createCDPSession();
        await cdp.send('HeapProfiler.collectGarbage');
        const { JSHeapUsedSize } = await page.metrics();
        if (record) {
          const into = results[kind];
          into.frame.push(remote);
          into.local.push(local);
          into.bytes.push(bytes.before);
          into.files.push(bytes.files);
          into.names = bytes.names;
          into.heap.push(JSHeapUsedSize);
          if (cpu) into.cpu.push(selfTimes(cpu, (file) => serving(file)));
          into.marks.push({
            'first script received': bytes.firstScript,
            'last script before frame': bytes.scriptsReceived,
            ...marks,
            'own camera frame': local,
            'first remote frame': remote,
          });
        }
      } finally {
        await context.close();
      }
    };
    // One unrecorded trial of each warms the server and the browser; then they alternate.
    for (const kind of kinds) await run(kind, `warm-${kind}`, false);
    for (let i = 0; i < trials; i++) {
      const order = kinds.map((_, k) => kinds[(i + k) % kinds.length]);
      for (const kind of order) await run(kind, `${kind}-${i}`, true);
    }
  } finally {
    await browser.close();
    server.close();
    await livekit.stop();
  }
  const least = { floor: await floorSize(), ours: await firstFrameCodeSize() };
  if (tokenDelay) console.log(`\nThe token endpoint answers ${tokenDelay} ms late (--token-delay), for every page.`);
  if (cpuSlowdown > 1) console.log(`\nThe measured pages run on a processor ${cpuSlowdown}× slower (--cpu-slowdown).`);
  if (peerWait) console.log(`\nThe peer published its camera ${peerWait} ms before each navigation (--peer-wait).`);
  printResults(results.ours, results.prefab, trials, 'Our <visio-call autojoin> (bundle)', least);
  against.forEach((dir, i) => printResults(results[`against-${i}`], results.prefab, trials, `The same from ${dir} (--against, "against-${i}")`, least));
  if (breakdown) printBreakdown(results, kinds);
  if (profile) printProfiles(results, kinds);
  return results;
}

function printResults(o, p, trials, title, least) {
  const row = (label, ours, prefab, format) => {
    const ratio = ours / prefab;
    console.log(`  ${label.padEnd(44)} ${format(ours).padStart(10)} ${format(prefab).padStart(10)} ${ratio.toFixed(2).padStart(7)}`);
  };
  const [of, pf] = [stats(o.frame), stats(p.frame)];
  const [ol, pl] = [stats(o.local), stats(p.local)];
  console.log(`\n${title} vs LiveKit's React prefab (LiveKitRoom + VideoConference), ${trials} alternating trials each`);
  console.log(`  ${''.padEnd(44)} ${'ours'.padStart(10)} ${'prefab'.padStart(10)} ${'ratio'.padStart(7)}`);
  row('navigation → first remote frame, median', of.median, pf.median, ms);
  row('  min', of.min, pf.min, ms);
  row('  max', of.max, pf.max, ms);
  row('navigation → own camera first frame, median', ol.median, pl.median, ms);
  // The issue's first measure: both videos decoding, the user's own and the peer's.
  const both = (r) => stats(r.frame.map((t, i) => Math.max(t, r.local[i]))).median;
  row('navigation → both videos decoding, median', both(o), both(p), ms);
  row('JavaScript before first remote frame (gzip)', stats(o.bytes).median, stats(p.bytes).median, kB);
  row("  livekit-client's Room + Lit alone", least.floor, stats(p.bytes).median, kB);
  row('  + the least of ours a first frame needs', least.floor + least.ours, stats(p.bytes).median, kB);
  row('  script files before first remote frame', stats(o.files).median, stats(p.files).median, String);
  row('JS heap after joining, median', stats(o.heap).median, stats(p.heap).median, (v) => `${(v / 1048576).toFixed(1)} MB`);
  console.log(`  each (ours):   ${o.frame.map((t) => t.toFixed(0)).join(', ')} ms`);
  console.log(`  each (prefab): ${p.frame.map((t) => t.toFixed(0)).join(', ')} ms`);
  // Trial i of each page ran back to back, under the same load of the machine: the median of those
  // ratios is steadier than the ratio of the medians on a busy machine.
  const pairs = stats(o.frame.map((t, i) => t / p.frame[i]));
  console.log(`  first remote frame, trial by trial: median ratio ${pairs.median.toFixed(2)} (min ${pairs.min.toFixed(2)}, max ${pairs.max.toFixed(2)})`);
  console.log(
    `  targets: first remote frame ≤ 0.80× (now ${(of.median / pf.median).toFixed(2)}), JavaScript ≤ 0.60× (now ${(stats(o.bytes).median / stats(p.bytes).median).toFixed(2)})`,
  );
}

/**
 * `--breakdown`: the median time (ms after navigation) of each step before the first remote frame,
 * per page, in the order they happen. Marks a page does not have (the prefab defines no custom
 * element) are left blank.
 */
function printBreakdown(results, kinds) {
  const names = [
    'first script received',
    'element defined',
    'devices requested',
    'token requested',
    'token received',
    'WebSocket created',
    'WebSocket open',
    'join response',
    'PeerConnection created',
    'devices opened',
    'own camera frame',
    'local description set',
    'first local candidate',
    'remote description set',
    'first remote candidate',
    'ICE checking',
    'ICE connected',
    'PeerConnection connected',
    'remote video track',
    'call connected (ours)',
    'remote video attached',
    'last script before frame',
    'first remote frame',
  ];
  const durations = ['long tasks before joining', 'long tasks joining → frame'];
  const median = (kind, name) => {
    const values = results[kind].marks.map((marks) => marks[name]).filter((value) => typeof value === 'number');
    return values.length ? stats(values).median : undefined;
  };
  console.log(`\nWhere the time goes before the first remote frame (median ms after navigation; Δ = since the step before)`);
  console.log(`  ${''.padEnd(28)} ${kinds.map((kind) => `${kind.padStart(8)} ${'Δ'.padStart(6)}`).join('  ')}`);
  const previous = Object.fromEntries(kinds.map((kind) => [kind, 0]));
  for (const name of names) {
    const cells = kinds.map((kind) => {
      const value = median(kind, name);
      if (value === undefined) return `${''.padStart(8)} ${''.padStart(6)}`;
      const delta = value - previous[kind];
      previous[kind] = value;
      return `${value.toFixed(0).padStart(8)} ${(delta >= 0 ? '+' : '') + delta.toFixed(0)}`.padEnd(15);
    });
    console.log(`  ${name.padEnd(28)} ${cells.join('  ')}`);
  }
  for (const kind of kinds) console.log(`  scripts before the first remote frame (${kind}, last trial): ${results[kind].names.join(', ')}`);
  console.log('  main thread, sum of long tasks (ms):');
  for (const name of durations) {
    console.log(`  ${name.padEnd(28)} ${kinds.map((kind) => `${(median(kind, name) ?? 0).toFixed(0).padStart(8)} ${''.padStart(6)}`).join('  ')}`);
  }
}

/**
 * A CPU profile's self time (ms) by source module: our files through their source maps (and
 * livekit-client's), the prefab's one file as a whole, and the browser's own work by name
 * ("(garbage collector)", "(program)": parsing, layout and style outside any script).
 */
function selfTimes(profile, localFile) {
  const locators = new Map();
  const rowOf = ({ url, lineNumber, columnNumber, functionName }) => {
    if (!url) return functionName.startsWith('(') ? functionName : `(${functionName || 'native'})`;
    const path = new URL(url).pathname;
    const file = localFile(path);
    if (!file) return path;
    if (!locators.has(file)) {
      try {
        locators.set(file, sourceLocator(file));
      } catch {
        locators.set(file, undefined);
      }
    }
    const locator = locators.get(file);
    return locator ? moduleGroup(locator.at(lineNumber, columnNumber)) : path;
  };
  const rows = new Map(profile.nodes.map((node) => [node.id, rowOf(node.callFrame)]));
  const times = {};
  profile.samples.forEach((id, i) => {
    const row = rows.get(id);
    if (row === '(idle)') return;
    times[row] = (times[row] ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000;
  });
  return times;
}

/** `--profile`: the main thread's busiest modules per page (mean ms per trial, navigation → first frame). */
function printProfiles(results, kinds) {
  for (const kind of kinds) {
    const trials = results[kind].cpu;
    const sums = {};
    for (const times of trials) for (const [row, ms] of Object.entries(times)) sums[row] = (sums[row] ?? 0) + ms / trials.length;
    const total = Object.values(sums).reduce((a, b) => a + b, 0);
    console.log(`\nMain thread, navigation → first remote frame (+ up to 0.1 s): ${kind}, ${total.toFixed(0)} ms busy (mean of ${trials.length} trials)`);
    for (const [row, ms] of Object.entries(sums)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 25))
      console.log(`  ${row.padEnd(60)} ${ms.toFixed(1).padStart(7)} ms`);
  }
}
