// Test-only routes on @web/test-runner's dev server: the reference token endpoint (the real one
// from demo/, signing for the real LiveKit server the test script started), and endpoints that
// fail in each way a portal's endpoint can, so the browser meets real HTTP answers.
//
// - `/api/lk/token` and `/api/lk/moderation/<action>`: the reference server as `npm start` serves
//   it (tokens without canUpdateOwnMetadata, roles, the lobby in rooms named `lobby-…`);
// - `/api/token`: the same endpoint configured for a deployment without the moderation endpoint
//   (tokens grant canUpdateOwnMetadata), which the tests of hands and renames through each
//   participant's own token use.
import { createServer } from 'node:net';
import { AccessToken, RoomServiceClient, TrackSource } from 'livekit-server-sdk';
import { DEMO_LOBBY } from '../../demo/server.mjs';
import { createCallEndpoints } from '../../demo/token-endpoint.mjs';

/** A loopback TCP server that accepts connections and never answers; its port, started once. */
let silent;
function silentPort() {
  silent ??= new Promise((resolve) => {
    const server = createServer((socket) => socket.on('error', () => {}).unref());
    server.listen(0, '127.0.0.1', () => resolve(server.address().port));
    server.unref();
  });
  return silent;
}

/** Reads a Koa request body as text. */
async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * @param {{ url: string, apiKey: string, apiSecret: string }} livekit
 * @returns Koa middleware for `/api/token` and `/test/token/<case>`.
 */
export function tokenRoutes(livekit) {
  const keys = { apiKey: livekit.apiKey, apiSecret: livekit.apiSecret, serverUrl: livekit.url };
  const handle = createCallEndpoints({ ...keys, canUpdateOwnMetadata: true }).token;
  const reference = createCallEndpoints({ ...keys, lobby: DEMO_LOBBY });

  const json = (ctx, status, body) => {
    ctx.status = status;
    ctx.type = 'application/json';
    ctx.body = JSON.stringify(body);
  };

  /** A valid answer from the real handler, then `change` applied to it. */
  const real = async (ctx, body, change = (x) => x) => {
    const answer = await handle({ method: 'POST', contentType: 'application/json', body });
    json(ctx, answer.status, answer.status === 200 ? await change(answer.body, body) : answer.body);
  };

  const rooms = new RoomServiceClient(livekit.url.replace(/^ws/, 'http'), livekit.apiKey, livekit.apiSecret);

  let lastRequest;
  const cases = {
    ok: (ctx, body) => real(ctx, body),
    401: (ctx) => json(ctx, 401, { error: 'unauthorized' }),
    403: (ctx) => json(ctx, 403, { error: 'forbidden' }),
    500: (ctx) => json(ctx, 500, { error: 'internal' }),
    html: (ctx) => {
      ctx.status = 200;
      ctx.type = 'text/html';
      ctx.body = '<!doctype html><html><body><form action="/login">Please sign in</form></body></html>';
    },
    'missing-fields': (ctx) => json(ctx, 200, { server_url: livekit.url }),
    // A token signed with a key the server does not know: what a portal pointing at the wrong
    // LiveKit deployment hands out.
    'wrong-server': (ctx, body) =>
      real(ctx, body, async (answer) => {
        const { room_name: room } = JSON.parse(body);
        const token = new AccessToken('otherkey', 'another-deployments-secret-of-32-chars', { identity: 'x', ttl: 600 });
        token.addGrant({ roomJoin: true, room });
        return { ...answer, participant_token: await token.toJwt() };
      }),
    'server-down': (ctx, body) => real(ctx, body, (answer) => ({ ...answer, server_url: 'ws://127.0.0.1:9' })),
    // A server URL where the connection opens and nothing ever answers: a LiveKit server behind a
    // network that loses its replies (livekit-client waits 15 s for its WebSocket).
    'server-hangs': (ctx, body) => real(ctx, body, async (answer) => ({ ...answer, server_url: `ws://127.0.0.1:${await silentPort()}` })),
    slow: async (ctx, body) => {
      await new Promise((resolve) => setTimeout(resolve, 3000));
      await real(ctx, body);
    },
    // Remembers what it was sent (see `last-request`) and answers a valid token.
    record: (ctx, body) => {
      lastRequest = {
        method: ctx.method,
        body: JSON.parse(body),
        cookie: ctx.get('cookie'),
        contentType: ctx.get('content-type'),
        csrf: ctx.get('x-csrf-token'),
      };
      return real(ctx, body);
    },
    'last-request': (ctx) => json(ctx, 200, lastRequest ?? {}),
    // A valid token whose identity is the same for every request: what a portal that uses its
    // user id as the identity hands out when that user opens a second window.
    'same-identity': (ctx, body) =>
      real(ctx, body, async (answer) => {
        const { room_name: room, participant_name: name } = JSON.parse(body);
        const token = new AccessToken(livekit.apiKey, livekit.apiSecret, { identity: 'same-person', name, ttl: 600 });
        token.addGrant({ roomJoin: true, room, canPublish: true, canSubscribe: true });
        return { ...answer, participant_token: await token.toJwt() };
      }),
    // A token for an agent (participant kind `agent`): the server forwards transcription packets
    // only from agents, as from a transcriber like Visio's.
    agent: (ctx, body) =>
      real(ctx, body, async (answer) => {
        const { room_name: room, participant_name: name } = JSON.parse(body);
        const token = new AccessToken(livekit.apiKey, livekit.apiSecret, { identity: `agent-${Math.random().toString(36).slice(2)}`, name, ttl: 600 });
        token.kind = 'agent';
        token.addGrant({ roomJoin: true, room, canPublish: true, canSubscribe: true, canPublishData: true });
        return { ...answer, participant_token: await token.toJwt() };
      }),
    // A valid token without `canUpdateOwnMetadata`: the user may talk and chat, not raise a hand.
    'no-metadata': (ctx, body) =>
      real(ctx, body, async (answer) => {
        const { room_name: room, participant_name: name } = JSON.parse(body);
        const token = new AccessToken(livekit.apiKey, livekit.apiSecret, { identity: `limited-${Math.random().toString(36).slice(2)}`, name, ttl: 600 });
        token.addGrant({ roomJoin: true, room, canPublish: true, canSubscribe: true, canPublishData: true, canUpdateOwnMetadata: false });
        return { ...answer, participant_token: await token.toJwt() };
      }),
    // Tokens with a room role (the `room_role` attribute, as La Suite Meet writes it): a host
    // (`owner`) and a `member`; and a member whose token may publish the microphone and the screen
    // but not the camera.
    owner: (ctx, body) => real(ctx, body, roleToken('owner')),
    member: (ctx, body) => real(ctx, body, roleToken('member')),
    'no-camera': (ctx, body) => real(ctx, body, roleToken('member', { canPublishSources: [TrackSource.MICROPHONE, TrackSource.SCREEN_SHARE] })),
  };

  /** The real answer with a token whose `room_role` attribute is `role`, and `grant` added to the usual grants. */
  function roleToken(role, grant = {}) {
    return async (answer, body) => {
      const { room_name: room, participant_name: name } = JSON.parse(body);
      const token = new AccessToken(livekit.apiKey, livekit.apiSecret, {
        identity: `${role}-${Math.random().toString(36).slice(2)}`,
        name,
        ttl: 600,
        attributes: { room_role: role },
      });
      token.addGrant({ roomJoin: true, room, canPublish: true, canSubscribe: true, canPublishData: true, ...grant });
      return { ...answer, participant_token: await token.toJwt() };
    };
  }

  /** Server-side actions a moderator or the portal's back end takes, through LiveKit's API. */
  const actions = {
    'remove-participant': ({ room, identity }) => rooms.removeParticipant(room, identity),
    // What a recorder (La Suite Meet's back end) writes while it records: `recording_mode`, `recording_status`.
    'room-metadata': ({ room, metadata }) => rooms.updateRoomMetadata(room, metadata),
    'delete-room': ({ room }) => rooms.deleteRoom(room),
    'mute-track': ({ room, identity, trackSid }) => rooms.mutePublishedTrack(room, identity, trackSid, true),
    'update-attributes': ({ room, identity, attributes }) => rooms.updateParticipant(room, identity, { attributes }),
    // `sources`: what the participant may still publish (LiveKit's names: microphone, camera, screen_share).
    'set-publish-sources': ({ room, identity, sources }) =>
      rooms.updateParticipant(room, identity, {
        permission: {
          canSubscribe: true,
          canPublish: true,
          canPublishData: true,
          canPublishSources: sources.map(
            (source) => ({ microphone: TrackSource.MICROPHONE, camera: TrackSource.CAMERA, screen_share: TrackSource.SCREEN_SHARE })[source],
          ),
        },
      }),
  };

  return async (ctx, next) => {
    if (ctx.path === '/api/token') {
      const answer = await handle({ method: ctx.method, contentType: ctx.get('content-type'), body: await readBody(ctx.req) });
      return json(ctx, answer.status, answer.body);
    }
    const moderation = /^\/api\/lk\/moderation\/([a-z-]{1,32})$/.exec(ctx.path);
    if (ctx.path === '/api/lk/token' || moderation) {
      const request = {
        method: ctx.method,
        contentType: ctx.get('content-type'),
        authorization: ctx.get('authorization') || undefined,
        headers: ctx.headers,
        body: await readBody(ctx.req),
      };
      const answer = moderation ? await reference.moderation({ ...request, action: moderation[1] }) : await reference.token(request);
      return json(ctx, answer.status, answer.body);
    }
    if (ctx.path === '/api/lk/check') {
      const answer = await reference.check({ method: ctx.method, contentType: ctx.get('content-type'), body: await readBody(ctx.req) });
      return json(ctx, answer.status, answer.body);
    }
    // The check endpoint pointing at a server that is down (nothing listens on port 9).
    if (ctx.path === '/test/check/server-down') {
      const answer = await reference.check({ method: ctx.method, contentType: ctx.get('content-type'), body: await readBody(ctx.req) });
      return json(ctx, answer.status, { ...answer.body, server_url: 'ws://127.0.0.1:9' });
    }
    const action = /^\/test\/server\/([\w-]+)$/.exec(ctx.path);
    if (action && actions[action[1]]) {
      await actions[action[1]](JSON.parse(await readBody(ctx.req)));
      return json(ctx, 200, {});
    }
    const match = /^\/test\/token\/([\w-]+)$/.exec(ctx.path);
    if (match && cases[match[1]]) return cases[match[1]](ctx, await readBody(ctx.req));
    return next();
  };
}
