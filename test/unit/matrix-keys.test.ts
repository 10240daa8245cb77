// matrixBackend's media keys in a call, against a scripted homeserver and a scripted host Matrix
// client (`toDevice`): in an encrypted room our key goes only as to-device messages, field for
// field as matrix-js-sdk 43's ToDeviceKeyTransport sends it, never as a room event; only
// Olm-encrypted keys from a device with a valid membership are believed; when someone leaves, a
// new key (the next index) goes to those who remain before it encrypts. The real homeserver, Rust
// crypto and an Element Call peer are in test/e2e/matrix.test.ts.
import { expect, waitUntil } from '@open-wc/testing';
import { KeyProviderEvent, type KeyInfo, type Room } from 'livekit-client';
import { matrixBackend, type MatrixToDeviceMessage } from '../../src/index.js';

const HS = 'https://hs.example';
const ROOM = '!room:example.fr';
const CAMILLE = '@camille:example.fr';
const DOMINIQUE = '@dominique:example.fr';
const ERIC = '@eric:example.fr';
const EVE = '@eve:example.fr';
const KEY = 'AAECAwQFBgcICQoLDA0ODw';
const OURS = 'our-livekit-identity';

/** A call membership event (`left`: its empty content, leaving). */
const member = (sender: string, device: string, left = false) => ({
  type: 'org.matrix.msc3401.call.member',
  sender,
  state_key: `_${sender}_${device}_m.call`,
  origin_server_ts: Date.now(),
  content: left ? {} : membership(device),
});
const membership = (device: string) => ({
  application: 'm.call',
  call_id: '',
  scope: 'm.room',
  device_id: device,
  focus_active: { type: 'livekit', focus_selection: 'oldest_membership' },
  expires: 3_600_000,
});

/** A homeserver answering the first /sync with `state`, then /messages with each batch of `later` in turn. */
function homeserver(state: object[], later: object[][]) {
  const roomEvents: string[] = [];
  const fetch = (url: RequestInfo | URL) => {
    const at = String(url);
    let answer: object = {};
    if (at.startsWith(`${HS}/_matrix/client/v3/sync`))
      answer = { next_batch: 's1', rooms: { join: { [ROOM]: { state: { events: state }, timeline: { events: [] } } } } };
    else if (at.includes('/messages?')) answer = { chunk: later.shift() ?? [], end: 't2' };
    else if (at.includes('/send/')) roomEvents.push(at);
    return Promise.resolve(new Response(JSON.stringify(answer), { status: 200 }));
  };
  return { fetch, roomEvents };
}

/** The host's Matrix client, scripted: what was sent, and a way to deliver messages. */
function hostClient() {
  const sent: Array<{ type: string; targets: Array<{ userId: string; deviceId: string }>; content: Record<string, unknown> }> = [];
  let deliver: (message: MatrixToDeviceMessage) => void = () => undefined;
  return {
    sent,
    deliver: (message: MatrixToDeviceMessage) => deliver(message),
    toDevice: {
      send: (type: string, targets: Array<{ userId: string; deviceId: string }>, content: Record<string, unknown>) => {
        sent.push({ type, targets, content });
        return Promise.resolve();
      },
      subscribe: (listener: (message: MatrixToDeviceMessage) => void) => {
        deliver = listener;
        return () => (deliver = () => undefined);
      },
    },
  };
}

function attend(fetch: typeof globalThis.fetch, toDevice: ReturnType<typeof hostClient>['toDevice']) {
  const backend = matrixBackend({ homeserver: HS, roomId: ROOM, userId: CAMILLE, accessToken: 'syt_secret', deviceId: 'CAMDEVICE', fetch, toDevice });
  const keys: Array<{ identity: string; index: number }> = [];
  backend.keyProvider!.on(KeyProviderEvent.SetKey, (info: KeyInfo) => keys.push({ identity: info.participantIdentity ?? '', index: info.keyIndex ?? 0 }));
  const errors: unknown[] = [];
  const room = { hasE2EESetup: true, localParticipant: { identity: OURS } } as unknown as Room;
  const stop = backend.attend!({ room, roomName: ROOM, token: '', serverUrl: '' }, { names: () => undefined, error: (error) => errors.push(error) });
  return { keys, errors, stop };
}

const toDeviceKey = (index: number, device: string, room = ROOM) => ({
  keys: { index, key: KEY },
  room_id: room,
  member: { claimed_device_id: device, id: `x:${device}` },
  session: { call_id: '', application: 'm.call', scope: 'm.room' },
  sent_ts: Date.now(),
});

describe('matrixBackend media keys through the host’s Matrix client', function () {
  this.timeout(20_000);

  it('in an encrypted room sends our key only as to-device messages, as ToDeviceKeyTransport does, and believes only encrypted keys of members’ own devices', async () => {
    const encryption = { type: 'm.room.encryption', state_key: '', sender: DOMINIQUE, content: { algorithm: 'm.megolm.v1.aes-sha2' } };
    const { fetch, roomEvents } = homeserver([encryption, member(DOMINIQUE, 'DOMDEVICE')], []);
    const host = hostClient();
    const { keys, errors, stop } = attend(fetch, host.toDevice);
    try {
      await waitUntil(() => host.sent.length > 0, 'our key sent');
      expect(host.sent[0].type).to.equal('io.element.call.encryption_keys');
      expect(host.sent[0].targets).to.deep.equal([{ userId: DOMINIQUE, deviceId: 'DOMDEVICE' }]);
      const { content } = host.sent[0];
      expect(Object.keys(content).sort()).to.deep.equal(['keys', 'member', 'room_id', 'sent_ts', 'session']);
      expect(content.room_id).to.equal(ROOM);
      expect(content.member).to.deep.equal({ claimed_device_id: 'CAMDEVICE', id: `${CAMILLE}:CAMDEVICE` });
      expect(content.session).to.deep.equal({ call_id: '', application: 'm.call', scope: 'm.room' });
      expect((content.keys as { index: number }).index).to.equal(0);
      expect(roomEvents).to.deep.equal([]);

      // In the clear (an unencrypted to-device message): not believed in an encrypted room.
      host.deliver({ type: 'io.element.call.encryption_keys', sender: DOMINIQUE, content: toDeviceKey(5, 'DOMDEVICE'), encrypted: false });
      // Olm says another device sent it than the one it claims.
      host.deliver({
        type: 'io.element.call.encryption_keys',
        sender: DOMINIQUE,
        content: toDeviceKey(6, 'DOMDEVICE'),
        encrypted: true,
        senderDevice: 'OTHER',
      });
      // Eve, for Dominique's device.
      host.deliver({ type: 'io.element.call.encryption_keys', sender: EVE, content: toDeviceKey(7, 'DOMDEVICE'), encrypted: true, senderDevice: 'DOMDEVICE' });
      // Another room's call.
      host.deliver({ type: 'io.element.call.encryption_keys', sender: DOMINIQUE, content: toDeviceKey(8, 'DOMDEVICE', '!other:x'), encrypted: true });
      // Dominique's own, encrypted.
      host.deliver({
        type: 'io.element.call.encryption_keys',
        sender: DOMINIQUE,
        content: toDeviceKey(3, 'DOMDEVICE'),
        encrypted: true,
        senderDevice: 'DOMDEVICE',
      });
      await waitUntil(() => keys.some((k) => k.index === 3), 'Dominique’s key set');
      // For both of Dominique's possible LiveKit identities, at index 3 only (and ours at 0).
      expect(keys.filter((k) => k.identity !== OURS).map((k) => k.index)).to.deep.equal([3, 3]);
      expect(keys.filter((k) => k.identity === OURS).map((k) => k.index)).to.deep.equal([0]);
      expect(errors).to.deep.equal([]);
    } finally {
      stop();
    }
  });

  it('when someone leaves, sends a new key (next index) to those who remain, and encrypts with it only after', async () => {
    const { fetch } = homeserver([member(DOMINIQUE, 'DOMDEVICE'), member(ERIC, 'ERICDEVICE')], [[], [member(ERIC, 'ERICDEVICE', true)]]);
    const host = hostClient();
    const { keys, errors, stop } = attend(fetch, host.toDevice);
    try {
      await waitUntil(() => host.sent.length > 0, 'our first key sent');
      expect(host.sent[0].targets.map((t) => t.deviceId).sort()).to.deep.equal(['DOMDEVICE', 'ERICDEVICE']);
      await waitUntil(() => host.sent.length > 1, 'a new key sent', { timeout: 10_000 });
      expect((host.sent[1].content.keys as { index: number }).index).to.equal(1);
      expect(host.sent[1].targets).to.deep.equal([{ userId: DOMINIQUE, deviceId: 'DOMDEVICE' }]);
      // Sent first, used after (Element Call's useKeyDelay).
      expect(keys.filter((k) => k.identity === OURS).map((k) => k.index)).to.deep.equal([0]);
      await waitUntil(() => keys.filter((k) => k.identity === OURS).length === 2, 'the new key in use', { timeout: 5_000 });
      expect(keys.filter((k) => k.identity === OURS).map((k) => k.index)).to.deep.equal([0, 1]);
      expect(errors).to.deep.equal([]);
    } finally {
      stop();
    }
  });
});
