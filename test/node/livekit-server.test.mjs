// scripts/livekit-server.mjs against the real server binary: it starts on 127.0.0.1 only, accepts
// the dev credentials, refuses a port that is taken with a clear message, and stops.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { networkInterfaces } from 'node:os';
import { test } from 'node:test';
import { RoomServiceClient } from 'livekit-server-sdk';
import { startLivekitServer } from '../../scripts/livekit-server.mjs';

// Away from the test run's own server (7890) and the demo's (7880).
const PORT = 7893;

test('starts on loopback, serves the room API with the dev keys, and stops', async () => {
  const server = await startLivekitServer({ port: PORT });
  try {
    assert.equal(server.url, `ws://127.0.0.1:${PORT}`);
    const rooms = new RoomServiceClient(server.httpUrl, server.apiKey, server.apiSecret);
    await rooms.createRoom({ name: 'node-test' });
    assert.deepEqual((await rooms.listRooms()).map((room) => room.name), ['node-test']);

    // Bound to 127.0.0.1 only: another address of this machine does not answer.
    const other = Object.values(networkInterfaces()).flat().find((a) => a.family === 'IPv4' && !a.internal);
    if (other) await assert.rejects(fetch(`http://${other.address}:${PORT}`, { signal: AbortSignal.timeout(2000) }));
  } finally {
    await server.stop();
  }
  await assert.rejects(fetch(server.httpUrl), 'the server still answers after stop()');
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
