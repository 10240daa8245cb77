// livekitBackend's knocking against scripted answers of a token endpoint: what the user sees
// (waiting, then in; turned away; given up) and what goes over the wire (the waiting_id, a new
// knock when forgotten, nothing after a cancel).
import { expect } from '@open-wc/testing';
import { livekitBackend, type VisioError } from '../../src/index.js';

/** An unsigned JWT for `room`, valid an hour (the browser only reads it). */
function jwt(room: string): string {
  const part = (value: object) => btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  return `${part({ alg: 'HS256' })}.${part({ sub: 'guest-1', exp: Math.floor(Date.now() / 1000) + 3600, video: { room, roomJoin: true } })}.c2ln`;
}

/** A fetch that answers the scripted `[status, body]` in turn (the last one again at the end), and records the bodies sent. */
function scripted(answers: Array<[number, object]>) {
  const sent: Array<Record<string, unknown>> = [];
  const fetch = (_url: RequestInfo | URL, init?: RequestInit) => {
    sent.push(JSON.parse(String(init?.body)) as Record<string, unknown>);
    const [status, body] = answers[Math.min(sent.length - 1, answers.length - 1)];
    return Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } }));
  };
  return { fetch: fetch, sent };
}

const request = { roomName: 'lobby-1', participantName: 'Gaspard' };
const waiting = (id: string): [number, object] => [202, { status: 'waiting', waiting_id: id }];
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: VisioError) => error,
  );

describe('livekitBackend knocking', () => {
  it('waits while the endpoint answers 202, polls with the waiting_id, knocks again when forgotten, and joins with the token it is given', async () => {
    const endpoint = scripted([
      waiting('w1'),
      waiting('w1'),
      [410, { error: 'entry_expired' }],
      waiting('w2'),
      [200, { server_url: 'wss://lk.example', participant_token: jwt('lobby-1') }],
    ]);
    let told = 0;
    const backend = livekitBackend({ tokenEndpoint: '/token', fetch: endpoint.fetch, pollInterval: 10 });
    const details = await backend.credentials(request, { waiting: () => told++ });
    expect(details.serverUrl).to.equal('wss://lk.example');
    expect(endpoint.sent.map((body) => body.waiting_id ?? null)).to.deep.equal([null, 'w1', 'w1', null, 'w2']);
    expect(endpoint.sent.every((body) => body.room_name === 'lobby-1' && body.participant_name === 'Gaspard')).to.equal(true);
    expect(told, 'waiting() once per knock').to.equal(2);
  });

  it('turned away: entry-denied; waited too long: entry-timeout; any other refusal keeps its token-endpoint code', async () => {
    const denied = livekitBackend({ tokenEndpoint: '/token', fetch: scripted([waiting('w'), [403, { error: 'entry_denied' }]]).fetch, pollInterval: 10 });
    expect((await failure(denied.credentials(request, {})))?.code).to.equal('entry-denied');
    const slow = livekitBackend({ tokenEndpoint: '/token', fetch: scripted([waiting('w')]).fetch, pollInterval: 10, waitLimit: 50 });
    expect((await failure(slow.credentials(request, {})))?.code).to.equal('entry-timeout');
    const forbidden = livekitBackend({ tokenEndpoint: '/token', fetch: scripted([[403, { error: 'forbidden' }]]).fetch });
    expect((await failure(forbidden.credentials(request, {})))?.code).to.equal('token-forbidden');
    const full = livekitBackend({ tokenEndpoint: '/token', fetch: scripted([[429, { error: 'lobby_full' }]]).fetch });
    expect((await failure(full.credentials(request, {})))?.code).to.equal('token-request-failed');
  });

  it('stops knocking once the signal aborts', async () => {
    const endpoint = scripted([waiting('w')]);
    const cancel = new AbortController();
    const backend = livekitBackend({ tokenEndpoint: '/token', fetch: endpoint.fetch, pollInterval: 20 });
    const knocking = failure(backend.credentials(request, { signal: cancel.signal, waiting: () => cancel.abort() }));
    expect(await knocking).to.be.instanceOf(Error);
    const asked = endpoint.sent.length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(endpoint.sent.length).to.equal(asked);
    expect(asked).to.equal(1);
  });

  it('offers the moderation abilities only with a moderation endpoint', () => {
    expect(Object.keys(livekitBackend({ tokenEndpoint: '/token' }))).to.deep.equal(['credentials']);
    expect(Object.keys(livekitBackend({ tokenEndpoint: '/token', moderationEndpoint: '/moderation' })).sort()).to.deep.equal(
      ['admit', 'credentials', 'lowerHand', 'muteTrack', 'removeParticipant', 'rename', 'setHandRaised', 'setRole', 'watchLobby'].sort(),
    );
  });
});
