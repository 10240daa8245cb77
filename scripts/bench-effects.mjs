// `npm run bench -- --effects`: what the media effects cost, against the real LiveKit server.
//
// - Background blur: a `<visio-call>` (the self-contained bundle, skip-prejoin, camera on, no
//   microphone) publishes Chromium's fake camera with the background off, then blurred, in
//   alternating trials, each in a fresh browser context. After a warm-up, over a fixed window:
//   the page's CPU (Chrome DevTools Protocol `Performance.getMetrics`: ProcessTime, the renderer's
//   CPU time, and TaskDuration, its main thread's busy time, each per second of wall time) and the
//   published camera's frame rate (`outbound-rtp` framesEncoded over the window, and the encoder's
//   own framesPerSecond).
// - Sizes (gzip) of what each effect loads when turned on: blur's chunk(s) and
//   dist/effects/segmentation/*; noise suppression's dist/effects/noise/* and its chunk, or
//   "not built" on a branch without it.
// Prints figures; asserts nothing. Reads the built dist/ (run `npm run build` first).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import puppeteer from 'puppeteer-core';
import { createTokenHandler, tokenRequestListener } from '../demo/token-endpoint.mjs';
import { chromiumArgs, chromiumPath } from './chromium.mjs';
import { ensureLivekitServer, startLivekitServer } from './livekit-server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const kB = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;
const WARM_UP_MS = 6000;
const WINDOW_MS = 10000;

const TYPES = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.tflite': 'application/octet-stream', '.html': 'text/html' };

/** The measured page: the bundle, the background chosen before joining, then join. */
const page = (room, background) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<script type="module" src="/dist/visio-elements.bundle.js"></script>
<style>body { margin: 0 } visio-call { display: block; height: 100vh }</style></head>
<body><visio-call id="call" skip-prejoin audio="off" token-endpoint="/api/token" room="${room}" name="bench"></visio-call>
<script type="module">
await customElements.whenDefined('visio-call');
const call = document.getElementById('call');
call.addEventListener('visio-error', (event) => (window.benchError = event.detail.code));
call.setBackground({ type: '${background}' });
window.joined = await call.join();
</script></body></html>`;

/** In the page: the published camera's encoder figures now. */
async function outbound() {
  const call = document.getElementById('call');
  const track = call.livekitRoom?.localParticipant.getTrackPublication('camera')?.videoTrack;
  const report = await track?.sender?.getStats();
  let framesEncoded = 0;
  let fps = 0;
  report?.forEach((stat) => {
    if (stat.type === 'outbound-rtp' && stat.kind === 'video') {
      framesEncoded = Math.max(framesEncoded, stat.framesEncoded ?? 0);
      fps = Math.max(fps, stat.framesPerSecond ?? 0);
    }
  });
  return { framesEncoded, fps, effect: !!track?.getProcessor(), error: window.benchError };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** The files under `folder` of dist/, subfolders included, as paths relative to that folder. */
function filesIn(folder) {
  return readdirSync(join(dist, folder), { recursive: true }).filter((file) => statSync(join(dist, folder, file)).isFile());
}

/** Gzip size of every file in `folder` under dist/, subfolders included (0 files: undefined). */
function folderSize(folder) {
  if (!existsSync(join(dist, folder))) return undefined;
  const files = filesIn(folder);
  return files.length ? files.reduce((total, file) => total + gzipSync(readFileSync(join(dist, folder, file))).length, 0) : undefined;
}

/** Gzip size of the bundle's chunks whose file name matches `pattern`. */
function chunkSize(pattern) {
  const chunks = existsSync(join(dist, 'chunks')) ? readdirSync(join(dist, 'chunks')).filter((file) => file.endsWith('.js') && pattern.test(file)) : [];
  return { size: chunks.reduce((total, file) => total + gzipSync(readFileSync(join(dist, 'chunks', file))).length, 0), chunks };
}

export function printEffectSizes() {
  console.log('\nWhat each effect loads when turned on (gzip)');
  const blurChunk = chunkSize(/^background-processor-/);
  const segmentation = folderSize('effects/segmentation');
  console.log(`  background blur: chunk(s) ${blurChunk.chunks.join(', ') || 'none'} ${kB(blurChunk.size)}`);
  if (segmentation === undefined) console.log('    effects/segmentation/: not built');
  else {
    for (const file of filesIn('effects/segmentation')) {
      const raw = readFileSync(join(dist, 'effects/segmentation', file));
      console.log(`    effects/segmentation/${file}: ${kB(gzipSync(raw).length)} (${kB(raw.length)} raw)`);
    }
    console.log(`    total: ${kB(blurChunk.size + segmentation)}`);
  }
  // RNNoise: its chunk, the worklet and one of its two WebAssembly files (SIMD where the browser has it).
  const noiseChunk = chunkSize(/^noise-processor-/);
  if (folderSize('effects/noise') === undefined) console.log('  noise suppression: effects/noise/ not built');
  else {
    console.log(`  noise suppression: chunk(s) ${noiseChunk.chunks.join(', ') || 'none'} ${kB(noiseChunk.size)}`);
    const sizes = Object.fromEntries(filesIn('effects/noise').map((file) => [file, gzipSync(readFileSync(join(dist, 'effects/noise', file))).length]));
    for (const [file, size] of Object.entries(sizes)) console.log(`    effects/noise/${file}: ${kB(size)}`);
    const worklet = sizes['rnnoise/workletProcessor.js'] ?? 0;
    console.log(
      `    total with SIMD: ${kB(noiseChunk.size + worklet + (sizes['rnnoise_simd.wasm'] ?? 0))}, without: ${kB(noiseChunk.size + worklet + (sizes['rnnoise.wasm'] ?? 0))}`,
    );
  }
}

/** @param {{ trials?: number, port?: number }} [options] */
export async function effectsBench({ trials = 3, port = 7898 } = {}) {
  if (!existsSync(join(dist, 'visio-elements.bundle.js'))) throw new Error('dist/ is not built: run `npm run build` first');
  await ensureLivekitServer();
  const livekit = await startLivekitServer({ port });
  const tokens = tokenRequestListener(createTokenHandler({ apiKey: livekit.apiKey, apiSecret: livekit.apiSecret, serverUrl: livekit.url }));
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    try {
      if (url.pathname === '/api/token') return await tokens(req, res);
      if (url.pathname === '/page')
        return res.writeHead(200, { 'content-type': 'text/html' }).end(page(url.searchParams.get('room'), url.searchParams.get('bg')));
      const file = normalize(url.pathname);
      if (!file.startsWith('/dist/')) return res.writeHead(404).end();
      const type = TYPES[file.slice(file.lastIndexOf('.'))] ?? 'application/octet-stream';
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(readFileSync(join(root, file)));
    } catch {
      if (!res.headersSent) res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await puppeteer.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs, defaultViewport: { width: 1280, height: 720 } });
  const results = { none: [], blur: [] };
  try {
    for (let trial = 0; trial < trials; trial++) {
      for (const background of trial % 2 ? ['blur', 'none'] : ['none', 'blur']) {
        const context = await browser.createBrowserContext();
        try {
          const tab = await context.newPage();
          await tab.goto(`${base}/page?room=bench-effects-${Date.now().toString(36)}-${background}&bg=${background}`);
          await tab.waitForFunction(() => window.joined !== undefined, { timeout: 30000 });
          await new Promise((resolve) => setTimeout(resolve, WARM_UP_MS));
          const cdp = await tab.createCDPSession();
          await cdp.send('Performance.enable');
          const metrics = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map(({ name, value }) => [name, value]));
          const [m0, s0, t0] = [await metrics(), await tab.evaluate(outbound), Date.now()];
          await new Promise((resolve) => setTimeout(resolve, WINDOW_MS));
          const [m1, s1, t1] = [await metrics(), await tab.evaluate(outbound), Date.now()];
          const seconds = (t1 - t0) / 1000;
          if (background === 'blur' && !s1.effect) throw new Error(`blur did not start (${s1.error ?? 'no error reported'})`);
          results[background].push({
            cpu: (m1.ProcessTime - m0.ProcessTime) / seconds,
            main: (m1.TaskDuration - m0.TaskDuration) / seconds,
            fps: (s1.framesEncoded - s0.framesEncoded) / seconds,
            encoderFps: s1.fps,
          });
        } finally {
          await context.close();
        }
      }
    }
  } finally {
    await browser.close();
    server.close();
    await livekit.stop();
  }
  const row = (label, key, format) =>
    console.log(
      `  ${label.padEnd(52)} ${format(median(results.none.map((r) => r[key]))).padStart(10)} ${format(median(results.blur.map((r) => r[key]))).padStart(10)}`,
    );
  const percent = (value) => `${(value * 100).toFixed(0)} %`;
  console.log(`\nBackground blur: the published camera (640×360 fake camera), median of ${trials} trials, ${WINDOW_MS / 1000} s windows`);
  console.log(`  ${''.padEnd(52)} ${'off'.padStart(10)} ${'blur'.padStart(10)}`);
  row('renderer CPU (ProcessTime per second; 100 % = one core)', 'cpu', percent);
  row('main thread busy (TaskDuration per second)', 'main', percent);
  row('frames encoded per second (outbound-rtp)', 'fps', (v) => v.toFixed(1));
  row("encoder's framesPerSecond at the end", 'encoderFps', (v) => v.toFixed(1));
  printEffectSizes();
  return results;
}
