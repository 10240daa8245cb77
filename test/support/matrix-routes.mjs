// Test routes of the Tchap (MatrixRTC) tests on @web/test-runner's dev server, beside the real
// Dendrite and the real LiveKit server scripts/test.mjs started:
//
// - `/livekit/jwt/get_token`, `/livekit/jwt/sfu/get`: our credentials service
//   (demo/matrix-credentials.mjs), serving the test homeserver, signing for the test LiveKit;
// - `/.well-known/matrix/client`: what the web server of a real server name serves, here for the
//   test homeserver: `m.homeserver` and `org.matrix.msc4143.rtc_foci` pointing at the service above
//   (Dendrite serves neither MSC4143's transports nor custom well-known keys);
// - `POST /test/matrix/user` `{displayName?}` → `{userId, accessToken, deviceId, homeserver}`: a
//   new account, logged in (its own device);
// - `POST /test/matrix/room` `{accessToken, invite?: [userId], join?: [accessToken], encrypted?,
//   name?}` → `{roomId}`: a room made by the first user, the others invited, and those whose
//   tokens are in `join` joined. Members may send MatrixRTC memberships (power level 0 for
//   `org.matrix.msc3401.call.member`, as Element Call's rooms allow).
import { randomBytes } from 'node:crypto';
import { CORS_HEADERS, MAX_BODY_BYTES, createMatrixCredentials } from '../../demo/matrix-credentials.mjs';
import { readBody } from '../../demo/token-endpoint.mjs';

export const CALL_MEMBER_EVENT = 'org.matrix.msc3401.call.member';

/**
 * @param {{ url: string, apiKey: string, apiSecret: string }} livekit
 * @param {{ baseUrl: string, serverName: string, registerUser: (localpart: string, displayName?: string) => Promise<{ userId: string, accessToken: string, deviceId: string }> } | undefined} matrix
 * @returns Koa middleware
 */
export function matrixRoutes(livekit, matrix) {
  if (!matrix) {
    return async (ctx, next) => {
      if (ctx.path.startsWith('/test/matrix/') || ctx.path.startsWith('/livekit/jwt/') || ctx.path === '/.well-known/matrix/client') {
        ctx.status = 503;
        ctx.type = 'application/json';
        ctx.body = JSON.stringify({ error: 'no homeserver: run the tests through `npm test` (it starts Dendrite and sets VISIO_TEST_MATRIX_*)' });
        return undefined;
      }
      return next();
    };
  }
  const credentials = createMatrixCredentials({
    apiKey: livekit.apiKey,
    apiSecret: livekit.apiSecret,
    livekitUrl: livekit.url,
    homeservers: { [matrix.serverName]: matrix.baseUrl },
    // The test pages all come from 127.0.0.1: limits that a suite never meets.
    rateLimit: { max: 1000, windowMs: 10_000 },
  });

  const json = (ctx, status, body, headers = {}) => {
    ctx.status = status;
    ctx.type = 'application/json';
    ctx.set(headers);
    ctx.body = body === undefined ? '' : JSON.stringify(body);
  };

  async function client(path, accessToken, body, method = 'POST') {
    const response = await fetch(`${matrix.baseUrl}${path}`, {
      method,
      headers: { Authorization: `Bearer ${accessToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    const answer = await response.json();
    if (!response.ok) throw new Error(`${path}: ${response.status} ${answer.errcode} ${answer.error}`);
    return answer;
  }

  const routes = {
    async user(body) {
      const displayName = typeof body.displayName === 'string' ? body.displayName : undefined;
      const user = await matrix.registerUser(`u${randomBytes(6).toString('hex')}`, displayName);
      return { userId: user.userId, accessToken: user.accessToken, deviceId: user.deviceId, homeserver: matrix.baseUrl };
    },
    async room({ accessToken, invite = [], join = [], encrypted = false, name }) {
      const initialState = encrypted ? [{ type: 'm.room.encryption', state_key: '', content: { algorithm: 'm.megolm.v1.aes-sha2' } }] : [];
      const { room_id: roomId } = await client('/_matrix/client/v3/createRoom', accessToken, {
        preset: 'private_chat',
        invite,
        name,
        initial_state: initialState,
        power_level_content_override: { events: { [CALL_MEMBER_EVENT]: 0 } },
      });
      for (const token of join) await client(`/_matrix/client/v3/join/${encodeURIComponent(roomId)}`, token, {});
      return { roomId };
    },
  };

  return async (ctx, next) => {
    if (ctx.path.startsWith('/livekit/jwt/')) {
      const answer = await credentials.handle({
        method: ctx.method,
        path: ctx.path.slice('/livekit/jwt'.length),
        contentType: ctx.get('content-type'),
        // Over the limit: a body the service refuses as too large.
        body: (await readBody(ctx.req, MAX_BODY_BYTES)) ?? ' '.repeat(MAX_BODY_BYTES + 1),
        client: ctx.ip,
      });
      return json(ctx, answer.status, answer.body, CORS_HEADERS);
    }
    if (ctx.path === '/.well-known/matrix/client') {
      return json(
        ctx,
        200,
        {
          'm.homeserver': { base_url: matrix.baseUrl },
          'org.matrix.msc4143.rtc_foci': [{ type: 'livekit', livekit_service_url: `${ctx.origin}/livekit/jwt` }],
        },
        { 'Access-Control-Allow-Origin': '*' },
      );
    }
    const route = /^\/test\/matrix\/(user|room)$/.exec(ctx.path);
    if (route && ctx.method === 'POST') {
      const text = await readBody(ctx.req, 64 * 1024);
      try {
        return json(ctx, 200, await routes[route[1]](JSON.parse(text || '{}')));
      } catch (error) {
        return json(ctx, 500, { error: String(error?.message ?? error) });
      }
    }
    return next();
  };
}
