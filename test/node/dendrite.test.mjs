// The homeserver of the Tchap tests (scripts/dendrite.mjs): a real Dendrite v0.13.8 starts on
// 127.0.0.1, makes accounts whose sessions have their own devices and display names, hands out
// OpenID tokens, and answers the federation OpenID userinfo a credentials service asks them with.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { freePort, startDendrite } from '../../scripts/dendrite.mjs';

let server;
before(async () => {
  server = await startDendrite({ port: await freePort() });
});
after(() => server?.stop());

async function matrix(path, { method = 'GET', accessToken, body } = {}) {
  const headers = {};
  if (accessToken) headers.Authorization = `Bearer ${accessToken}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(new URL(path, server.baseUrl), { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: response.status, body: await response.json() };
}

describe('Dendrite for the tests', () => {
  test('registers two users, each logged in on a device of their own, with their display names', async () => {
    const alice = await server.registerUser('alice', 'Alice Martin');
    const bob = await server.registerUser('bob', 'Bob Durand');
    assert.equal(alice.userId, `@alice:${server.serverName}`);
    assert.equal(bob.userId, `@bob:${server.serverName}`);
    assert.notEqual(alice.deviceId, bob.deviceId);
    assert.notEqual(alice.deviceId, 'shared_secret_registration');

    const whoami = await matrix('/_matrix/client/v3/account/whoami', { accessToken: bob.accessToken });
    assert.equal(whoami.status, 200);
    assert.deepEqual({ user: whoami.body.user_id, device: whoami.body.device_id }, { user: bob.userId, device: bob.deviceId });
    const profile = await matrix(`/_matrix/client/v3/profile/${encodeURIComponent(alice.userId)}/displayname`, { accessToken: bob.accessToken });
    assert.equal(profile.body.displayname, 'Alice Martin');

    // The password the registration set logs in again, on a new device.
    const again = await matrix('/_matrix/client/v3/login', {
      method: 'POST',
      body: { type: 'm.login.password', identifier: { type: 'm.id.user', user: 'alice' }, password: alice.password },
    });
    assert.equal(again.status, 200);
    assert.equal(again.body.user_id, alice.userId);
    assert.notEqual(again.body.device_id, alice.deviceId);
  });

  test('refuses open registration: accounts come only from the shared secret', async () => {
    const open = await matrix('/_matrix/client/v3/register', {
      method: 'POST',
      body: { username: 'mallory', password: 'a-long-password-1234', auth: { type: 'm.login.dummy' } },
    });
    assert.equal(open.status, 403, JSON.stringify(open.body));
    assert.equal(open.body.errcode, 'M_FORBIDDEN');
  });

  test('answers the federation OpenID userinfo for a real OpenID token, and refuses a forged one', async () => {
    const carol = await server.registerUser('carol', 'Carol');
    const openid = await matrix(`/_matrix/client/v3/user/${encodeURIComponent(carol.userId)}/openid/request_token`, {
      method: 'POST',
      accessToken: carol.accessToken,
      body: {},
    });
    assert.equal(openid.status, 200);
    assert.equal(openid.body.token_type, 'Bearer');
    assert.equal(openid.body.matrix_server_name, server.serverName);

    const userinfo = await matrix(`/_matrix/federation/v1/openid/userinfo?access_token=${encodeURIComponent(openid.body.access_token)}`);
    assert.deepEqual(userinfo, { status: 200, body: { sub: carol.userId } });

    const forged = await matrix(`/_matrix/federation/v1/openid/userinfo?access_token=${'x'.repeat(24)}`);
    assert.equal(forged.status, 401);
    assert.equal(forged.body.errcode, 'M_UNKNOWN_TOKEN');
    // The client access token is not an OpenID token.
    const wrongKind = await matrix(`/_matrix/federation/v1/openid/userinfo?access_token=${encodeURIComponent(carol.accessToken)}`);
    assert.equal(wrongKind.status, 401);
  });

  test('answers CORS on the client API, for a test page on another origin', async () => {
    const response = await fetch(new URL('/_matrix/client/versions', server.baseUrl), {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:8000', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization' },
    });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
  });
});

describe('stopping Dendrite', () => {
  test('stop() ends the server and removes its temporary folder', async () => {
    const port = await freePort();
    const other = await startDendrite({ port });
    const folder = other.dataDir;
    assert.ok(existsSync(folder));
    await other.stop();
    assert.ok(!existsSync(folder));
    await assert.rejects(fetch(`http://127.0.0.1:${port}/_matrix/client/versions`));
  });
});
