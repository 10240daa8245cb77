// The reference token endpoint (demo/token-endpoint.mjs) over real HTTP: what it signs, what it
// refuses to sign from the browser, the clear answers it gives to requests it cannot serve, and
// the demo server's refusal of any Host but its own.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { SignJWT } from 'jose';
import { AccessToken, TokenVerifier } from 'livekit-server-sdk';
import { startDemoServer } from '../../demo/server.mjs';
import { CHECK_RATE, CHECK_TTL_SECONDS, MAX_BODY_BYTES, TOKEN_TTL_SECONDS, createCallEndpoints, createTokenHandler } from '../../demo/token-endpoint.mjs';

const livekit = { url: 'ws://127.0.0.1:7890', apiKey: 'test-key', apiSecret: 'a-test-secret-that-is-long-enough-0123' };
const verifier = new TokenVerifier(livekit.apiKey, livekit.apiSecret);

let demo;
before(async () => {
  demo = await startDemoServer({ port: 0, livekit });
});
after(() => demo.close());

async function post(body, { contentType = 'application/json' } = {}) {
  const response = await fetch(new URL('/api/token', demo.url), {
    method: 'POST',
    headers: contentType ? { 'Content-Type': contentType } : {},
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

/** The claims of the token the demo server signs for `body`. */
async function claimsFor(body) {
  const answer = await post(body);
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return verifier.verify(answer.body.participant_token);
}

describe('token endpoint', () => {
  test('signs a token for the room, the name and the server, valid ten minutes', async () => {
    const { status, headers, body } = await post({ room_name: 'bureau-42', participant_name: 'Camille Martin' });
    assert.equal(status, 200);
    assert.equal(headers.get('cache-control'), 'no-store');
    assert.deepEqual(Object.keys(body).sort(), ['participant_token', 'server_url']);
    assert.equal(body.server_url, livekit.url);
    const claims = await verifier.verify(body.participant_token);
    assert.equal(claims.name, 'Camille Martin');
    assert.match(claims.sub, /^camille-martin-[0-9a-f]{12}$/);
    assert.equal(claims.exp - claims.nbf, TOKEN_TTL_SECONDS);
    assert.deepEqual(
      {
        room: claims.video.room,
        join: claims.video.roomJoin,
        publish: claims.video.canPublish,
        subscribe: claims.video.canSubscribe,
        data: claims.video.canPublishData,
      },
      { room: 'bureau-42', join: true, publish: true, subscribe: true, data: true },
    );
  });

  test('gives every request its own identity, whatever identity the browser asks for', async () => {
    const identities = new Set();
    for (let i = 0; i < 20; i++) {
      const { body } = await post({ room_name: 'r', participant_name: 'Same Name', participant_identity: 'admin' });
      identities.add((await verifier.verify(body.participant_token)).sub);
    }
    assert.equal(identities.size, 20);
    assert.ok(![...identities].includes('admin'));
  });

  test('never signs the metadata the browser sends, nor attributes it was not configured for (lk. keys included)', async () => {
    const claims = await claimsFor({
      room_name: 'r',
      participant_metadata: '{"role":"admin"}',
      participant_attributes: { 'lk.agent.state': 'speaking', 'lk.publish_on_behalf': 'victim', role: 'moderator' },
    });
    assert.match(claims.sub, /^guest-[0-9a-f]{12}$/);
    assert.ok(!claims.metadata, `metadata signed: ${claims.metadata}`);
    // Only the role the server chose (no LiveKit server answers here: nobody can be owner).
    assert.deepEqual(claims.attributes, { room_role: 'member' });
    assert.doesNotMatch(JSON.stringify(claims), /admin|speaking|victim|moderator/);
    assert.equal(claims.video.canUpdateOwnMetadata, false, 'a participant could write its own room_role');
  });

  test('signs only the allowlisted attributes, each at most 256 characters, and never allows an lk. key', async () => {
    const handle = createTokenHandler({ apiKey: livekit.apiKey, apiSecret: livekit.apiSecret, serverUrl: livekit.url, attributeKeys: ['team'] });
    const ask = (attributes) =>
      handle({ method: 'POST', contentType: 'application/json', body: JSON.stringify({ room_name: 'r', participant_attributes: attributes }) });

    const answer = await ask({ team: 'dinum', 'lk.agent.state': 'speaking', role: 'admin' });
    assert.equal(answer.status, 200);
    assert.deepEqual((await verifier.verify(answer.body.participant_token)).attributes, { team: 'dinum', room_role: 'member' });

    const long = await ask({ team: 'x'.repeat(257) });
    assert.equal(long.status, 400);
    assert.match(long.body.message, /participant_attributes\.team is longer than 256/);

    assert.throws(
      () => createTokenHandler({ apiKey: livekit.apiKey, apiSecret: livekit.apiSecret, serverUrl: livekit.url, attributeKeys: ['team', 'lk.agent.state'] }),
      /may not hold "lk\.agent\.state"/,
    );
  });

  test('strips control and bidirectional-override characters from the name', async () => {
    const claims = await claimsFor({ room_name: 'r', participant_name: '  Camille\u202E\n\u0007Martin\t ' });
    assert.equal(claims.name, 'Camille Martin');
    assert.match(claims.sub, /^camille-martin-[0-9a-f]{12}$/);
    const blank = await claimsFor({ room_name: 'r', participant_name: '\u0000\r\n\u2066' });
    assert.equal(blank.name, undefined);
    assert.match(blank.sub, /^guest-[0-9a-f]{12}$/);
  });

  test('signs for a room name of 128 characters of the pattern', async () => {
    const room = `A${'b_-9'.repeat(31)}xyz`;
    assert.equal(room.length, 128);
    assert.equal((await claimsFor({ room_name: room })).video.room, room);
  });

  const roomRule = /room_name must be 1 to 128 ASCII letters, digits, "-" or "_", starting with a letter or a digit/;
  const malformed = {
    'not JSON': ['room_name=x', /JSON/],
    'a JSON array': ['[1]', /object/],
    'no room_name': [{ participant_name: 'x' }, /room_name is required/],
    'a numeric room_name': [{ room_name: 42 }, /room_name must be a string/],
    'a blank room_name': [{ room_name: '   ' }, roomRule],
    'a room_name with a space': [{ room_name: 'bureau 42' }, roomRule],
    'a room_name with a path': [{ room_name: '../admin' }, roomRule],
    'a room_name with a wildcard': [{ room_name: '*' }, roomRule],
    'a room_name starting with "-"': [{ room_name: '-bureau' }, roomRule],
    'a room_name with an accent': [{ room_name: 'salle-é' }, roomRule],
    'a room_name ending with a newline': [{ room_name: 'bureau\n' }, roomRule],
    'a room_name of 129 characters': [{ room_name: 'r'.repeat(129) }, roomRule],
    'an overlong participant_name': [{ room_name: 'r', participant_name: 'x'.repeat(129) }, /participant_name is longer than 128/],
    'attributes that are not strings': [{ room_name: 'r', participant_attributes: { n: 1 } }, /participant_attributes/],
  };
  for (const [what, [body, message]] of Object.entries(malformed)) {
    test(`answers 400 with a reason for ${what}`, async () => {
      const answer = await post(body);
      assert.equal(answer.status, 400);
      assert.deepEqual(Object.keys(answer.body).sort(), ['error', 'message']);
      assert.equal(answer.body.error, 'invalid_request');
      assert.match(answer.body.message, message);
    });
  }

  test('answers 415 to a body that is not sent as application/json, and accepts a charset', async () => {
    const valid = JSON.stringify({ room_name: 'r' });
    const refusal = { error: 'unsupported_media_type', message: 'send the body as JSON, with Content-Type: application/json' };
    // null: fetch's own default for a string body, text/plain.
    for (const contentType of ['text/plain;charset=UTF-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonp', null]) {
      const answer = await post(valid, { contentType });
      assert.equal(answer.status, 415, String(contentType));
      assert.deepEqual(answer.body, refusal);
    }
    const { port } = new URL(demo.url);
    const none = await withHost(`127.0.0.1:${port}`, { method: 'POST', path: '/api/token', body: valid, contentType: null });
    assert.equal(none.status, 415, 'no Content-Type at all');
    assert.deepEqual(JSON.parse(none.text), refusal);
    assert.equal((await post(valid, { contentType: 'Application/JSON; charset=utf-8' })).status, 200);
  });

  test('answers 413 to a body over 16 KiB (over HTTP and in the handler alone), and 405 to a GET', async () => {
    const big = await post({ room_name: 'r', participant_metadata: 'x'.repeat(MAX_BODY_BYTES) });
    assert.equal(big.status, 413);
    assert.equal(big.body.error, 'payload_too_large');
    const handle = createTokenHandler({ apiKey: livekit.apiKey, apiSecret: livekit.apiSecret, serverUrl: livekit.url });
    // 16 KiB of characters that take two bytes each: the limit is in bytes.
    const answer = await handle({
      method: 'POST',
      contentType: 'application/json',
      body: JSON.stringify({ room_name: 'r', participant_name: 'é'.repeat(MAX_BODY_BYTES / 2) }),
    });
    assert.equal(answer.status, 413);
    const get = await fetch(new URL('/api/token', demo.url));
    assert.equal(get.status, 405);
  });
});

/**
 * A raw request to the demo server with the given Host header, or none when `host` is undefined
 * (fetch does not let one set it).
 */
function withHost(host, { method = 'GET', path = '/', body, contentType = body && 'application/json' } = {}) {
  const { port } = new URL(demo.url);
  const headers = { ...(host === undefined ? {} : { Host: host }), ...(contentType ? { 'Content-Type': contentType } : {}) };
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers, setHost: host !== undefined }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('check endpoint (the prejoin’s connection check)', () => {
  const check = (body, path = '/api/check') =>
    fetch(new URL(path, demo.url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }).then(async (response) => ({
      status: response.status,
      body: await response.json(),
    }));

  test('signs a hidden token that may not publish nor subscribe, for a throwaway room of its own, valid one minute', async () => {
    const first = await check({ room_name: 'bureau-42', participant_name: 'Camille Martin' });
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.equal(first.body.server_url, livekit.url);
    const claims = await verifier.verify(first.body.participant_token);
    assert.equal(claims.exp - claims.nbf, CHECK_TTL_SECONDS);
    assert.match(claims.video.room, /^check-[0-9a-f]{16}$/);
    assert.equal(claims.name, undefined);
    assert.deepEqual(
      {
        join: claims.video.roomJoin,
        hidden: claims.video.hidden,
        publish: claims.video.canPublish,
        data: claims.video.canPublishData,
        subscribe: claims.video.canSubscribe,
      },
      { join: true, hidden: true, publish: false, data: false, subscribe: false },
    );
    // Never the user's room, and another room for each check.
    const second = await verifier.verify((await check({ room_name: 'bureau-42' })).body.participant_token);
    assert.notEqual(second.video.room, claims.video.room);
  });

  test('refuses what is not a JSON object, and more than CHECK_RATE checks in ten seconds', async () => {
    assert.equal((await check([1])).status, 400);
    let now = 0;
    const { check: handler } = createCallEndpoints({ ...livekit, serverUrl: livekit.url, now: () => now });
    const ask = () => handler({ method: 'POST', contentType: 'application/json', body: '{}' });
    for (let i = 0; i < CHECK_RATE; i++) assert.equal((await ask()).status, 200);
    assert.equal((await ask()).status, 429);
    now += 10_001;
    assert.equal((await ask()).status, 200);
  });
});

describe('demo server', () => {
  test('serves the demo page and nothing outside dist/', async () => {
    const page = await fetch(demo.url);
    assert.equal(page.status, 200);
    assert.match(
      await page.text(),
      /<visio-call id="call" token-endpoint="\/api\/token" moderation-endpoint="\/api\/moderation" check-endpoint="\/api\/check">/,
    );
    for (const path of ['/dist/../package.json', '/dist/%2e%2e/package.json', '/dist/..%2fpackage.json', '/package.json']) {
      const response = await fetch(new URL(path, demo.url));
      assert.equal(response.status, 404, path);
    }
  });

  test('answers at 127.0.0.1:<port> and localhost:<port>', async () => {
    const { port } = new URL(demo.url);
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`]) {
      const page = await withHost(host);
      assert.equal(page.status, 200, host);
      assert.match(page.text, /<visio-call/, host);
      const token = await withHost(host, { method: 'POST', path: '/api/token', body: JSON.stringify({ room_name: 'r' }) });
      assert.equal(token.status, 200, host);
      assert.ok(JSON.parse(token.text).participant_token, host);
    }
  });

  test('refuses any other Host (DNS rebinding): no page, no token', async () => {
    const { port } = new URL(demo.url);
    for (const host of [
      `evil.example:${port}`,
      'evil.example',
      `127.0.0.1.evil.example:${port}`,
      `localhost:${Number(port) + 1}`,
      '127.0.0.1',
      `[::1]:${port}`,
    ]) {
      const token = await withHost(host, { method: 'POST', path: '/api/token', body: JSON.stringify({ room_name: 'r' }) });
      assert.equal(token.status, 421, host);
      assert.doesNotMatch(token.text, /participant_token/, host);
      assert.match(token.text, new RegExp(`answers only at http://127\\.0\\.0\\.1:${port}/ or http://localhost:${port}/`), host);
      assert.equal((await withHost(host)).status, 421, host);
    }
    // No Host at all: Node's HTTP server answers 400 itself (HTTP/1.1 requires the header).
    const none = await withHost(undefined, { method: 'POST', path: '/api/token', body: JSON.stringify({ room_name: 'r' }) });
    assert.equal(none.status, 400);
    assert.doesNotMatch(none.text, /participant_token/);
  });
});

describe('roles, lobby and moderation (reference server)', () => {
  // A real LiveKit server of its own, away from the test run's (7890), the demo's (7880) and
  // livekit-server.test.mjs's (7893): whoever opens an empty room owns it, LiveKit says who is there.
  let server;
  let clock;
  let endpoints;
  before(async () => {
    const { startLivekitServer } = await import('../../scripts/livekit-server.mjs');
    server = await startLivekitServer({ port: 7894 });
    clock = Date.now();
    endpoints = createCallEndpoints({
      apiKey: server.apiKey,
      apiSecret: server.apiSecret,
      serverUrl: server.url,
      lobby: (room) => room.startsWith('lobby-'),
      now: () => clock,
    });
  });
  after(() => server?.stop());

  const ask = (body, handler = endpoints.token) =>
    handler({ method: 'POST', contentType: 'application/json', body: typeof body === 'string' ? body : JSON.stringify(body) });
  const claims = (answer) => new TokenVerifier(server.apiKey, server.apiSecret).verify(answer.body.participant_token);
  const moderate = (action, body, authorization) =>
    endpoints.moderation({
      action,
      method: 'POST',
      contentType: 'application/json',
      authorization,
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  test('the first in an empty room is its owner, the next a member; neither may update its own attributes', async () => {
    const first = await claims(await ask({ room_name: 'roles-1', participant_name: 'Ana' }));
    const second = await claims(await ask({ room_name: 'roles-1', participant_name: 'Bob' }));
    assert.equal(first.attributes.room_role, 'owner');
    assert.equal(second.attributes.room_role, 'member');
    assert.equal(first.video.canUpdateOwnMetadata, false);
    assert.equal(second.video.canUpdateOwnMetadata, false);
  });

  test('a deployer’s role() decides, and no browser attribute may carry room_role or handRaisedAt', async () => {
    const handler = createCallEndpoints({
      apiKey: server.apiKey,
      apiSecret: server.apiSecret,
      serverUrl: server.url,
      attributeKeys: ['team'],
      role: ({ headers }) => (headers['x-portal-user'] === 'teacher' ? 'administrator' : undefined),
    }).token;
    const teacher = await handler({
      method: 'POST',
      contentType: 'application/json',
      headers: { 'x-portal-user': 'teacher' },
      body: JSON.stringify({ room_name: 'roles-2', participant_attributes: { room_role: 'owner', team: 'a' } }),
    });
    assert.deepEqual((await claims(teacher)).attributes, { team: 'a', room_role: 'administrator' });
    for (const key of ['room_role', 'handRaisedAt']) {
      assert.throws(() => createCallEndpoints({ apiKey: 'k', apiSecret: 's', serverUrl: 'ws://x', attributeKeys: [key] }), new RegExp(`may not hold "${key}"`));
    }
  });

  test('a member knocks at a room with a lobby, polls, and gets a member token once let in', async () => {
    const owner = await claims(await ask({ room_name: 'lobby-a', participant_name: 'Owner' }));
    assert.equal(owner.attributes.room_role, 'owner', 'the owner enters directly');
    const knock = await ask({ room_name: 'lobby-a', participant_name: 'Guest\u202E Name' });
    assert.equal(knock.status, 202);
    assert.equal(knock.body.status, 'waiting');
    assert.match(knock.body.waiting_id, /^[\w-]{20,64}$/);
    assert.deepEqual(
      endpoints.lobby.waiting('lobby-a').map((w) => w.name),
      ['Guest Name'],
    );
    const poll = () => ask({ room_name: 'lobby-a', waiting_id: knock.body.waiting_id });
    assert.equal((await poll()).status, 202);
    // Another room's id, or a made-up one, is not a place in this lobby.
    assert.equal((await ask({ room_name: 'lobby-b', waiting_id: knock.body.waiting_id })).status, 410);
    assert.equal((await ask({ room_name: 'lobby-a', waiting_id: 'made-up' })).status, 410);

    assert.equal(endpoints.lobby.decide('lobby-a', knock.body.waiting_id, true), true);
    const admitted = await poll();
    assert.equal(admitted.status, 200);
    const guest = await claims(admitted);
    assert.equal(guest.attributes.room_role, 'member');
    assert.equal(guest.name, 'Guest Name');
    assert.equal(guest.video.room, 'lobby-a');
    assert.deepEqual(endpoints.lobby.waiting('lobby-a'), []);
  });

  test('a denial is told for a few seconds; a waiter who stops polling is forgotten', async () => {
    await ask({ room_name: 'lobby-c' }); // the owner
    const denied = await ask({ room_name: 'lobby-c', participant_name: 'Denied' });
    const silent = await ask({ room_name: 'lobby-c', participant_name: 'Silent' });
    endpoints.lobby.decide('lobby-c', denied.body.waiting_id, false);
    const answer = await ask({ room_name: 'lobby-c', waiting_id: denied.body.waiting_id });
    assert.deepEqual([answer.status, answer.body.error], [403, 'entry_denied']);
    clock += 6_000;
    assert.deepEqual(endpoints.lobby.waiting('lobby-c'), [], 'the silent waiter is forgotten');
    assert.equal((await ask({ room_name: 'lobby-c', waiting_id: silent.body.waiting_id })).status, 410);
    assert.equal((await ask({ room_name: 'lobby-c', waiting_id: denied.body.waiting_id })).status, 410);
  });

  test('a flood of knocks is refused (429) and the lobby stays bounded', async () => {
    await ask({ room_name: 'lobby-flood' }); // the owner
    const statuses = [];
    for (let i = 0; i < 100; i++) statuses.push((await ask({ room_name: 'lobby-flood', participant_name: `Bot ${i}` })).status);
    const accepted = statuses.filter((s) => s === 202).length;
    assert.equal(accepted, endpoints.lobby.limits.knocksPerWindow);
    assert.equal(statuses.filter((s) => s === 429).length, 100 - accepted);
    // Later knocks (each waiter still polling) stop at the room's limit.
    const ids = endpoints.lobby.waiting('lobby-flood').map((w) => w.id);
    let full;
    for (let round = 0; round < 5 && !full; round++) {
      // Past the knock window, each waiter polling every 4 s (within the 5 s it is kept without one).
      for (let step = 0; step < 3; step++) {
        clock += 4_000;
        for (const id of ids) await ask({ room_name: 'lobby-flood', waiting_id: id });
      }
      for (let i = 0; i < 20; i++) {
        const knock = await ask({ room_name: 'lobby-flood', participant_name: `Late ${round}-${i}` });
        if (knock.status === 202) ids.push(knock.body.waiting_id);
        else if (knock.body.error === 'lobby_full') full = knock;
      }
    }
    assert.equal(full?.status, 429);
    assert.equal(endpoints.lobby.waiting('lobby-flood').length, endpoints.lobby.limits.perRoom);
  });

  test('the moderation endpoint refuses what is not a well-formed request from someone in the call', async () => {
    const valid = (await ask({ room_name: 'mod-1' })).body.participant_token;
    // Refused before anything else: method, type, size, unknown action.
    assert.equal((await endpoints.moderation({ action: 'hand', method: 'GET', body: '' })).status, 405);
    assert.equal((await endpoints.moderation({ action: 'hand', method: 'POST', contentType: 'text/plain', body: '{}' })).status, 415);
    assert.equal((await moderate('hand', 'x'.repeat(MAX_BODY_BYTES + 1), `Bearer ${valid}`)).status, 413);
    assert.equal((await moderate('__proto__', {}, `Bearer ${valid}`)).status, 404);
    assert.equal((await moderate('constructor', {}, `Bearer ${valid}`)).status, 404);
    // No token, a malformed one, one of another deployment, an expired one: 401.
    const other = new AccessToken('other', 'another-deployments-secret-of-32-chars', { identity: 'x' });
    other.addGrant({ roomJoin: true, room: 'mod-1' });
    // Signed with the right key, expired a minute ago (beyond the verifier's ten seconds of tolerance).
    const minuteAgo = Math.floor(Date.now() / 1000) - 60;
    const expiredJwt = await new SignJWT({ video: { roomJoin: true, room: 'mod-1' } })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(server.apiKey)
      .setSubject('x')
      .setNotBefore(minuteAgo - 600)
      .setExpirationTime(minuteAgo)
      .sign(new TextEncoder().encode(server.apiSecret));
    for (const authorization of [undefined, 'Bearer', `Bearer ${'a'.repeat(5000)}`, 'Bearer a.b.c', `Bearer ${await other.toJwt()}`, `Bearer ${expiredJwt}`]) {
      const answer = await moderate('hand', { raised: true }, authorization);
      assert.equal(answer.status, 401, String(authorization).slice(0, 40));
      assert.equal(answer.body.error, 'unauthorized');
    }
    // A valid token of someone not in the call: 403.
    const absent = await moderate('hand', { raised: true }, `Bearer ${valid}`);
    assert.deepEqual([absent.status, absent.body.error], [403, 'forbidden']);
  });
});
