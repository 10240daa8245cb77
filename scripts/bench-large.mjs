// `npm run bench -- --large`: a large room. 100 participants (bots: bare livekit-client Rooms in
// one page, 25 of them sending a small moving canvas as their camera, the others no media), then,
// at 1920×1080:
//  - our `<visio-call>` joining it: join() → connected, → every video tile of the first page
//    decoding; JS heap per participant (heap after joining minus before, over the participants);
//    the page's frame rate and long tasks over 5 s;
//  - a bare livekit-client page showing the same 25 videos in 25 <video> elements: connect() →
//    connected and → the 25 decoding (the reference for our join), frame rate and long tasks over
//    5 s (the reference for ours, target ≥ 0.9×).
// Figures only; nothing asserted.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { createTokenHandler, tokenRequestListener } from '../demo/token-endpoint.mjs';
import { chromiumArgs, chromiumPath } from './chromium.mjs';
import { ensureLivekitServer, startLivekitServer } from './livekit-server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PARTICIPANTS = 100;
const WITH_VIDEO = 25;

const tokenScript = `async function token(room, name) {
  const response = await fetch('/api/token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ room_name: room, participant_name: name }) });
  return response.json();
}`;

/** The bots: `count` Rooms, the first `video` of them sending a 160×120 canvas at 10 fps. */
const botsPage = (room, count, video) => `<!doctype html><html><body><script type="module">
import { Room, Track } from '/livekit.js';
${tokenScript}
window.ready = 0;
const join = async (i) => {
  const { server_url, participant_token } = await token('${room}', 'Bot ' + (i + 1));
  const room = new Room({ adaptiveStream: false, dynacast: true });
  await room.connect(server_url, participant_token, { autoSubscribe: false });
  if (i < ${video}) {
    const canvas = Object.assign(document.createElement('canvas'), { width: 160, height: 120 });
    const context = canvas.getContext('2d');
    let frame = 0;
    setInterval(() => { frame++; context.fillStyle = 'hsl(' + ((frame * 7 + i * 40) % 360) + ' 70% 50%)'; context.fillRect(0, 0, 160, 120); context.fillStyle = '#fff'; context.fillRect(frame % 160, 50, 20, 20); }, 100);
    await room.localParticipant.publishTrack(canvas.captureStream(10).getVideoTracks()[0], { source: Track.Source.Camera, simulcast: false });
  }
  window.ready++;
};
for (let i = 0; i < ${count}; i += 10) await Promise.all(Array.from({ length: Math.min(10, ${count} - i) }, (_, k) => join(i + k)));
</script></body></html>`;

const ourPage = (room) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<script type="module" src="/dist/visio-elements.bundle.js"></script>
<style>body { margin: 0 } visio-call { display: block; height: 100vh }</style></head>
<body><visio-call id="call" token-endpoint="/api/token" room="${room}" name="measured" video="off" audio="off"></visio-call></body></html>`;

/** The reference: a bare livekit-client page with a 5×5 grid of <video> for the cameras. */
const barePage = (room) => `<!doctype html><html><head><style>
body { margin: 0 } #grid { display: grid; grid-template-columns: repeat(5, 1fr); gap: 8px; height: 100vh; background: #111 }
video { width: 100%; height: 100%; object-fit: cover; background: #333; min-height: 0 }
</style></head><body><div id="grid"></div><script type="module">
import { Room, RoomEvent, Track } from '/livekit.js';
${tokenScript}
window.start = async () => {
  const { server_url, participant_token } = await token('${room}', 'bare');
  const room = new Room({ adaptiveStream: true, dynacast: true });
  room.on(RoomEvent.TrackSubscribed, (track) => {
    if (track.kind !== Track.Kind.Video) return;
    const video = track.attach();
    document.getElementById('grid').append(video);
  });
  const start = performance.now();
  await room.connect(server_url, participant_token);
  window.room = room;
  return performance.now() - start;
};
</script></body></html>`;

/** In a page: frame rate and the longest task over `ms`. */
async function frameRate(ms) {
  let longest = 0;
  let longTasks = 0;
  const observer = new PerformanceObserver((list) =>
    list.getEntries().forEach((entry) => {
      longest = Math.max(longest, entry.duration);
      longTasks++;
    }),
  );
  observer.observe({ type: 'longtask' });
  let frames = 0;
  const start = performance.now();
  let last = start;
  await new Promise((resolve) => {
    const count = (now) => {
      frames++;
      last = now;
      if (now - start < ms) requestAnimationFrame(count);
      else resolve();
    };
    requestAnimationFrame(count);
  });
  observer.disconnect();
  return { fps: (frames * 1000) / (last - start), longest, longTasks };
}

const decodingVideos = () => {
  const videos = [];
  const visit = (root) => {
    for (const element of root.querySelectorAll('*')) {
      if (element instanceof HTMLVideoElement) videos.push(element);
      if (element.shadowRoot) visit(element.shadowRoot);
    }
  };
  visit(document);
  return videos.filter((video) => video.getVideoPlaybackQuality().totalVideoFrames > 0).length;
};

export async function largeRoomBench({ port = 7899 } = {}) {
  await ensureLivekitServer();
  const livekit = await startLivekitServer({ port });
  const tokens = tokenRequestListener(createTokenHandler({ apiKey: livekit.apiKey, apiSecret: livekit.apiSecret, serverUrl: livekit.url }));
  const room = `bench-large-${Date.now().toString(36)}`;
  const js = (file) => readFileSync(join(root, file));
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    const send = (type, body) => res.writeHead(200, { 'content-type': type }).end(body);
    try {
      if (url.pathname === '/api/token') return await tokens(req, res);
      if (url.pathname === '/bots') return send('text/html', botsPage(room, PARTICIPANTS - 1, WITH_VIDEO));
      if (url.pathname === '/ours') return send('text/html', ourPage(room));
      if (url.pathname === '/bare') return send('text/html', barePage(room));
      if (url.pathname === '/livekit.js') return send('text/javascript', js('node_modules/livekit-client/dist/livekit-client.esm.mjs'));
      if (/^\/dist\/[\w/.-]+\.js$/.test(url.pathname) && !url.pathname.includes('..')) return send('text/javascript', js(url.pathname.slice(1)));
      res.writeHead(404).end();
    } catch {
      if (!res.headersSent) res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await puppeteer.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs, defaultViewport: { width: 1920, height: 1080 } });
  try {
    const bots = await browser.newPage();
    await bots.goto(`${base}/bots`);
    const t0 = Date.now();
    await bots.waitForFunction((n) => window.ready === n, { timeout: 300_000, polling: 500 }, PARTICIPANTS - 1);
    console.log(
      `\nLarge room: ${PARTICIPANTS - 1} bots joined in ${((Date.now() - t0) / 1000).toFixed(1)} s (${WITH_VIDEO} sending 160×120 video at 10 fps), 1920×1080`,
    );

    const ours = await browser.newPage();
    await ours.goto(`${base}/ours`);
    await ours.waitForFunction(() => customElements.get('visio-call'));
    const cdp = await ours.createCDPSession();
    await cdp.send('HeapProfiler.collectGarbage');
    const before = (await ours.metrics()).JSHeapUsedSize;
    const joined = await ours.evaluate(async () => {
      const call = document.getElementById('call');
      const start = performance.now();
      await call.join();
      const connected = performance.now() - start;
      return { connected };
    });
    await ours.waitForFunction((n) => document.getElementById('call').livekitRoom?.remoteParticipants.size === n, { timeout: 60_000 }, PARTICIPANTS - 1);
    const t1 = Date.now();
    await ours.waitForFunction(`(${decodingVideos})() >= ${WITH_VIDEO - 1}`, { timeout: 60_000, polling: 100 });
    const firstPageVideos = Date.now() - t1;
    await new Promise((resolve) => setTimeout(resolve, 3000));
    await cdp.send('HeapProfiler.collectGarbage');
    const after = (await ours.metrics()).JSHeapUsedSize;
    const oursRate = await ours.evaluate(frameRate, 5000);
    const shown = await ours.evaluate(decodingVideos);
    await ours.evaluate(() => document.getElementById('call').leave());
    await ours.close();

    const bare = await browser.newPage();
    await bare.goto(`${base}/bare`);
    const bareConnected = await bare.evaluate(() => window.start());
    const t2 = Date.now();
    await bare.waitForFunction(`(${decodingVideos})() >= ${WITH_VIDEO}`, { timeout: 60_000, polling: 100 });
    const bareVideos = Date.now() - t2;
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const bareRate = await bare.evaluate(frameRate, 5000);
    const bareShown = await bare.evaluate(decodingVideos);
    await bare.close();

    const taskText = (r) => (r.longTasks ? `${r.longTasks} long tasks, longest ${r.longest.toFixed(0)} ms` : 'no long task');
    console.log(
      `  ours: join() → connected ${joined.connected.toFixed(0)} ms; then everyone listed → ${shown} videos decoding on page one in ${firstPageVideos} ms`,
    );
    console.log(
      `  ours: JS heap ${(before / 1048576).toFixed(1)} → ${(after / 1048576).toFixed(1)} MB, ${((after - before) / 1024 / (PARTICIPANTS - 1)).toFixed(1)} kB per participant`,
    );
    console.log(`  ours: ${oursRate.fps.toFixed(1)} fps over 5 s with ${shown} videos, ${taskText(oursRate)}`);
    console.log(`  bare livekit-client page: connect() → connected ${bareConnected.toFixed(0)} ms; then ${WITH_VIDEO} videos decoding in ${bareVideos} ms`);
    console.log(`  bare livekit-client page: ${bareRate.fps.toFixed(1)} fps with ${bareShown} videos, ${taskText(bareRate)}`);
    console.log(`  ratio ours / bare: ${(oursRate.fps / bareRate.fps).toFixed(2)} (target ≥ 0.90)`);
  } finally {
    await browser.close();
    server.close();
    await livekit.stop();
  }
}
