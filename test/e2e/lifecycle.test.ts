// The call's lifecycle at its edges, against the real LiveKit server: a join from an element that
// is not in the page, two joins at once, a leave while the camera starts, and the AudioContext of
// a join that failed; a leave during which the signalling socket errors before closing.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import type { VisioCallElement, VisioErrorEvent } from '../../src/index.js';
import type { TokenSource } from '../../src/core/token-source.js';
import { callTestHooks, fetchToken, joinAsPeer, joinedCall, settle, uniqueRoom } from '../support/helpers.js';

/** A token source that counts its requests and, until `open()`, holds them. */
function heldTokenSource() {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const counter = { requests: 0, open, source: undefined as unknown as TokenSource };
  counter.source = async (request) => {
    counter.requests += 1;
    await gate;
    const token = await fetchToken(request.roomName, request.participantName ?? 'Camille');
    return { serverUrl: token.server_url, participantToken: token.participant_token };
  };
  return counter;
}

function errorCodes(call: VisioCallElement): string[] {
  const codes: string[] = [];
  call.addEventListener('visio-error', (event: VisioErrorEvent) => codes.push(event.detail.code));
  return codes;
}

describe('the call’s lifecycle', function () {
  this.timeout(60_000);
  const hooks = callTestHooks();

  it('join() on an element that is not in the page starts no call: false and configuration-invalid', async () => {
    const roomName = uniqueRoom('detached');
    const tokens = heldTokenSource();
    tokens.open();
    const call = document.createElement('visio-call');
    call.room = roomName;
    call.tokenSource = tokens.source;
    const codes = errorCodes(call);
    expect(await call.join()).to.equal(false);
    expect(codes).to.deep.equal(['configuration-invalid']);
    expect(tokens.requests).to.equal(0);
    expect(call.status).to.equal('idle');
    expect(call.livekitRoom).to.equal(undefined);

    // Removed from the page after being in it: the same.
    const removed = await fixture<VisioCallElement>(html`<visio-call room=${roomName} audio="off" video="off" skip-prejoin></visio-call>`);
    removed.tokenSource = tokens.source;
    const removedCodes = errorCodes(removed);
    removed.remove();
    await settle(0);
    expect(await removed.join()).to.equal(false);
    expect(removedCodes).to.deep.equal(['configuration-invalid']);
    expect(tokens.requests).to.equal(0);

    // Nobody joined the room.
    const peer = hooks.peer(await joinAsPeer(roomName, 'Dominique Bot'));
    await settle(500);
    expect(peer.remoteParticipants.size).to.equal(0);
  });

  it('a second join() while connecting resolves with the join in flight: one request, one connection', async () => {
    const roomName = uniqueRoom('double-join');
    const call = await fixture<VisioCallElement>(html`<visio-call room=${roomName} name="Camille" audio="off" video="off" skip-prejoin></visio-call>`);
    const tokens = heldTokenSource();
    call.tokenSource = tokens.source;
    let requests = 0;
    call.addEventListener('visio-join-request', () => (requests += 1));
    const first = call.join();
    await waitUntil(() => call.status === 'connecting', 'connecting');
    const second = call.join();
    tokens.open();
    expect(await Promise.all([first, second])).to.deep.equal([true, true]);
    expect(tokens.requests).to.equal(1);
    expect(requests).to.equal(1);
    const peer = hooks.peer(await joinAsPeer(roomName, 'Dominique Bot'));
    await waitUntil(() => peer.remoteParticipants.size === 1, 'the peer sees the element', { timeout: 10_000 });
    await settle(500);
    expect([...peer.remoteParticipants.values()].map((p) => p.name)).to.deep.equal(['Camille']);
    await call.leave();
  });

  it('two join() at once from the prejoin: one request, and the camera it handed over stays live', async () => {
    const roomName = uniqueRoom('double-prejoin');
    const call = await fixture<VisioCallElement>(html`<visio-call room=${roomName} name="Camille" audio="off"></visio-call>`);
    const tokens = heldTokenSource();
    call.tokenSource = tokens.source;
    const prejoin = call.shadowRoot!.querySelector('visio-prejoin')!;
    await waitUntil(() => prejoin.shadowRoot?.querySelector('video:not([hidden])'), 'the preview', { timeout: 10_000 });
    const first = call.join();
    const second = call.join();
    await waitUntil(() => call.status === 'connecting', 'connecting');
    tokens.open();
    expect(await Promise.all([first, second])).to.deep.equal([true, true]);
    expect(tokens.requests).to.equal(1);
    await waitUntil(() => call.state.media.camera, 'camera published', { timeout: 10_000 });
    const camera = call.livekitRoom!.localParticipant.getTrackPublication('camera' as never)?.track;
    expect(camera?.mediaStreamTrack.readyState).to.equal('live');
    await call.leave();
  });

  it('leaving while the camera starts stops it: no live camera track after leave()', async () => {
    const call = await fixture<VisioCallElement>(
      html`<visio-call token-endpoint="/api/token" room=${uniqueRoom('leave-publishing')} name="Camille" audio="off" skip-prejoin></visio-call>`,
    );
    const codes = errorCodes(call);
    const mediaDevices = navigator.mediaDevices;
    const getUserMedia = mediaDevices.getUserMedia;
    const started: MediaStreamTrack[] = [];
    let left: Promise<boolean> | undefined;
    mediaDevices.getUserMedia = async (constraints) => {
      // The user leaves while the camera is being opened and published.
      left ??= call.leave();
      const stream = await getUserMedia.call(mediaDevices, constraints);
      started.push(...stream.getTracks());
      return stream;
    };
    try {
      const joined = await call.join();
      expect(await left).to.equal(true);
      expect(call.status).to.equal('left');
      await settle(1000);
      expect(started.length, 'the camera was opened').to.be.at.least(1);
      expect(started.map((track) => track.readyState)).to.deep.equal(started.map(() => 'ended'));
      expect(call.livekitRoom!.localParticipant.trackPublications.size).to.equal(0);
      expect(codes, 'no failure reported for what the leave interrupted').to.deep.equal([]);
      expect(joined, 'join() says the call is not connected').to.equal(false);
    } finally {
      mediaDevices.getUserMedia = getUserMedia;
    }
  });

  it('a join that fails at the token step leaves no AudioContext open', async () => {
    const contexts: AudioContext[] = [];
    const Original = window.AudioContext;
    window.AudioContext = class extends Original {
      constructor(options?: AudioContextOptions) {
        super(options);
        contexts.push(this);
      }
    };
    try {
      const call = await fixture<VisioCallElement>(
        html`<visio-call lang="en" token-endpoint="/test/token/401" room=${uniqueRoom('audio-context')} audio="off" video="off" skip-prejoin></visio-call>`,
      );
      const codes = errorCodes(call);
      expect(await call.join()).to.equal(false);
      expect(codes).to.deep.equal(['token-unauthorized']);
      expect(contexts.length, 'the join made an AudioContext').to.be.at.least(1);
      expect(contexts.map((context) => context.state)).to.deep.equal(contexts.map(() => 'closed'));

      // Retrying makes a new one, closed again after the same failure.
      expect(await call.join()).to.equal(false);
      expect(contexts.length).to.be.at.least(2);
      expect(contexts.map((context) => context.state)).to.deep.equal(contexts.map(() => 'closed'));
    } finally {
      window.AudioContext = Original;
    }
  });

  it('a signalling socket that errors then closes cleanly (Firefox, leaving mid-negotiation) throws nothing into the page, and the call ends', async () => {
    const { call } = await joinedCall('socket');
    const socket = (call.livekitRoom!.engine as unknown as { client: { ws: { ws: WebSocket } } }).client.ws.ws;
    expect(socket, 'livekit-client’s signalling socket').to.be.instanceOf(WebSocket);
    // The page's uncaught errors, kept from mocha (which would fail the test with the first one) until counted.
    const uncaught: string[] = [];
    const mochaOnError = window.onerror;
    window.onerror = (message) => {
      uncaught.push(String(message));
      return true;
    };
    try {
      // What Firefox does: an `error`, then a clean `close`, on the socket livekit-client reads from.
      socket.dispatchEvent(new Event('error'));
      socket.dispatchEvent(new CloseEvent('close', { wasClean: true, code: 1000 }));
      await settle(300);
    } finally {
      window.onerror = mochaOnError;
    }
    expect(uncaught, 'uncaught errors in the page').to.deep.equal([]);
    await call.leave();
    expect(call.status).to.equal('left');
  });
});
