// scripts/livekit-server.mjs against the real server binary: it starts on 127.0.0.1 only, with a
// fresh random key and secret for each start (no published credentials), refuses a port that is
// taken with a clear message, and stops.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { networkInterfaces } from 'node:os';
import { test } from 'node:test';
import { RoomServiceClient } from 'livekit-server-sdk';
import { startLivekitServer, testServerFromEnv } from '../../scripts/livekit-server.mjs';

// Away from the test run's own server (7890) and the demo's (7880).
const PORT = 7893;

test('starts on loopback, serves the room API with the keys it returns, and stops', async () => {
  const server = await startLivekitServer({ port: PORT });
  try {
    assert.equal(server.url, `ws://127.0.0.1:${PORT}`);
    const rooms = new RoomServiceClient(server.httpUrl, server.apiKey, server.apiSecret);
    await rooms.createRoom({ name: 'node-test' });
    assert.deepEqual(
      (await rooms.listRooms()).map((room) => room.name),
      ['node-test'],
    );

    // Bound to 127.0.0.1 only: another address of this machine does not answer.
    const other = Object.values(networkInterfaces())
      .flat()
      .find((a) => a.family === 'IPv4' && !a.internal);
    if (other) await assert.rejects(fetch(`http://${other.address}:${PORT}`, { signal: AbortSignal.timeout(2000) }));
  } finally {
    await server.stop();
  }
  await assert.rejects(fetch(server.httpUrl), 'the server still answers after stop()');
});

/** The room names the server lists for these credentials, or the error it answers. */
const listRooms = (server, apiKey, apiSecret) =>
  new RoomServiceClient(server.httpUrl, apiKey, apiSecret).listRooms().then(
    (rooms) => rooms.map((room) => room.name),
    (error) => error,
  );

test('makes a new random secret for each start, and the server accepts only that one', async () => {
  const first = await startLivekitServer({ port: PORT });
  let firstKeys;
  try {
    firstKeys = { apiKey: first.apiKey, apiSecret: first.apiSecret };
    assert.ok(first.apiSecret.length >= 32, 'LiveKit wants 32 characters or more');
    assert.deepEqual(await listRooms(first, first.apiKey, first.apiSecret), []);
    // The credentials this project used to publish in scripts/livekit.yaml no longer work.
    const published = await listRooms(first, 'devkey', 'visio-elements-local-development-secret-0001');
    assert.ok(published instanceof Error, 'the published dev key is accepted');
    assert.match(published.message, /invalid API key|401|unauthorized/i);
  } finally {
    await first.stop();
  }

  const second = await startLivekitServer({ port: PORT });
  try {
    assert.notEqual(second.apiSecret, firstKeys.apiSecret);
    assert.notEqual(second.apiKey, firstKeys.apiKey);
    assert.deepEqual(await listRooms(second, second.apiKey, second.apiSecret), []);
    assert.ok((await listRooms(second, firstKeys.apiKey, firstKeys.apiSecret)) instanceof Error, 'the first start’s key still works');
    // The first key with the second secret: the secret is checked, not just the key.
    assert.ok((await listRooms(second, second.apiKey, firstKeys.apiSecret)) instanceof Error, 'another secret is accepted');
  } finally {
    await second.stop();
  }
});

test('the tests find the server and its secret only in the variables `npm test` sets', () => {
  const env = { VISIO_TEST_LIVEKIT_URL: 'ws://127.0.0.1:7890', VISIO_TEST_LIVEKIT_KEY: 'dev-1', VISIO_TEST_LIVEKIT_SECRET: 'dev-secret-2' };
  assert.deepEqual(testServerFromEnv(env), { url: 'ws://127.0.0.1:7890', apiKey: 'dev-1', apiSecret: 'dev-secret-2' });
  assert.throws(() => testServerFromEnv({ VISIO_TEST_LIVEKIT_URL: 'ws://127.0.0.1:7890' }), /run the tests through `npm test`/);
});

test('explains a port that is already taken instead of talking to whatever holds it', async () => {
  const squatter = createServer().listen(PORT, '127.0.0.1');
  await new Promise((resolve) => squatter.once('listening', resolve));
  try {
    await assert.rejects(startLivekitServer({ port: PORT }), /port 7893 on 127\.0\.0\.1 is in use/);
  } finally {
    squatter.close();
  }
});
