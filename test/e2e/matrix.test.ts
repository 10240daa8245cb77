// Tchap / Element Call calls against the real parts npm test starts: Dendrite (the homeserver),
// our credentials service (/livekit/jwt on the test server) and the LiveKit server. Two people
// with their own Matrix accounts: our <visio-call> with matrixBackend, and an Element Call
// participant made of matrix-js-sdk's MatrixRTC session and livekit-client
// (test/support/matrix-peer.ts). Each sees the other's video and Matrix display name, leaving
// clears our membership in the room, an encrypted call decodes both ways (in an unencrypted room
// with room-event keys, and in an encrypted room with Olm-encrypted to-device keys carried by the
// host page's own Matrix client), our key rotates when someone leaves, a hostile room member's
// forgeries change nothing, and a refused OpenID token is a translated error on screen.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import { matrixBackend, type MatrixBackendOptions, type VisioCallElement } from '../../src/index.js';
import { callTestHooks, receiverFramesDecoded, tileOf, videoOf, waitForFrames } from '../support/helpers.js';
import {
  base64,
  CALL_MEMBER,
  ElementCallPeer,
  KEYS_EVENT,
  matrixRoom,
  matrixUser,
  putState,
  roomState,
  sendRoomEvent,
  cryptoClient,
  toDeviceOf,
  type TestMatrixUser,
} from '../support/matrix-peer.js';
import { KeyProviderEvent, type KeyInfo, type RemoteVideoTrack } from 'livekit-client';
import type { MatrixClient } from 'matrix-js-sdk';

const WORKER_URL = '/node_modules/livekit-client/dist/livekit-client.e2ee.worker.mjs';
const e2eeWorker = () => new Worker(WORKER_URL, { type: 'module' });

/** The session a host hands the element (the .well-known of the test server names our credentials service). */
const sessionOf = (user: TestMatrixUser, roomId: string, more: Partial<MatrixBackendOptions> = {}): MatrixBackendOptions => ({
  homeserver: user.homeserver,
  roomId,
  userId: user.userId,
  accessToken: user.accessToken,
  deviceId: user.deviceId,
  wellKnownBase: location.origin,
  ...more,
});

const stateKeyOf = (user: TestMatrixUser) => `_${user.userId}_${user.deviceId}_m.call`;
const nameShown = (call: VisioCallElement, identity: string) => tileOf(call, identity)?.shadowRoot?.querySelector('[part="name"]')?.textContent?.trim();

describe('Tchap / Element Call (MatrixRTC)', function () {
  this.timeout(120_000);
  callTestHooks();
  const peers: ElementCallPeer[] = [];
  const hosts: MatrixClient[] = [];
  afterEach(async () => {
    await Promise.all(peers.splice(0).map((peer) => peer.leave()));
    for (const host of hosts.splice(0)) host.stopClient();
  });

  /** Our element (Camille) and an Element Call peer (Dominique) in a new room's call. */
  async function twoInACall(encrypted: boolean, others: TestMatrixUser[] = [], { encryptedRoom = false } = {}) {
    const [camille, dominique] = await Promise.all([matrixUser('Camille Martin'), matrixUser('Dominique Petit')]);
    const roomId = await matrixRoom(camille, [dominique, ...others], encryptedRoom);
    const call = await fixture<VisioCallElement>(html`<visio-call lang="en" audio="off"></visio-call>`);
    const errors: string[] = [];
    call.addEventListener('visio-error', (event) => errors.push(`${event.detail.code}: ${event.detail.error.message}`));
    // In an encrypted room, the host page's own Matrix client (Rust crypto) carries the keys.
    const host = encryptedRoom ? await cryptoClient(camille) : undefined;
    if (host) hosts.push(host);
    call.backend = matrixBackend(sessionOf(camille, roomId, host ? { toDevice: toDeviceOf(host) } : {}));
    if (encrypted) call.e2ee = { worker: e2eeWorker };
    expect(await call.join(), `joined (errors: ${errors.join('; ') || 'none'})`).to.equal(true);
    const peer = await ElementCallPeer.join(dominique, roomId, encrypted ? { worker: e2eeWorker(), toDevice: encryptedRoom } : {});
    peers.push(peer);
    return { camille, dominique, roomId, call, peer, errors };
  }

  /** Each side decodes the other's video. */
  async function decodeBothWays(call: VisioCallElement, peer: ElementCallPeer) {
    const peerIdentity = peer.room.localParticipant.identity;
    await waitUntil(() => tileOf(call, peerIdentity)?.shadowRoot?.querySelector('video:not([hidden])'), 'the peer’s video shown', { timeout: 20_000 });
    expect(await waitForFrames(videoOf(tileOf(call, peerIdentity)!))).to.be.at.least(10);
    const ours = call.livekitRoom!.localParticipant.identity;
    const ourVideo = () => peer.room.remoteParticipants.get(ours)?.videoTrackPublications.values().next().value?.track as RemoteVideoTrack | undefined;
    const before = await receiverFramesDecoded(ourVideo());
    let decoded = 0;
    await waitUntil(
      async () => {
        decoded = (await receiverFramesDecoded(ourVideo())) - before;
        return decoded >= 10;
      },
      'the peer decodes our video',
      { timeout: 20_000, interval: 250 },
    );
    expect(decoded).to.be.at.least(10);
  }

  it('our element and an Element Call participant see each other’s video and Matrix display names; leaving clears our membership', async () => {
    const { camille, roomId, call, peer, errors } = await twoInACall(false);

    // Our membership, as Element Call reads it.
    const membership = await roomState(camille, roomId, CALL_MEMBER, stateKeyOf(camille));
    expect(membership).to.include({ application: 'm.call', call_id: '', scope: 'm.room', device_id: camille.deviceId });
    expect(membership?.focus_active).to.deep.equal({ type: 'livekit', focus_selection: 'oldest_membership' });

    await decodeBothWays(call, peer);

    // Our tile and list show the peer's Matrix display name, not its LiveKit identity (a hash).
    const peerIdentity = peer.room.localParticipant.identity;
    await waitUntil(() => nameShown(call, peerIdentity) === 'Dominique Petit', 'the peer’s Matrix name on its tile', { timeout: 20_000 });
    expect(call.state.participants.find((p) => p.identity === peerIdentity)?.name).to.equal('Dominique Petit');
    // Being named by Matrix is not announced as a rename of the hash.
    expect(call.shadowRoot!.querySelector('[role="status"]')?.textContent).not.to.contain(' is now ');
    // The peer finds our Matrix name through its MatrixRTC session.
    const ours = call.livekitRoom!.localParticipant.identity;
    let seenAs: string | undefined;
    await waitUntil(async () => (seenAs = await peer.nameOf(ours)) === 'Camille Martin', 'the peer names us', { timeout: 20_000, interval: 250 });
    expect(seenAs).to.equal('Camille Martin');
    expect(errors).to.deep.equal([]);

    await call.leave();
    await waitUntil(
      async () => Object.keys((await roomState(camille, roomId, CALL_MEMBER, stateKeyOf(camille))) ?? { left: false }).length === 0,
      'membership cleared',
      {
        timeout: 10_000,
        interval: 250,
      },
    );
    // The peer's session no longer counts us.
    await waitUntil(() => !peer.session.memberships.some((m) => m.sender === camille.userId), 'the peer sees us leave', { timeout: 10_000 });
  });

  it('an encrypted call decodes both ways, with per-participant keys exchanged over Matrix', async () => {
    const { call, peer, errors } = await twoInACall(true);
    await waitUntil(() => call.livekitRoom!.isE2EEEnabled, 'our encryption on', { timeout: 10_000 });
    await decodeBothWays(call, peer);
    const peerIdentity = peer.room.localParticipant.identity;
    await waitUntil(() => call.livekitRoom!.remoteParticipants.get(peerIdentity)?.isEncrypted, 'the peer is encrypted', { timeout: 10_000 });
    await waitUntil(() => peer.room.remoteParticipants.get(call.livekitRoom!.localParticipant.identity)?.isEncrypted, 'we are encrypted for the peer', {
      timeout: 10_000,
    });
    expect(errors).to.deep.equal([]);
    await call.leave();
  });

  it('when someone leaves an encrypted call our key changes (a new index), and the Element Call peer who stays still decodes us, and we it', async () => {
    const eric = await matrixUser('Eric Bernard');
    const { call, peer, roomId, errors } = await twoInACall(true, [eric]);
    const ours = call.livekitRoom!.localParticipant.identity;
    const ownIndexes: number[] = [];
    call.backend!.keyProvider!.on(KeyProviderEvent.SetKey, (info: KeyInfo) => {
      if (info.participantIdentity === ours) ownIndexes.push(info.keyIndex ?? 0);
    });
    await decodeBothWays(call, peer);
    // A third joins: it gets our key (it decodes us), and nothing rotates for a newcomer.
    const third = await ElementCallPeer.join(eric, roomId, { worker: e2eeWorker() });
    const ourVideoAt = (p: ElementCallPeer) =>
      p.room.remoteParticipants.get(ours)?.videoTrackPublications.values().next().value?.track as RemoteVideoTrack | undefined;
    await waitUntil(async () => (await receiverFramesDecoded(ourVideoAt(third))) >= 10, 'the third decodes us', { timeout: 20_000, interval: 250 });
    expect(ownIndexes).to.deep.equal([]);
    await third.leave();
    await waitUntil(() => ownIndexes.length > 0, 'our key rotated', { timeout: 20_000 });
    expect(ownIndexes).to.deep.equal([1]);
    // Frames now encrypted with key 1: the peer who stayed has it, and we still decode the peer.
    await decodeBothWays(call, peer);
    expect(errors).to.deep.equal([]);
    await call.leave();
  });

  it('in an encrypted Matrix room (Tchap) the keys travel Olm-encrypted to-device through the host’s Matrix client, and the call decodes both ways', async () => {
    const { call, peer, roomId, camille, errors } = await twoInACall(true, [], { encryptedRoom: true });
    await waitUntil(() => call.livekitRoom!.isE2EEEnabled, 'our encryption on', { timeout: 10_000 });
    await decodeBothWays(call, peer);
    expect(errors).to.deep.equal([]);
    // No key went into the room in the clear.
    const response = await fetch(
      `${camille.homeserver}/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/messages?dir=b&limit=100&filter=${encodeURIComponent(JSON.stringify({ types: [KEYS_EVENT] }))}`,
      { headers: { Authorization: `Bearer ${camille.accessToken}` } },
    );
    expect(((await response.json()) as { chunk: unknown[] }).chunk).to.deep.equal([]);
    await call.leave();
  });

  it('a hostile room member’s forged memberships and keys change nothing: the peer keeps its name, no one is added, its video still decodes', async () => {
    const eve = await matrixUser('Eve Intruse');
    const { dominique, roomId, call, peer, errors } = await twoInACall(true, [eve]);
    await decodeBothWays(call, peer);
    const peerIdentity = peer.room.localParticipant.identity;
    const ours = call.livekitRoom!.localParticipant.identity;
    await waitUntil(() => nameShown(call, peerIdentity) === 'Dominique Petit', 'the peer’s Matrix name on its tile', { timeout: 20_000 });

    const membership = (deviceId: string, more: object = {}) => ({
      application: 'm.call',
      call_id: '',
      scope: 'm.room',
      device_id: deviceId,
      focus_active: { type: 'livekit', focus_selection: 'oldest_membership' },
      foci_preferred: [{ type: 'livekit', livekit_service_url: `${location.origin}/livekit/jwt`, livekit_alias: roomId }],
      expires: 3_600_000,
      ...more,
    });
    const forgedKey = base64(crypto.getRandomValues(new Uint8Array(16)));
    // Eve (a room member, not in the call) writes a membership under Dominique's state key…
    await putState(eve, roomId, CALL_MEMBER, stateKeyOf(dominique), membership(dominique.deviceId));
    // …a membership of her own device whose membershipID is Dominique's LiveKit identity…
    await putState(eve, roomId, CALL_MEMBER, stateKeyOf(eve), membership(eve.deviceId, { membershipID: peerIdentity }));
    // …a key for Dominique's device, and one for her own (which that membershipID would aim at Dominique)…
    await sendRoomEvent(eve, roomId, KEYS_EVENT, { keys: [{ index: 0, key: forgedKey }], device_id: dominique.deviceId, call_id: '' });
    await sendRoomEvent(eve, roomId, KEYS_EVENT, { keys: [{ index: 0, key: forgedKey }], device_id: eve.deviceId, call_id: '' });
    // Then Dominique changes his name: once our tile shows it, all of Eve's events have been read.
    await peer.client.setDisplayName('Dominique P.');
    await waitUntil(() => nameShown(call, peerIdentity) === 'Dominique P.', 'the peer’s new name on its tile', { timeout: 20_000 });

    expect(call.state.participants.map((p) => p.identity)).to.have.members([ours, peerIdentity]);
    expect(call.state.participants.map((p) => p.name)).not.to.include('Eve Intruse');
    // Dominique's video still decodes with his own key.
    expect(await waitForFrames(videoOf(tileOf(call, peerIdentity)!), 30)).to.be.at.least(30);
    expect(nameShown(call, peerIdentity)).to.equal('Dominique P.');
    expect(errors).to.deep.equal([]);
    await call.leave();
  });

  it('a refused OpenID token is a clear, translated error on screen (matrix-credentials-refused, with the Matrix errcode)', async () => {
    const camille = await matrixUser('Camille Martin');
    const roomId = await matrixRoom(camille, []);
    // Whatever the page sends, the service checks the OpenID token with the homeserver: a forged one is refused.
    const forging: typeof fetch = (url, init) => {
      if (String(url).endsWith('/get_token') && typeof init?.body === 'string') {
        const body = JSON.parse(init.body) as { openid_token: { access_token: string } };
        body.openid_token.access_token = 'forged-openid-token';
        return fetch(url, { ...init, body: JSON.stringify(body) });
      }
      return fetch(url, init);
    };
    const call = await fixture<VisioCallElement>(html`<visio-call lang="fr" audio="off" video="off"></visio-call>`);
    call.backend = matrixBackend(sessionOf(camille, roomId, { fetch: forging }));
    const seen: Array<{ code: string; message: string; reason?: string }> = [];
    call.addEventListener('visio-error', (event) =>
      seen.push({ code: event.detail.code, message: event.detail.message, reason: (event.detail.error as { reason?: string }).reason }),
    );
    expect(await call.join()).to.equal(false);
    expect(seen.map((error) => [error.code, error.reason])).to.deep.equal([['matrix-credentials-refused', 'M_UNAUTHORIZED']]);
    const french = 'Votre session Matrix (Tchap) a été refusée pour cet appel. Reconnectez-vous, puis réessayez.';
    expect(seen[0].message).to.equal(french);
    await waitUntil(() => call.shadowRoot?.querySelector('.error-message')?.textContent?.includes(french), 'the message on screen');
    // No membership was published for a call never joined.
    expect(Object.keys((await roomState(camille, roomId, CALL_MEMBER, stateKeyOf(camille))) ?? {})).to.deep.equal([]);
  });

  it('an expired Matrix session (an access token the homeserver no longer knows) is refused before any credentials are asked', async () => {
    const camille = await matrixUser('Camille Martin');
    const roomId = await matrixRoom(camille, []);
    const call = await fixture<VisioCallElement>(html`<visio-call lang="en" audio="off" video="off"></visio-call>`);
    call.backend = matrixBackend(sessionOf(camille, roomId, { accessToken: 'syt_expired' }));
    const codes: string[] = [];
    call.addEventListener('visio-error', (event) => codes.push(event.detail.code));
    expect(await call.join()).to.equal(false);
    expect(codes).to.deep.equal(['matrix-credentials-refused']);
    await waitUntil(
      () => call.shadowRoot?.querySelector('.error-message')?.textContent?.includes('Your Matrix (Tchap) session was refused'),
      'the message on screen',
    );
  });
});
