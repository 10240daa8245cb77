// What a Tchap (MatrixRTC) call needs, reached from a test page as a browser would: the real
// Dendrite on another origin (CORS), accounts from the test routes, a shared Matrix room, the
// credentials service found through /.well-known/matrix/client, and LiveKit credentials that put
// two Matrix users in the same LiveKit room (test/support/matrix-routes.mjs, scripts/dendrite.mjs).
import { expect, waitUntil } from '@open-wc/testing';
import { Room } from 'livekit-client';

interface MatrixSession {
  userId: string;
  accessToken: string;
  deviceId: string;
  homeserver: string;
}

async function postJson<T>(url: string, body: unknown, accessToken?: string): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (accessToken) headers.Authorization = `Bearer ${accessToken}`;
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as T };
}

async function newUser(displayName: string): Promise<MatrixSession> {
  const { status, body } = await postJson<MatrixSession>('/test/matrix/user', { displayName });
  expect(status).to.equal(200);
  return body;
}

async function getJson<T>(session: MatrixSession, path: string): Promise<T> {
  const response = await fetch(`${session.homeserver}${path}`, { headers: { Authorization: `Bearer ${session.accessToken}` } });
  expect(response.status, path).to.equal(200);
  return (await response.json()) as T;
}

interface OpenIdToken {
  access_token: string;
  token_type: string;
  matrix_server_name: string;
  expires_in: number;
}

async function openIdToken(session: MatrixSession): Promise<OpenIdToken> {
  const { status, body } = await postJson<OpenIdToken>(
    `${session.homeserver}/_matrix/client/v3/user/${encodeURIComponent(session.userId)}/openid/request_token`,
    {},
    session.accessToken,
  );
  expect(status).to.equal(200);
  return body;
}

async function serviceUrl(): Promise<string> {
  const wellKnown = (await (await fetch('/.well-known/matrix/client')).json()) as {
    'org.matrix.msc4143.rtc_foci': { type: string; livekit_service_url: string }[];
  };
  const focus = wellKnown['org.matrix.msc4143.rtc_foci'][0];
  expect(focus.type).to.equal('livekit');
  return focus.livekit_service_url;
}

const getTokenBody = (session: MatrixSession, roomId: string, openid_token: OpenIdToken) => ({
  room_id: roomId,
  slot_id: 'm.call#ROOM',
  openid_token,
  member: { id: `${session.deviceId}-member`, claimed_user_id: session.userId, claimed_device_id: session.deviceId },
});

describe('the Tchap test infrastructure', () => {
  const rooms: Room[] = [];
  afterEach(async () => {
    await Promise.all(rooms.splice(0).map((room) => room.disconnect()));
  });

  it('two Matrix users of the real homeserver share a room and meet in one LiveKit room with the credentials service’s answers', async () => {
    const [alice, bob] = await Promise.all([newUser('Alice Martin'), newUser('Bob Durand')]);
    expect(new URL(alice.homeserver).origin, 'the homeserver is on another origin').not.to.equal(location.origin);
    expect((await getJson<{ user_id: string }>(alice, '/_matrix/client/v3/account/whoami')).user_id).to.equal(alice.userId);

    const made = await postJson<{ roomId: string }>('/test/matrix/room', { accessToken: alice.accessToken, invite: [bob.userId], join: [bob.accessToken] });
    expect(made.status).to.equal(200);
    const { roomId } = made.body;
    const members = await getJson<{ joined: Record<string, { display_name?: string }> }>(
      bob,
      `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/joined_members`,
    );
    expect(Object.keys(members.joined).sort()).to.deep.equal([alice.userId, bob.userId].sort());
    expect(members.joined[alice.userId].display_name).to.equal('Alice Martin');
    // Members may publish MatrixRTC memberships in that room.
    const levels = await getJson<{ events: Record<string, number> }>(bob, `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/state/m.room.power_levels/`);
    expect(levels.events['org.matrix.msc3401.call.member']).to.equal(0);
    const stateKey = `_${bob.userId}_${bob.deviceId}_m.call`;
    const membership = await fetch(
      `${bob.homeserver}/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/state/org.matrix.msc3401.call.member/${encodeURIComponent(stateKey)}`,
      {
        method: 'PUT',
        headers: { Authorization: `Bearer ${bob.accessToken}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ application: 'm.call', call_id: '', scope: 'm.room', device_id: bob.deviceId, expires: 3_600_000 }),
      },
    );
    expect(membership.status, 'Bob publishes his call membership').to.equal(200);

    const service = await serviceUrl();
    const credentials = await Promise.all(
      [alice, bob].map(async (session) =>
        postJson<{ url: string; jwt: string }>(`${service}/get_token`, getTokenBody(session, roomId, await openIdToken(session))),
      ),
    );
    for (const { status } of credentials) expect(status).to.equal(200);

    const [aliceRoom, bobRoom] = credentials.map(() => new Room());
    rooms.push(aliceRoom, bobRoom);
    await aliceRoom.connect(credentials[0].body.url, credentials[0].body.jwt);
    await bobRoom.connect(credentials[1].body.url, credentials[1].body.jwt);
    expect(aliceRoom.name).to.equal(bobRoom.name);
    await waitUntil(() => aliceRoom.remoteParticipants.has(bobRoom.localParticipant.identity), 'Alice sees Bob in LiveKit', { timeout: 10_000 });
  });

  it('the failing services answer as an older, a misconfigured and a foreign deployment do', async () => {
    const dave = await newUser('Dave');
    const homeserver = (await (await fetch('/test/matrix/homeserver')).json()) as { baseUrl: string; serverName: string; livekitServiceUrl: string };
    expect(homeserver.baseUrl).to.equal(dave.homeserver);
    expect(dave.userId.endsWith(`:${homeserver.serverName}`)).to.equal(true);
    expect(homeserver.livekitServiceUrl).to.equal(await serviceUrl());

    const body = getTokenBody(dave, '!somewhere:localhost', await openIdToken(dave));
    const legacy = await postJson<{ errcode: string }>('/test/livekit-jwt/legacy/get_token', body);
    expect(legacy.status).to.equal(404);
    const older = await postJson<{ url: string; jwt: string }>('/test/livekit-jwt/legacy/sfu/get', {
      room: body.room_id,
      openid_token: body.openid_token,
      device_id: dave.deviceId,
    });
    expect(older.status).to.equal(200);
    expect(Object.keys(older.body).sort()).to.deep.equal(['jwt', 'url']);

    const unauthorized = await postJson('/test/livekit-jwt/unauthorized/get_token', body);
    expect(unauthorized).to.deep.equal({ status: 401, body: { errcode: 'M_UNAUTHORIZED', error: 'The request could not be authorised.' } });
    const forbidden = await postJson<{ errcode: string }>('/test/livekit-jwt/forbidden/get_token', body);
    expect([forbidden.status, forbidden.body.errcode]).to.deep.equal([403, 'M_FORBIDDEN']);
  });

  it('a forged OpenID token gets 401 M_UNAUTHORIZED from the credentials service', async () => {
    const carol = await newUser('Carol');
    const forged = { ...(await openIdToken(carol)), access_token: 'forged-openid-token' };
    const answer = await postJson<{ errcode: string; error: string }>(`${await serviceUrl()}/get_token`, getTokenBody(carol, '!nowhere:localhost', forged));
    expect(answer).to.deep.equal({ status: 401, body: { errcode: 'M_UNAUTHORIZED', error: 'The request could not be authorised.' } });
  });
});
