// The reference token endpoint (demo/token-endpoint.mjs) over real HTTP: what it signs, and the
// clear answers it gives to requests it cannot serve.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TokenVerifier } from 'livekit-server-sdk';
import { startDemoServer } from '../../demo/server.mjs';
import { MAX_BODY_BYTES, TOKEN_TTL_SECONDS } from '../../demo/token-endpoint.mjs';

const livekit = { url: 'ws://127.0.0.1:7890', apiKey: 'test-key', apiSecret: 'a-test-secret-that-is-long-enough-0123' };
const verifier = new TokenVerifier(livekit.apiKey, livekit.apiSecret);

let demo;
before(async () => {
  demo = await startDemoServer({ port: 0, livekit });
});
after(() => demo.close());

async function post(body, init = {}) {
  const response = await fetch(new URL('/api/token', demo.url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    ...init,
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

describe('token endpoint', () => {
  test('signs a token for the room, the name and the server, valid ten minutes', async () => {
    const { status, headers, body } = await post({ room_name: 'bureau-42', participant_name: 'Camille Martin' });
    assert.equal(status, 200);
    assert.equal(headers.get('cache-control'), 'no-store');
    assert.equal(body.server_url, livekit.url);
    const claims = await verifier.verify(body.participant_token);
    assert.equal(claims.name, 'Camille Martin');
    assert.match(claims.sub, /^camille-martin-[0-9a-f]{12}$/);
    assert.equal(claims.exp - claims.nbf, TOKEN_TTL_SECONDS);
    assert.deepEqual(
      { room: claims.video.room, join: claims.video.roomJoin, publish: claims.video.canPublish, subscribe: claims.video.canSubscribe, data: claims.video.canPublishData },
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

  test('names a participant without a name "guest", and keeps metadata and attributes', async () => {
    const { body } = await post({ room_name: 'r', participant_metadata: '{"role":"agent"}', participant_attributes: { team: 'dinum' } });
    const claims = await verifier.verify(body.participant_token);
    assert.match(claims.sub, /^guest-[0-9a-f]{12}$/);
    assert.equal(claims.metadata, '{"role":"agent"}');
    assert.deepEqual(claims.attributes, { team: 'dinum' });
  });

  const malformed = {
    'not JSON': ['room_name=x', /JSON/],
    'a JSON array': ['[1]', /object/],
    'no room_name': [{ participant_name: 'x' }, /room_name is required/],
    'a blank room_name': [{ room_name: '   ' }, /room_name is required/],
    'a numeric room_name': [{ room_name: 42 }, /room_name must be a string/],
    'an overlong participant_name': [{ room_name: 'r', participant_name: 'x'.repeat(129) }, /participant_name is longer/],
    'attributes that are not strings': [{ room_name: 'r', participant_attributes: { n: 1 } }, /participant_attributes/],
  };
  for (const [what, [body, message]] of Object.entries(malformed)) {
    test(`answers 400 with a reason for ${what}`, async () => {
      const answer = await post(body);
      assert.equal(answer.status, 400);
      assert.equal(answer.body.error, 'invalid_request');
      assert.match(answer.body.message, message);
    });
  }

  test('answers 413 to a body over 16 KiB, and 405 to a GET', async () => {
    const big = await post({ room_name: 'r', participant_metadata: 'x'.repeat(MAX_BODY_BYTES) });
    assert.equal(big.status, 413);
    assert.equal(big.body.error, 'payload_too_large');
    const get = await fetch(new URL('/api/token', demo.url));
    assert.equal(get.status, 405);
  });
});

describe('demo server', () => {
  test('serves the demo page and nothing outside dist/', async () => {
    const page = await fetch(demo.url);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<visio-call id="call" token-endpoint="\/api\/token">/);
    for (const path of ['/dist/../package.json', '/dist/%2e%2e/package.json', '/dist/..%2fpackage.json', '/package.json']) {
      const response = await fetch(new URL(path, demo.url));
      assert.equal(response.status, 404, path);
    }
  });
});
