// The same-site proxies of La Suite Meet's API (demo/examples/meet-proxy/node and
// demo/examples/django/meet_proxy.py), each in front of our Meet test server
// (test/support/meet-server.mjs): a host signs in, creates a restricted room and lets in a guest
// who knocks, all through the proxy. Meet's cookies come back as the portal's own (no Domain),
// and the session cookie, the lobby cookie and the X-CSRFToken header reach Meet.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createMeetProxy } from '../../demo/examples/meet-proxy/node/meet-proxy.mjs';
import { venvPython } from '../../scripts/prepare.mjs';
import { createMeetServer } from '../support/meet-server.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const python = process.env.PYTHON ?? venvPython;
// The Meet test server signs tokens and tells LiveKit about new waiters (it shrugs off a LiveKit
// that is not there): the test server's LiveKit when `npm test` runs this, else made-up keys.
const livekit = process.env.VISIO_TEST_LIVEKIT_KEY
  ? { url: process.env.VISIO_TEST_LIVEKIT_URL, apiKey: process.env.VISIO_TEST_LIVEKIT_KEY, apiSecret: process.env.VISIO_TEST_LIVEKIT_SECRET }
  : { url: 'ws://127.0.0.1:9', apiKey: 'proxy-test', apiSecret: 'proxy-test-secret-of-at-least-32-characters' };

function listen(handler) {
  const server = createServer(handler);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${server.address().port}` })));
}

/** The JWT's claims (no check: the test only reads what Meet signed). */
const claims = (token) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));

/** A tiny cookie jar: what a browser on the portal's origin would keep and send back. */
function jar() {
  const cookies = new Map();
  return {
    take(response) {
      for (const line of response.headers.getSetCookie()) {
        assert.doesNotMatch(line, /domain=/i, `a cookie scoped to another host: ${line}`);
        const [pair] = line.split(';');
        const at = pair.indexOf('=');
        cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
      }
    },
    get: (name) => cookies.get(name),
    header: () => [...cookies].map(([name, value]) => `${name}=${value}`).join('; '),
  };
}

async function startDjangoProxy(meetUrl) {
  const { server } = await listen(() => undefined);
  const port = server.address().port;
  await new Promise((resolve) => server.close(resolve));
  const child = spawn(python, [join(root, 'demo/examples/django/meet_proxy.py'), 'runserver', `127.0.0.1:${port}`, '--noreload'], {
    env: { ...process.env, MEET_URL: meetUrl, PYTHONUNBUFFERED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  for (let tries = 0; ; tries++) {
    try {
      await fetch(`${url}/visio-api/users/me/`);
      break;
    } catch {
      // not listening yet
    }
    if (tries > 100 || child.exitCode !== null) throw new Error(`the Django proxy did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { url, close: () => child.kill(), output: () => output };
}

describe('same-site proxies of La Suite Meet’s API, in front of the Meet test server', () => {
  const trustedOrigins = [];
  let meet;
  let node;
  let django;

  before(async () => {
    const meetServer = createMeetServer(livekit, { trustedOrigins });
    meet = await listen((req, res) => {
      meetServer.handle(req, res).then((handled) => handled || res.writeHead(404).end());
    });
    const proxy = createMeetProxy({ meet: meet.url });
    node = await listen((req, res) => {
      proxy(req, res).then((handled) => handled || res.writeHead(404).end());
    });
    assert.ok(existsSync(python), `no Python at ${python}: run npm test once (it makes .cache/python), or set PYTHON`);
    django = await startDjangoProxy(meet.url);
    // Meet's CSRF_TRUSTED_ORIGINS lists the portals.
    trustedOrigins.push(node.url, django.url);
  });
  after(async () => {
    django?.close();
    await new Promise((resolve) => (node ? node.server.close(resolve) : resolve()));
    await new Promise((resolve) => (meet ? meet.server.close(resolve) : resolve()));
  });

  for (const which of ['Node', 'Django']) {
    test(`${which}: sign-in, room creation, knocking and admission pass through with cookies and the CSRF header`, async () => {
      const portal = which === 'Node' ? node.url : django.url;
      const api = `${portal}/visio-api/`;
      const host = jar();
      const guest = jar();
      const send = (who, path, { method = 'GET', body, csrf = true } = {}) =>
        fetch(`${api}${path}`, {
          method,
          headers: {
            Origin: portal,
            Cookie: who.header(),
            ...(body ? { 'Content-Type': 'application/json' } : {}),
            ...(csrf && who.get('csrftoken') ? { 'X-CSRFToken': who.get('csrftoken') } : {}),
          },
          body: body && JSON.stringify(body),
        }).then(async (response) => {
          who.take(response);
          return { status: response.status, json: await response.json() };
        });

      // Signed in through the portal: Meet's session cookie is now the portal's.
      assert.equal((await send(host, 'authenticate/?sub=owner-1&name=H%C3%A9l%C3%A8ne')).status, 200);
      assert.ok(host.get('meet_sessionid') && host.get('csrftoken'));
      assert.deepEqual((await send(host, 'users/me/')).json, { id: 'owner-1', full_name: 'Hélène' });

      // A session call without the CSRF header is refused by Meet; with it, it goes through.
      const name = `proxied ${which} ${Date.now()}`;
      const refused = await send(host, 'rooms/', { method: 'POST', body: { name, access_level: 'restricted' }, csrf: false });
      assert.equal(refused.status, 403);
      assert.match(refused.json.detail, /CSRF/);
      const created = await send(host, 'rooms/', { method: 'POST', body: { name, access_level: 'restricted' } });
      assert.equal(created.status, 201, JSON.stringify(created.json));
      const { slug, id } = created.json;
      assert.equal(claims(created.json.livekit.token).attributes.room_role, 'owner');

      // A guest knocks twice: the lobby cookie set through the proxy keeps them the same waiter.
      const first = await send(guest, `rooms/${slug}/request-entry/`, { method: 'POST', body: { username: 'Gaëlle' } });
      assert.equal(first.json.status, 'waiting');
      assert.equal(guest.get('lobbyParticipantId'), first.json.id);
      const second = await send(guest, `rooms/${slug}/request-entry/`, { method: 'POST', body: { username: 'Gaëlle' } });
      assert.equal(second.json.id, first.json.id);
      assert.equal((await send(guest, `rooms/${slug}/waiting-participants/`)).status, 401);
      const waiting = await send(host, `rooms/${slug}/waiting-participants/`);
      assert.deepEqual(
        waiting.json.participants.map((p) => [p.id, p.username]),
        [[first.json.id, 'Gaëlle']],
      );
      assert.equal((await send(host, `rooms/${id}/enter/`, { method: 'POST', body: { participant_id: first.json.id, allow_entry: true } })).status, 200);
      const accepted = await send(guest, `rooms/${slug}/request-entry/`, { method: 'POST', body: { username: 'Gaëlle' } });
      assert.equal(accepted.json.status, 'accepted');
      assert.equal(claims(accepted.json.livekit.token).sub, first.json.id);
      assert.equal(claims(accepted.json.livekit.token).video.room, id);
    });
  }
});
