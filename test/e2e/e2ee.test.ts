// End-to-end encryption on request: <visio-call> with `e2ee` and a peer with the same passphrase
// (a livekit-client Room with its own key provider and worker) see each other's video through
// the real LiveKit server, and both report the other as encrypted. Without `e2ee`, no worker.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { ExternalE2EEKeyProvider, Room } from 'livekit-client';
import '../../src/index.js';
import type { VisioCallElement } from '../../src/index.js';
import { callTestHooks, fetchToken, tileOf, uniqueRoom, videoOf, waitForFrames } from '../support/helpers.js';

const WORKER_URL = '/node_modules/livekit-client/dist/livekit-client.e2ee.worker.mjs';
const e2eeWorker = () => new Worker(WORKER_URL, { type: 'module' });
const workerRequests = () => performance.getEntriesByType('resource').filter((entry) => entry.name.includes('e2ee.worker')).length;

describe('end-to-end encryption', function () {
  this.timeout(60_000);
  const hooks = callTestHooks();

  it('is off by default: a call joins without loading the encryption worker', async () => {
    const call = await fixture<VisioCallElement>(html`<visio-call token-endpoint="/api/token" room=${uniqueRoom('plain')} audio="off" video="off"></visio-call>`);
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
});
