// End-to-end encryption on request: <visio-call> with `e2ee` and a peer with the same passphrase
// (a livekit-client Room with its own key provider and worker) see each other's video through
// the real LiveKit server, and both report the other as encrypted. Without `e2ee`, no worker.
// Data is encrypted too: a participant without the key never reads the chat. A worker that
// cannot be made fails the join with its own error, and stops the camera.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { ExternalE2EEKeyProvider, Room, RoomEvent } from 'livekit-client';
import '../../src/index.js';
import type { VisioCallElement, VisioChatElement } from '../../src/index.js';
import { callTestHooks, fetchToken, joinAsPeer, settle, tileOf, uniqueRoom, videoOf, waitForFrames } from '../support/helpers.js';

const WORKER_URL = '/node_modules/livekit-client/dist/livekit-client.e2ee.worker.mjs';
const e2eeWorker = () => new Worker(WORKER_URL, { type: 'module' });
const workerRequests = () => performance.getEntriesByType('resource').filter((entry) => entry.name.includes('e2ee.worker')).length;

describe('end-to-end encryption', function () {
  this.timeout(60_000);
  const hooks = callTestHooks();

  it('is off by default: a call joins without loading the encryption worker', async () => {
    const call = await fixture<VisioCallElement>(
      html`<visio-call token-endpoint="/api/token" room=${uniqueRoom('plain')} audio="off" video="off"></visio-call>`,
    );
    expect(await call.join()).to.equal(true);
    expect(call.livekitRoom!.isE2EEEnabled).to.equal(false);
    expect(workerRequests()).to.equal(0);
    await call.leave();
  });

  it('with the same passphrase, the element and a peer decode each other’s encrypted video', async () => {
    const roomName = uniqueRoom('e2ee');
    const call = await fixture<VisioCallElement>(html`<visio-call token-endpoint="/api/token" room=${roomName} name="Camille" audio="off"></visio-call>`);
    // The element makes its worker when the call joins, not before (counted at the factory:
    // resource timing for a worker script may be recorded late).
    let workersMade = 0;
    const countedWorker = () => {
      workersMade += 1;
      return e2eeWorker();
    };
    call.e2ee = { passphrase: 'correct horse battery staple', worker: countedWorker };
    expect(workersMade).to.equal(0);
    expect(await call.join()).to.equal(true);
    expect(workersMade).to.equal(1);
    // Set when the worker answers, which can come after join() under load.
    await waitUntil(() => call.livekitRoom!.isE2EEEnabled, 'encryption turned on');

    const keyProvider = new ExternalE2EEKeyProvider();
    const peer = hooks.peer(new Room({ e2ee: { keyProvider, worker: e2eeWorker() } }));
    await keyProvider.setKey('correct horse battery staple');
    await peer.setE2EEEnabled(true);
    const { server_url, participant_token } = await fetchToken(roomName, 'Dominique Bot');
    await peer.connect(server_url, participant_token);
    await peer.localParticipant.setCameraEnabled(true);

    const identity = peer.localParticipant.identity;
    await waitUntil(() => tileOf(call, identity)?.shadowRoot?.querySelector('video:not([hidden])'), 'peer video shown', { timeout: 15_000 });
    expect(await waitForFrames(videoOf(tileOf(call, identity)!))).to.be.at.least(10);
    await waitUntil(() => call.livekitRoom!.remoteParticipants.get(identity)?.isEncrypted, 'the peer is encrypted', { timeout: 10_000 });
    const seenByPeer = peer.remoteParticipants.get(call.livekitRoom!.localParticipant.identity)!;
    await waitUntil(() => seenByPeer.isEncrypted, 'the element is encrypted for the peer', { timeout: 10_000 });
    await call.leave();
  });

  /** A participant with the passphrase: livekit-client's `encryption` option (media and data). */
  async function keyedPeer(roomName: string, name: string, passphrase: string): Promise<Room> {
    const keyProvider = new ExternalE2EEKeyProvider();
    const peer = hooks.peer(new Room({ encryption: { keyProvider, worker: e2eeWorker() } }));
    await keyProvider.setKey(passphrase);
    await peer.setE2EEEnabled(true);
    const { server_url, participant_token } = await fetchToken(roomName, name);
    await peer.connect(server_url, participant_token);
    await waitUntil(() => peer.isE2EEEnabled, `${name} encrypts`, { timeout: 10_000 });
    return peer;
  }

  it('encrypts the chat and reactions too: a participant without the key reads none of it; one with the key does', async () => {
    const roomName = uniqueRoom('e2ee-chat');
    const passphrase = 'correct horse battery staple';
    const call = await fixture<VisioCallElement>(
      html`<visio-call lang="en" token-endpoint="/api/token" room=${roomName} name="Camille" audio="off" video="off"></visio-call>`,
    );
    call.e2ee = { passphrase, worker: e2eeWorker };
    expect(await call.join()).to.equal(true);
    const friend = await keyedPeer(roomName, 'Dominique', passphrase);
    // An ordinary participant with a valid token and no key.
    const eve = hooks.peer(await joinAsPeer(roomName, 'Eve'));
    const me = () => call.livekitRoom!.localParticipant.identity;
    await waitUntil(() => friend.remoteParticipants.has(me()) && eve.remoteParticipants.has(me()), 'everyone sees the element', { timeout: 10_000 });
    await waitUntil(() => call.livekitRoom!.remoteParticipants.has(eve.localParticipant.identity), 'the element sees Eve', { timeout: 10_000 });

    // Everything Eve receives, whatever the topic or convention.
    const overheard: string[] = [];
    eve.on(RoomEvent.DataReceived, (payload) => overheard.push(new TextDecoder().decode(payload)));
    eve.registerTextStreamHandler('lk.chat', async (reader) => overheard.push(await reader.readAll()));
    const friendRead = new Promise<string>((resolve) => friend.registerTextStreamHandler('lk.chat', async (reader) => resolve(await reader.readAll())));
    const friendLegacy = new Promise<string>((resolve) =>
      friend.on(RoomEvent.DataReceived, (payload, _p, _k, topic) => topic === 'lk-chat-topic' && resolve(new TextDecoder().decode(payload))),
    );

    expect(await call.sendChatMessage('The code is 4321')).to.equal(true);
    expect(await friendRead).to.equal('The code is 4321');
    expect(await friendLegacy).to.contain('The code is 4321');
    expect(await call.sendReaction('👍')).to.equal(true);
    await settle(1000);
    expect(
      overheard.filter((text) => text.includes('4321') || text.includes('reactionReceived')),
      'what Eve could read',
    ).to.deep.equal([]);

    // Dominique's encrypted message is decrypted and shown.
    call.setPanel('chat');
    await call.updateComplete;
    const chat = call.shadowRoot!.querySelector<VisioChatElement>('visio-chat')!;
    const lines = () => [...chat.shadowRoot!.querySelectorAll('[part="message"] .text')].map((text) => text.textContent);
    await friend.localParticipant.sendText('Got it', { topic: 'lk.chat' });
    await waitUntil(() => lines().includes('Got it'), `the keyed peer’s message shows: ${lines()}`, { timeout: 10_000 });
    expect(lines()).to.deep.equal(['The code is 4321', 'Got it']);
    await call.leave();
  });

  /** Every camera and microphone track the page opens from now on. */
  function watchCaptures(): MediaStreamTrack[] {
    const tracks: MediaStreamTrack[] = [];
    const getUserMedia = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
    navigator.mediaDevices.getUserMedia = async (constraints) => {
      const stream = await getUserMedia(constraints);
      tracks.push(...stream.getTracks());
      return stream;
    };
    after(() => (navigator.mediaDevices.getUserMedia = getUserMedia));
    return tracks;
  }

  for (const [label, worker] of [
    // What a page with Trusted Types does to a worker URL that did not go through a policy.
    [
      'refused by Trusted Types',
      () => {
        throw new TypeError("Failed to construct 'Worker': This document requires 'TrustedScriptURL' assignment.");
      },
    ],
    // A bundle served from another origin than the page.
    ['on another origin', () => new Worker('https://cdn.example.invalid/e2ee-worker.js', { type: 'module' })],
    // A worker file that is not there.
    ['missing', () => new Worker('/no-such-e2ee-worker.js', { type: 'module' })],
  ] as const) {
    it(`a worker ${label}: join() resolves false with e2ee-unavailable, and the camera and microphone are stopped`, async () => {
      const tracks = watchCaptures();
      const call = await fixture<VisioCallElement>(
        html`<visio-call lang="en" token-endpoint="/api/token" room=${uniqueRoom('e2ee-broken')} name="Camille"></visio-call>`,
      );
      call.e2ee = { passphrase: 'secret', worker };
      // The prejoin's preview starts the camera and the microphone.
      await waitUntil(() => tracks.some((track) => track.kind === 'video' && track.readyState === 'live'), 'preview started', { timeout: 15_000 });
      const failed = oneEvent(call, 'visio-error');
      expect(await call.join()).to.equal(false);
      const { detail } = await failed;
      expect(detail.code).to.equal('e2ee-unavailable');
      expect(detail.message).to.contain('End-to-end encryption could not start');
      await call.updateComplete;
      expect(call.shadowRoot!.querySelector('.error-message')!.textContent).to.equal(detail.message);
      expect(call.status).to.equal('error');
      await waitUntil(
        () => tracks.every((track) => track.readyState === 'ended'),
        `every track stopped: ${tracks.map((track) => `${track.kind} ${track.readyState}`)}`,
        { timeout: 5_000 },
      );
      call.lang = 'fr';
      await call.updateComplete;
      expect(call.shadowRoot!.querySelector('.error-message')!.textContent).to.contain('Le chiffrement de bout en bout n’a pas pu démarrer');
    });
  }
});
