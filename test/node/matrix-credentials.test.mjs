// Our Tchap / Element Call credentials service (demo/matrix-credentials.mjs) over real HTTP,
// against the real Dendrite and the real LiveKit server: a real OpenID token gets `{url, jwt}`
// that joins the call's LiveKit room (and only that room, under the identity matrix-js-sdk
// computes for the member); every refused request gets the reference's error shape.
//
// Through `npm test` it uses the Dendrite and the LiveKit server scripts/test.mjs started;
// `node --test test/node/matrix-credentials.test.mjs` alone starts its own.
import assert from 'node:assert/strict';
import { createServer, request } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { RoomServiceClient, TokenVerifier } from 'livekit-server-sdk';
import { computeRtcIdentityRaw } from 'matrix-js-sdk/lib/matrixrtc/membershipData/rtc.js';
import {
  LEGACY_SLOT,
  MAX_BODY_BYTES,
  TOKEN_TTL_SECONDS,
  createMatrixCredentials,
  livekitRoomFor,
  matrixCredentialsListener,
} from '../../demo/matrix-credentials.mjs';
import { startDemoServer } from '../../demo/server.mjs';
import { freePort, startDendrite, testMatrixFromEnv } from '../../scripts/dendrite.mjs';
import { startLivekitServer, testServerFromEnv } from '../../scripts/livekit-server.mjs';

const UNAUTHORIZED = { errcode: 'M_UNAUTHORIZED', error: 'The request could not be authorised.' };
const NOT_JSON = { errcode: 'M_NOT_JSON', error: 'Error reading request' };

/** Servers this file started itself (when not run through `npm test`), stopped at the end. */
const own = [];
let matrix;
let livekit;
let rooms;
let verifier;
/** Services under test, each on its own HTTP server: name → base URL of its endpoints. */
const services = {};
const httpServers = [];

async function serve(name, options) {
  const service = createMatrixCredentials({ apiKey: livekit.apiKey, apiSecret: livekit.apiSecret, livekitUrl: livekit.url, ...options });
  const listener = matrixCredentialsListener(service, { prefix: '/livekit/jwt' });
  const server = createServer(async (req, res) => {
    if (!(await listener(req, res))) res.writeHead(404).end();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  httpServers.push(server);
  services[name] = `http://127.0.0.1:${server.address().port}/livekit/jwt`;
}

before(async () => {
  matrix = testMatrixFromEnv();
  if (!matrix) {
    matrix = await startDendrite({ port: await freePort() });
    own.push(matrix);
  }
  if (process.env.VISIO_TEST_LIVEKIT_KEY) livekit = testServerFromEnv();
  else {
    livekit = await startLivekitServer({ port: await freePort() });
    own.push(livekit);
  }
  rooms = new RoomServiceClient(livekit.url.replace(/^ws/, 'http'), livekit.apiKey, livekit.apiSecret);
  verifier = new TokenVerifier(livekit.apiKey, livekit.apiSecret);
  const homeservers = { [matrix.serverName]: matrix.baseUrl };
  // This file asks more often than a client would: the rate limit is the 'limited' service's test.
  const rateLimit = { max: 10_000, windowMs: 10_000 };
  await serve('main', { homeservers, rateLimit });
  // A listed server name whose base URL answers for another server's users.
  await serve('impostor', { homeservers: { ...homeservers, 'impostor.test': matrix.baseUrl }, rateLimit });
  // Users of the homeserver may join calls, not open them.
  await serve('restricted', { homeservers, fullAccess: [], rateLimit });
  await serve('limited', { homeservers, rateLimit: { max: 3, windowMs: 60_000 } });
});

after(async () => {
  for (const server of httpServers) (server.closeAllConnections(), server.close());
  await Promise.all(own.map((server) => server.stop()));
});

/** A new Matrix user with an OpenID token of theirs. */
async function userWithOpenId(displayName = 'Camille') {
  const user = await matrix.registerUser(`u${Math.random().toString(36).slice(2, 10)}`, displayName);
  const response = await fetch(`${matrix.baseUrl}/_matrix/client/v3/user/${encodeURIComponent(user.userId)}/openid/request_token`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${user.accessToken}`, 'Content-Type': 'application/json' },
    body: '{}',
  });
  assert.equal(response.status, 200);
  return { ...user, openid: await response.json() };
}

const roomId = () => `!${Math.random().toString(36).slice(2, 14)}:${matrix.serverName}`;

/** A /get_token body for `user`, as Element Call and matrix-js-sdk send it. */
const getTokenBody = (user, room = roomId(), memberId = `member-${user.deviceId}`) => ({
  room_id: room,
  slot_id: 'm.call#ROOM',
  openid_token: { ...user.openid },
  member: { id: memberId, claimed_user_id: user.userId, claimed_device_id: user.deviceId },
});

async function post(path, body, { service = 'main', contentType = 'application/json', method = 'POST' } = {}) {
  const response = await fetch(`${services[service]}${path}`, {
    method,
    headers: contentType ? { 'Content-Type': contentType } : {},
    body: method === 'GET' ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

/**
 * Joins LiveKit with `jwt` the way a client starts (the signalling WebSocket), and resolves with
 * the identities LiveKit then lists in `room`, or the HTTP status it refused the join with.
 */
function joinAndList(url, jwt, room) {
  return new Promise((resolve, reject) => {
    const target = new URL(`${url.replace(/^ws/, 'http')}/rtc`);
    target.search = new URLSearchParams({ access_token: jwt, protocol: '15', sdk: 'js', version: '2.0.0', auto_subscribe: '1' }).toString();
    const req = request(target, {
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': Buffer.from('visio-elements-t').toString('base64'),
      },
    });
    req.on('upgrade', async (_res, socket) => {
      try {
        let identities = [];
        for (let i = 0; i < 50 && !identities.length; i++) {
          identities = (await rooms.listParticipants(room)).map((p) => p.identity);
          if (!identities.length) await new Promise((r) => setTimeout(r, 100));
        }
        resolve(identities);
      } catch (error) {
        reject(error);
      } finally {
        socket.destroy();
      }
    });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('POST /get_token', () => {
  test('a real OpenID token gets {url, jwt} that joins the call’s LiveKit room as the member matrix-js-sdk computes', async () => {
    const user = await userWithOpenId();
    const body = getTokenBody(user);
    const answer = await post('/get_token', body);
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.equal(answer.headers.get('access-control-allow-origin'), '*');
    assert.deepEqual(Object.keys(answer.body).sort(), ['jwt', 'url']);
    assert.equal(answer.body.url, livekit.url);

    const claims = await verifier.verify(answer.body.jwt);
    const identity = await computeRtcIdentityRaw(user.userId, user.deviceId, body.member.id);
    assert.equal(claims.sub, identity);
    const room = livekitRoomFor(body.room_id, body.slot_id);
    assert.match(room, /^[A-Za-z0-9+/]{43}$/);
    assert.doesNotMatch(room, /[!:]/, 'the Matrix room id is not handed to the SFU');
    assert.equal(claims.exp - claims.nbf, TOKEN_TTL_SECONDS);
    assert.deepEqual(claims.video, {
      room,
      roomJoin: true,
      roomCreate: false,
      canPublish: true,
      canSubscribe: true,
      canPublishData: true,
      canUpdateOwnMetadata: true,
    });

    // Full access: the room exists before anyone joins, and the token joins it.
    assert.ok((await rooms.listRooms([room])).some((r) => r.name === room));
    assert.deepEqual(await joinAndList(livekit.url, answer.body.jwt, room), [identity]);
  });

  test('two devices of one user, and two members of one device, are different participants of the same room', async () => {
    const user = await userWithOpenId();
    const room = roomId();
    const first = await post('/get_token', getTokenBody(user, room, 'a'));
    const second = await post('/get_token', getTokenBody(user, room, 'b'));
    const [a, b] = await Promise.all([verifier.verify(first.body.jwt), verifier.verify(second.body.jwt)]);
    assert.equal(a.video.room, b.video.room);
    assert.notEqual(a.sub, b.sub);
    const other = await post('/get_token', getTokenBody(user, roomId(), 'a'));
    assert.notEqual((await verifier.verify(other.body.jwt)).video.room, a.video.room);
  });

  test('a forged token, or a client access token in place of an OpenID token, gets 401 M_UNAUTHORIZED', async () => {
    const user = await userWithOpenId();
    const forged = await post('/get_token', getTokenBody({ ...user, openid: { ...user.openid, access_token: 'forged-token-0123456789' } }));
    assert.deepEqual({ status: forged.status, body: forged.body }, { status: 401, body: UNAUTHORIZED });
    const clientToken = await post('/get_token', getTokenBody({ ...user, openid: { ...user.openid, access_token: user.accessToken } }));
    assert.deepEqual({ status: clientToken.status, body: clientToken.body }, { status: 401, body: UNAUTHORIZED });
  });

  test('a member who claims to be another user gets 401 M_UNAUTHORIZED', async () => {
    const [mallory, victim] = await Promise.all([userWithOpenId('Mallory'), userWithOpenId('Victim')]);
    const body = getTokenBody(mallory);
    body.member.claimed_user_id = victim.userId;
    const answer = await post('/get_token', body);
    assert.deepEqual({ status: answer.status, body: answer.body }, { status: 401, body: UNAUTHORIZED });
  });

  test('a homeserver that is not listed gets 403 M_FORBIDDEN; a listed name cannot vouch for another server’s users', async () => {
    const user = await userWithOpenId();
    const elsewhere = await post('/get_token', getTokenBody({ ...user, openid: { ...user.openid, matrix_server_name: 'evil.example' } }));
    assert.equal(elsewhere.status, 403);
    assert.equal(elsewhere.body.errcode, 'M_FORBIDDEN');

    // impostor.test is listed, and its URL answers with a real user… of localhost:<port>.
    const impostor = { ...user, openid: { ...user.openid, matrix_server_name: 'impostor.test' } };
    const answer = await post('/get_token', getTokenBody(impostor), { service: 'impostor' });
    assert.deepEqual({ status: answer.status, body: answer.body }, { status: 401, body: UNAUTHORIZED });
  });

  test('an expired OpenID token gets 401 M_UNAUTHORIZED', async () => {
    // A homeserver whose OpenID tokens last one second.
    const shortLived = await startDendrite({ port: await freePort(), openidTokenLifetimeMs: 1000 });
    try {
      const service = createMatrixCredentials({
        apiKey: livekit.apiKey,
        apiSecret: livekit.apiSecret,
        livekitUrl: livekit.url,
        homeservers: { [shortLived.serverName]: shortLived.baseUrl },
      });
      const user = await shortLived.registerUser('expiring', 'Expiring');
      const response = await fetch(`${shortLived.baseUrl}/_matrix/client/v3/user/${encodeURIComponent(user.userId)}/openid/request_token`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${user.accessToken}`, 'Content-Type': 'application/json' },
        body: '{}',
      });
      const body = JSON.stringify(getTokenBody({ ...user, openid: await response.json() }));
      const ask = () => service.handle({ method: 'POST', path: '/get_token', contentType: 'application/json', body });
      assert.equal((await ask()).status, 200, 'valid while it lasts');
      await new Promise((resolve) => setTimeout(resolve, 1500));
      assert.deepEqual(await ask(), { status: 401, body: UNAUTHORIZED });
    } finally {
      await shortLived.stop();
    }
  });

  test('a homeserver without full access gets a token for the room, and the room is not created for it', async () => {
    const user = await userWithOpenId();
    const body = getTokenBody(user);
    const answer = await post('/get_token', body, { service: 'restricted' });
    assert.equal(answer.status, 200);
    const room = livekitRoomFor(body.room_id, body.slot_id);
    assert.equal((await verifier.verify(answer.body.jwt)).video.room, room);
    assert.deepEqual(await rooms.listRooms([room]), []);
  });
});

describe('POST /sfu/get (the older endpoint)', () => {
  test('answers {url, jwt} for the room’s m.call#ROOM slot, as user:device, and the token joins', async () => {
    const user = await userWithOpenId();
    const room = roomId();
    const answer = await post('/sfu/get', { room, openid_token: user.openid, device_id: user.deviceId });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.deepEqual(Object.keys(answer.body).sort(), ['jwt', 'url']);
    const claims = await verifier.verify(answer.body.jwt);
    assert.equal(claims.sub, `${user.userId}:${user.deviceId}`);
    const livekitRoom = livekitRoomFor(room, LEGACY_SLOT);
    assert.equal(claims.video.room, livekitRoom);
    // The same LiveKit room as /get_token's for that slot: old and new clients meet.
    const modern = await post('/get_token', getTokenBody(user, room));
    assert.equal((await verifier.verify(modern.body.jwt)).video.room, livekitRoom);
    assert.deepEqual(await joinAndList(livekit.url, answer.body.jwt, livekitRoom), [claims.sub]);
  });

  test('a forged token gets 401 M_UNAUTHORIZED; a missing room or device, 400 M_BAD_JSON', async () => {
    const user = await userWithOpenId();
    const forged = await post('/sfu/get', { room: roomId(), openid_token: { ...user.openid, access_token: 'nope-nope-nope' }, device_id: 'D' });
    assert.deepEqual({ status: forged.status, body: forged.body }, { status: 401, body: UNAUTHORIZED });
    const noRoom = await post('/sfu/get', { openid_token: user.openid, device_id: 'D' });
    assert.deepEqual({ status: noRoom.status, body: noRoom.body }, { status: 400, body: { errcode: 'M_BAD_JSON', error: 'Missing room parameter' } });
    const noDevice = await post('/sfu/get', { room: roomId(), openid_token: user.openid });
    assert.equal(noDevice.status, 400);
    assert.equal(noDevice.body.errcode, 'M_BAD_JSON');
  });
});

describe('malformed requests', () => {
  let user;
  before(async () => {
    user = await userWithOpenId();
  });

  test('an unknown field, at the top or inside, gets 400 M_NOT_JSON, as the reference’s strict decoder', async () => {
    for (const change of [(b) => (b.extra = 1), (b) => (b.member.role = 'admin'), (b) => (b.openid_token.scope = 'all')]) {
      const body = getTokenBody(user);
      change(body);
      const answer = await post('/get_token', body);
      assert.deepEqual({ status: answer.status, body: answer.body }, { status: 400, body: NOT_JSON });
    }
  });

  test('`__proto__` keys are unknown fields, and change nothing', async () => {
    const good = JSON.stringify(getTokenBody(user));
    for (const body of [
      good.replace(/^\{/, '{"__proto__":{"room_id":"!x:y"},'),
      good.replace('"member":{', '"member":{"__proto__":{"claimed_user_id":"@admin:x"},'),
      good.replace('"openid_token":{', '"openid_token":{"__proto__":{"matrix_server_name":"evil.example"},'),
    ]) {
      const answer = await post('/get_token', body);
      assert.deepEqual({ status: answer.status, body: answer.body }, { status: 400, body: NOT_JSON });
    }
    assert.equal({}.room_id, undefined);
  });

  test('a wrong type, a body that is not JSON or not an object, or not sent as JSON, gets 400 M_NOT_JSON', async () => {
    const wrongType = getTokenBody(user);
    wrongType.openid_token.expires_in = '3600';
    const numberRoom = { ...getTokenBody(user), room_id: 42 };
    for (const [body, options] of [
      [wrongType],
      [numberRoom],
      ['{"room_id": '],
      ['[]'],
      ['"text"'],
      [JSON.stringify(getTokenBody(user)), { contentType: 'text/plain' }],
    ]) {
      const answer = await post('/get_token', body, options);
      assert.deepEqual({ status: answer.status, body: answer.body }, { status: 400, body: NOT_JSON }, JSON.stringify(body));
    }
  });

  test('a missing field gets 400 M_BAD_JSON with the reference’s message', async () => {
    const cases = [
      [(b) => delete b.room_id, 'The request body is missing `room_id` or `slot_id`'],
      [(b) => (b.slot_id = ''), 'The request body is missing `room_id` or `slot_id`'],
      [(b) => delete b.member.claimed_device_id, 'The request body `member` is missing a `id`, `claimed_user_id` or `claimed_device_id`'],
      [(b) => delete b.openid_token.access_token, 'The request body `openid_token` is missing a `access_token` or `matrix_server_name`'],
      [(b) => (b.delay_id = 'syd_abc'), 'The request body is missing `delay_id` or `delay_timeout`'],
    ];
    for (const [change, error] of cases) {
      const body = getTokenBody(user);
      change(body);
      const answer = await post('/get_token', body);
      assert.deepEqual({ status: answer.status, body: answer.body }, { status: 400, body: { errcode: 'M_BAD_JSON', error } });
    }
  });

  test('the delayed-leave fields the reference accepts are accepted (and ignored)', async () => {
    const body = { ...getTokenBody(user), delay_id: 'syd_abc', delay_timeout: 10_000, delay_cs_api_url: 'https://matrix.example' };
    assert.equal((await post('/get_token', body)).status, 200);
  });

  test('a body over 16 KiB gets 413 M_TOO_LARGE', async () => {
    const body = { ...getTokenBody(user), room_id: `!${'a'.repeat(MAX_BODY_BYTES)}:x` };
    const answer = await post('/get_token', body);
    assert.equal(answer.status, 413);
    assert.equal(answer.body.errcode, 'M_TOO_LARGE');
    const long = await post('/get_token', { ...getTokenBody(user), room_id: `!${'a'.repeat(300)}:x` });
    assert.deepEqual({ status: long.status, errcode: long.body.errcode }, { status: 400, errcode: 'M_BAD_JSON' });
  });

  test('GET gets 405 M_UNRECOGNIZED; an unknown path 404; the CORS preflight is answered', async () => {
    const get = await post('/get_token', undefined, { method: 'GET' });
    assert.equal(get.status, 405);
    assert.equal(get.body.errcode, 'M_UNRECOGNIZED');
    assert.equal((await post('/delegate_delayed_leave', {})).status, 404);

    const preflight = await fetch(`${services.main}/get_token`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://call.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
    });
    assert.equal(preflight.status, 200);
    assert.equal(preflight.headers.get('access-control-allow-origin'), '*');
    assert.match(preflight.headers.get('access-control-allow-methods'), /POST/);
    assert.match(preflight.headers.get('access-control-allow-headers'), /Content-Type/i);
  });

  test('too many requests from one client get 429 M_LIMIT_EXCEEDED with retry_after_ms', async () => {
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await post('/get_token', getTokenBody(user), { service: 'limited' })).status);
    assert.deepEqual(statuses, [200, 200, 200, 429]);
    const refused = await post('/get_token', getTokenBody(user), { service: 'limited' });
    assert.equal(refused.body.errcode, 'M_LIMIT_EXCEEDED');
    assert.ok(refused.body.retry_after_ms > 0);
  });
});

describe('the demo server', () => {
  test('serves the credentials service at /livekit/jwt/ when given homeservers, and not otherwise', async () => {
    const user = await userWithOpenId();
    const withMatrix = await startDemoServer({ port: 0, livekit, matrixCredentials: { homeservers: { [matrix.serverName]: matrix.baseUrl } } });
    const without = await startDemoServer({ port: 0, livekit });
    try {
      const ask = (base) =>
        fetch(new URL('livekit/jwt/get_token', base), {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(getTokenBody(user)),
        });
      const answer = await ask(withMatrix.url);
      assert.equal(answer.status, 200);
      assert.equal((await answer.json()).url, livekit.url);
      assert.equal((await ask(without.url)).status, 405);
    } finally {
      await Promise.all([withMatrix.close(), without.close()]);
    }
  });
});
