// matrixBackend's credentials against scripted answers of a homeserver, a .well-known and a
// credentials service: the discovery order (transports, then .well-known), the OpenID token sent
// as it came, the fallback to /sfu/get on 404, the url and jwt used as returned, and the error
// code (with the Matrix errcode) a user gets when something refuses. The real homeserver and
// service are in test/e2e/matrix.test.ts.
import { expect } from '@open-wc/testing';
import { backendAbilities, matrixBackend, type MatrixBackendOptions, type VisioError } from '../../src/index.js';

type Route = (body: Record<string, unknown> | undefined, init: RequestInit) => [number, object];

/** A fetch answering by `METHOD url`; records what was asked (method, url, body, whether it carried the access token). */
function server(routes: Record<string, Route>) {
  const asked: Array<{ at: string; body?: Record<string, unknown>; authorized: boolean }> = [];
  const fetch = (url: RequestInfo | URL, init: RequestInit = {}) => {
    const at = `${init.method ?? 'GET'} ${String(url)}`;
    const body = init.body ? (JSON.parse(String(init.body)) as Record<string, unknown>) : undefined;
    const headers = (init.headers ?? {}) as Record<string, string>;
    asked.push({ at, body, authorized: headers.Authorization === 'Bearer syt_secret' });
    const route = routes[at];
    if (!route) return Promise.resolve(new Response(JSON.stringify({ errcode: 'M_UNRECOGNIZED' }), { status: 404 }));
    const [status, answer] = route(body, init);
    return Promise.resolve(new Response(JSON.stringify(answer), { status, headers: { 'Content-Type': 'application/json' } }));
  };
  return { fetch, asked };
}

const HS = 'https://hs.example';
const SERVICE = 'https://rtc.example/livekit/jwt';
const session = (fetch: typeof globalThis.fetch, more: Partial<MatrixBackendOptions> = {}): MatrixBackendOptions => ({
  homeserver: HS,
  roomId: '!room:example.fr',
  userId: '@camille:example.fr',
  accessToken: 'syt_secret',
  deviceId: 'DEVICE1',
  fetch,
  ...more,
});
const OPENID = { access_token: 'openid-1', token_type: 'Bearer', matrix_server_name: 'example.fr', expires_in: 3600 };
const openid: Record<string, Route> = { [`POST ${HS}/_matrix/client/v3/user/%40camille%3Aexample.fr/openid/request_token`]: () => [200, OPENID] };
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJoYXNoIiwidmlkZW8iOnsicm9vbSI6Imhhc2gifX0.c2ln';
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: VisioError) => error,
  );

describe('matrixBackend credentials', () => {
  it('finds the service through the MSC4143 transports, sends the OpenID token as it came to /get_token, and joins with url and jwt as returned', async () => {
    const { fetch, asked } = server({
      ...openid,
      [`GET ${HS}/_matrix/client/unstable/org.matrix.msc4143/rtc/transports`]: () => [
        200,
        { rtc_transports: [{ type: 'livekit', livekit_service_url: `${SERVICE}/` }] },
      ],
      [`POST ${SERVICE}/get_token`]: () => [200, { url: 'ws://127.0.0.1:7880', jwt: JWT }],
    });
    const backend = matrixBackend(session(fetch));
    const details = await backend.credentials({ roomName: '' }, {});
    expect(details).to.deep.equal({ serverUrl: 'ws://127.0.0.1:7880', participantToken: JWT });
    const exchange = asked.find((call) => call.at === `POST ${SERVICE}/get_token`);
    expect(exchange?.body).to.deep.equal({
      room_id: '!room:example.fr',
      slot_id: 'm.call#ROOM',
      openid_token: OPENID,
      member: { id: '@camille:example.fr:DEVICE1', claimed_user_id: '@camille:example.fr', claimed_device_id: 'DEVICE1' },
    });
    // The access token goes to the homeserver only, never to the credentials service.
    expect(exchange?.authorized).to.equal(false);
    expect(asked.filter((call) => call.at.includes(HS)).every((call) => call.authorized)).to.equal(true);
    expect(backend.room).to.equal('!room:example.fr');
    expect(backendAbilities(backend)).to.deep.equal(['attend', 'keyProvider']);
  });

  it('falls back to the .well-known key, then to /sfu/get when /get_token answers 404', async () => {
    const { fetch, asked } = server({
      ...openid,
      [`GET https://portal.example/.well-known/matrix/client`]: () => [
        200,
        { 'org.matrix.msc4143.rtc_foci': [{ type: 'livekit', livekit_service_url: SERVICE }] },
      ],
      [`POST ${SERVICE}/sfu/get`]: () => [200, { url: 'ws://127.0.0.1:7880', jwt: JWT }],
    });
    const details = await matrixBackend(session(fetch, { wellKnownBase: 'https://portal.example' })).credentials({ roomName: '' }, {});
    expect(details.participantToken).to.equal(JWT);
    expect(asked.map((call) => call.at)).to.deep.equal([
      `GET ${HS}/_matrix/client/unstable/org.matrix.msc4143/rtc/transports`,
      'GET https://portal.example/.well-known/matrix/client',
      `POST ${HS}/_matrix/client/v3/user/%40camille%3Aexample.fr/openid/request_token`,
      `POST ${SERVICE}/get_token`,
      `POST ${SERVICE}/sfu/get`,
    ]);
    expect(asked.at(-1)?.body).to.deep.equal({ room: '!room:example.fr', openid_token: OPENID, device_id: 'DEVICE1' });
  });

  it('looks for the .well-known at the server name of the user id by default, and says when there is no service', async () => {
    const { fetch, asked } = server({});
    const error = await failure(matrixBackend(session(fetch)).credentials({ roomName: '' }, {}));
    expect(error?.code).to.equal('matrix-livekit-not-found');
    expect(asked.map((call) => call.at)).to.include('GET https://example.fr/.well-known/matrix/client');
  });

  it('reports a refused OpenID token as matrix-credentials-refused, keeping the errcode, without the access token in the message', async () => {
    const { fetch } = server({
      ...openid,
      [`POST ${SERVICE}/get_token`]: () => [401, { errcode: 'M_UNAUTHORIZED', error: 'The request could not be authorised.' }],
    });
    const error = await failure(matrixBackend(session(fetch, { livekitServiceUrl: SERVICE })).credentials({ roomName: '' }, {}));
    expect(error?.code).to.equal('matrix-credentials-refused');
    expect(error?.reason).to.equal('M_UNAUTHORIZED');
    expect(error?.status).to.equal(401);
    expect(error?.message).not.to.contain('syt_secret');
  });

  it('reports an expired Matrix session (the homeserver refuses the access token) as matrix-credentials-refused', async () => {
    const { fetch } = server({
      [`POST ${HS}/_matrix/client/v3/user/%40camille%3Aexample.fr/openid/request_token`]: () => [401, { errcode: 'M_UNKNOWN_TOKEN' }],
    });
    const error = await failure(matrixBackend(session(fetch, { livekitServiceUrl: SERVICE })).credentials({ roomName: '' }, {}));
    expect([error?.code, error?.reason]).to.deep.equal(['matrix-credentials-refused', 'M_UNKNOWN_TOKEN']);
  });

  it('reports a homeserver it cannot reach as matrix-unreachable', async () => {
    const fetch = () => Promise.reject(new TypeError('Failed to fetch'));
    const error = await failure(matrixBackend(session(fetch, { livekitServiceUrl: SERVICE })).credentials({ roomName: '' }, {}));
    expect(error?.code).to.equal('matrix-unreachable');
  });
});
