// The framework examples in demo/examples/ (plain HTML with only the bundle, React built with
// esbuild, Vue's browser build, a Django page with its own token view) each load in Chromium,
// join the real LiveKit server from their join button, and show the video of a peer (a second
// tab on the plain example) in the same room.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { TokenVerifier } from 'livekit-server-sdk';
import puppeteer from 'puppeteer-core';
import { startDemoServer } from '../../demo/server.mjs';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';
import { testServerFromEnv } from '../../scripts/livekit-server.mjs';
import { clickJoin, waitForRemoteFrames } from '../support/demo-pages.mjs';
import { venvPython } from '../../scripts/prepare.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const livekit = testServerFromEnv();
// The project's own virtual environment, which `npm test` fills from requirements.txt (scripts/prepare.mjs).
const python = process.env.PYTHON ?? venvPython;
if (!existsSync(python)) throw new Error(`No Python for the Django example at ${python}: run \`npm test\`, which creates .cache/python, or set PYTHON`);

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

/** The Django example under `runserver`, with the test server's LiveKit keys. */
async function startDjango() {
  const port = await freePort();
  const child = spawn(python, [join(root, 'demo/examples/django/visio_example.py'), 'runserver', `127.0.0.1:${port}`, '--noreload'], {
    env: { ...process.env, LIVEKIT_URL: livekit.url, LIVEKIT_API_KEY: livekit.apiKey, LIVEKIT_API_SECRET: livekit.apiSecret, PYTHONUNBUFFERED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  for (let tries = 0; ; tries++) {
    try {
      if ((await fetch(`${url}/call/ping/`)).ok) break;
    } catch {
      // not listening yet
    }
    if (tries > 100 || child.exitCode !== null) throw new Error(`the Django example did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { url, close: () => child.kill(), output: () => output };
}

describe('the examples, each joining a real call', () => {
  let demo;
  let django;
  let browser;
  const errors = [];

  before(async () => {
    if (!process.env.VISIO_BUILT) {
      const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, encoding: 'utf8' });
      assert.equal(build.status, 0, `npm run build failed:\n${build.stderr}`);
    }
    demo = await startDemoServer({ port: 0, livekit });
    django = await startDjango();
    browser = await puppeteer.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
  });
  after(async () => {
    await browser?.close();
    django?.close();
    await demo?.close();
  });

  async function open(url) {
    const page = await browser.newPage();
    page.on('pageerror', (error) => errors.push(`${url}: ${error.message}`));
    await page.goto(url);
    await page.waitForFunction(() => customElements.get('visio-call') && document.querySelector('visio-call')?.shadowRoot);
    return page;
  }

  /** A peer: the plain example in another tab, joined to `room`, with its fake camera on. */
  async function peerIn(room) {
    const page = await open(`${demo.url}examples/plain.html`);
    await page.evaluate((r) => {
      const call = document.querySelector('visio-call');
      call.room = r;
      call.name = 'Dominique Peer';
    }, room);
    await clickJoin(page);
    return page;
  }

  /** Opens an example, puts it in a new room, joins from its button, and sees a peer's video. */
  async function joinsAndSeesPeer(url, { setRoom = true, room = `example-${Date.now().toString(36)}` } = {}) {
    const page = await open(url);
    if (setRoom) await page.evaluate((r) => (document.querySelector('visio-call').room = r), room);
    await clickJoin(page);
    const peer = await peerIn(room);
    await waitForRemoteFrames(page, 'Dominique Peer');
    await peer.close();
    return page;
  }

  test('plain HTML, only the bundle: joins, sees the peer, and the leave confirmation can keep the call', async () => {
    const page = await joinsAndSeesPeer(`${demo.url}examples/plain.html`);
    // The example asks before leaving; answering "cancel" keeps the call.
    page.once('dialog', (dialog) => dialog.dismiss());
    const leave = await page.waitForSelector('visio-call >>> visio-leave >>> button');
    await leave.click();
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(await page.evaluate(() => document.querySelector('visio-call').status), 'connected');
    page.once('dialog', (dialog) => dialog.accept());
    await leave.click();
    await page.waitForFunction(() => document.querySelector('visio-call').status === 'left');
    await page.close();
  });

  test('React (built with esbuild from visio-elements/react): joins, sees the peer, events reach React state', async () => {
    const page = await joinsAndSeesPeer(`${demo.url}examples/react/`);
    await page.waitForFunction(() => document.querySelector('#root p')?.textContent === 'Statut : connected');
    await page.close();
  });

  test('Vue (ESM browser build, isCustomElement): joins, sees the peer, events reach Vue state', async () => {
    const page = await joinsAndSeesPeer(`${demo.url}examples/vue/`);
    await page.waitForFunction(() => document.querySelector('#app p')?.textContent === 'Statut : connected');
    await page.close();
  });

  test('Django page with its own token view (CSRF header, static bundle): joins and sees the peer', async () => {
    const room = `django-${Date.now().toString(36)}`;
    const page = await joinsAndSeesPeer(`${django.url}/call/${room}/?name=Camille`, { setRoom: false, room });
    assert.equal(await page.evaluate(() => document.querySelector('visio-call').state.participants[0].name), 'Camille');
    await page.close();
    assert.match(django.output(), /POST \/visio\/token HTTP\/1\.1" 200/);
  });

  test('the Django token view signs what the Node reference signs, and refuses the same requests', async () => {
    // Django's CSRF check: the cookie from the page, sent back in the X-CSRFToken header.
    const page = await fetch(`${django.url}/call/bureau-42/`);
    const csrf = /csrftoken=([^;]+)/.exec(page.headers.getSetCookie().join('\n'))?.[1];
    assert.ok(csrf, 'the page sets the CSRF cookie');
    const post = async (body, contentType = 'application/json') => {
      const response = await fetch(`${django.url}/visio/token`, {
        method: 'POST',
        headers: { 'Content-Type': contentType, 'X-CSRFToken': csrf, Cookie: `csrftoken=${csrf}` },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      return { status: response.status, body: await response.json() };
    };

    const signed = await post({
      room_name: 'bureau-42',
      participant_name: ' Camille\u202E\nMartin ',
      participant_identity: 'admin',
      participant_metadata: '{"role":"admin"}',
      participant_attributes: { 'lk.agent.state': 'speaking', role: 'moderator' },
    });
    assert.equal(signed.status, 200, JSON.stringify(signed.body));
    assert.deepEqual(Object.keys(signed.body).sort(), ['participant_token', 'server_url']);
    const claims = await new TokenVerifier(livekit.apiKey, livekit.apiSecret).verify(signed.body.participant_token);
    assert.equal(claims.name, 'Camille Martin');
    assert.match(claims.sub, /^guest-[0-9a-f]{12}$/);
    assert.equal(claims.video.room, 'bureau-42');
    assert.ok(!claims.metadata, `metadata signed: ${claims.metadata}`);
    assert.ok(!claims.attributes || Object.keys(claims.attributes).length === 0, `attributes signed: ${JSON.stringify(claims.attributes)}`);

    const refused = [
      [await post(JSON.stringify({ room_name: 'r' }), 'text/plain'), 415, 'unsupported_media_type'],
      [await post({ room_name: 'r', participant_metadata: 'x'.repeat(16 * 1024) }), 413, 'payload_too_large'],
      [await post({ room_name: 'bureau 42' }), 400, 'invalid_request'],
      [await post({ room_name: 'bureau\n' }), 400, 'invalid_request'],
      [await post({ room_name: 'r'.repeat(129) }), 400, 'invalid_request'],
      [await post({ room_name: 'r', participant_name: 'x'.repeat(129) }), 400, 'invalid_request'],
    ];
    for (const [answer, status, error] of refused) {
      assert.equal(answer.status, status, JSON.stringify(answer.body));
      assert.equal(answer.body.error, error);
      assert.equal(typeof answer.body.message, 'string');
    }
    assert.match(refused[2][0].body.message, /room_name must be 1 to 128 ASCII letters, digits, "-" or "_"/);
  });

  test('plain HTML with `e2ee`: the worker next to the bundle loads only then, and two encrypted tabs see each other', async () => {
    const workerLoads = (page) => page.evaluate(() => performance.getEntriesByType('resource').filter((e) => e.name.endsWith('/e2ee-worker.js')).length);
    const room = `e2ee-${Date.now().toString(36)}`;
    const tabs = [];
    for (const name of ['Camille Secret', 'Dominique Secret']) {
      const page = await open(`${demo.url}examples/plain.html`);
      assert.equal(await workerLoads(page), 0, 'no worker before encryption is asked for');
      await page.evaluate(
        (r, n) => {
          const call = document.querySelector('visio-call');
          Object.assign(call, { room: r, name: n, e2ee: { passphrase: 'a passphrase shared out of band' } });
        },
        room,
        name,
      );
      await clickJoin(page);
      assert.equal(await workerLoads(page), 1);
      assert.equal(await page.evaluate(() => document.querySelector('visio-call').livekitRoom.isE2EEEnabled), true);
      tabs.push(page);
    }
    await waitForRemoteFrames(tabs[0], 'Dominique Secret');
    await waitForRemoteFrames(tabs[1], 'Camille Secret');
    await Promise.all(tabs.map((page) => page.close()));
  });

  test('no page error in any example', () => {
    assert.deepEqual(errors, []);
  });
});
