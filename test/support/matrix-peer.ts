// An Element Call participant for the Tchap tests, built as Element Call builds one: its own
// Matrix account and device, matrix-js-sdk's MatrixClient and MatrixRTC session for the
// membership (`client.matrixRTC.getRoomSession(room).joinRoomSession(…)`), and a livekit-client
// Room joined with the credentials our service gives for its OpenID token. Names come from the
// session's memberships and the room's members. Media keys (in an encrypted call) travel either
// as `io.element.call.encryption_keys` room events (Element Call's transport before to-device
// keys), or, with `toDevice`, as matrix-js-sdk 43 sends them: Olm-encrypted to-device messages
// from the session's own key management, with Rust crypto (the WebAssembly of
// @matrix-org/matrix-sdk-crypto-wasm) in the page. `cryptoClient` and `toDeviceOf` are the host
// page's side: its own Matrix client, and the guide's adapter for matrixBackend's `toDevice`.
import { BaseKeyProvider, createKeyMaterialFromBuffer, Room, type RoomOptions } from 'livekit-client';
import {
  ClientEvent,
  createClient,
  RoomEvent as MatrixRoomEvent,
  type MatrixClient,
  type MatrixEvent,
  type ReceivedToDeviceMessage,
  type Room as MatrixRoom,
} from 'matrix-js-sdk';
// Types only: the test server serves matrix-js-sdk as one bundle of its main entry (matrix-esm.mjs).
import type { MatrixRTCSession, MatrixRTCSessionEvent } from 'matrix-js-sdk/lib/matrixrtc/index.js';
import type { MatrixToDevice } from '../../src/index.js';
import { publishSyntheticVideo } from './helpers.js';

/** A fresh account on the test homeserver, signed in on its own device (POST /test/matrix/user). */
export interface TestMatrixUser {
  userId: string;
  accessToken: string;
  deviceId: string;
  homeserver: string;
}

export const CALL_MEMBER = 'org.matrix.msc3401.call.member';
export const KEYS_EVENT = 'io.element.call.encryption_keys';
/** Our credentials service on the test server. */
export const LIVEKIT_SERVICE = () => `${location.origin}/livekit/jwt`;

async function post<T>(path: string, body: object): Promise<T> {
  const response = await fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const answer = (await response.json()) as T & { error?: string };
  if (!response.ok) throw new Error(`${path}: ${response.status} ${answer.error}`);
  return answer;
}

export const matrixUser = (displayName: string) => post<TestMatrixUser>('/test/matrix/user', { displayName });

/** A room made by `owner`, with `others` invited and joined. */
export async function matrixRoom(owner: TestMatrixUser, others: TestMatrixUser[], encrypted = false): Promise<string> {
  const { roomId } = await post<{ roomId: string }>('/test/matrix/room', {
    accessToken: owner.accessToken,
    invite: others.map((user) => user.userId),
    join: others.map((user) => user.accessToken),
    encrypted,
  });
  return roomId;
}

/** A state event's content as the homeserver has it now, or undefined when there is none. */
export async function roomState(user: TestMatrixUser, roomId: string, type: string, stateKey: string): Promise<Record<string, unknown> | undefined> {
  const url = `${user.homeserver}/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/state/${type}/${encodeURIComponent(stateKey)}`;
  const response = await fetch(url, { headers: { Authorization: `Bearer ${user.accessToken}` } });
  return response.ok ? ((await response.json()) as Record<string, unknown>) : undefined;
}

/** Sends a state event as `user`, whatever it says: a hostile member's forgeries. Throws when the homeserver refuses it. */
export async function putState(user: TestMatrixUser, roomId: string, type: string, stateKey: string, content: object): Promise<void> {
  const url = `${user.homeserver}/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/state/${type}/${encodeURIComponent(stateKey)}`;
  const response = await fetch(url, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${user.accessToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(content),
  });
  if (!response.ok) throw new Error(`state ${type} ${stateKey}: ${response.status} ${await response.text()}`);
}

let txn = 0;
/** Sends a room event as `user`. */
export async function sendRoomEvent(user: TestMatrixUser, roomId: string, type: string, content: object): Promise<void> {
  const url = `${user.homeserver}/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/send/${type}/test-${Date.now()}-${++txn}`;
  const response = await fetch(url, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${user.accessToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(content),
  });
  if (!response.ok) throw new Error(`event ${type}: ${response.status} ${await response.text()}`);
}

export const base64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/=+$/, '');
const unbase64 = (text: string) => Uint8Array.from(atob(text.replace(/=+$/, '')), (c) => c.charCodeAt(0));

/** matrix-js-sdk's computeRtcIdentityRaw: the LiveKit identity our service (and lk-jwt-service's /get_token) gives a member. */
async function rtcIdentity(userId: string, deviceId: string, memberId: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(JSON.stringify([userId, deviceId, memberId])));
  return base64(new Uint8Array(digest));
}

/** Element Call's MatrixKeyProvider: per-participant keys, ratchet window 10, 256 keys kept. */
class PeerKeyProvider extends BaseKeyProvider {
  constructor() {
    super({ ratchetWindowSize: 10, keyringSize: 256 });
  }
  async setRawKey(key: Uint8Array, identity: string, index: number) {
    this.onSetEncryptionKey(await createKeyMaterialFromBuffer(key.slice().buffer), identity, index);
  }
}

/** Starts `client` and waits for its first sync. */
/**
 * As Element Call joins LiveKit: an OpenID token exchanged at the credentials service's
 * `/get_token`, then the room joined with the `url` and `jwt` it answers (encrypted if asked).
 */
async function connectThroughService(
  client: MatrixClient,
  user: TestMatrixUser,
  roomId: string,
  service: string,
  options: RoomOptions,
  encrypted: boolean,
): Promise<Room> {
  const openid = await client.getOpenIdToken();
  const member = { id: `${user.userId}:${user.deviceId}`, claimed_user_id: user.userId, claimed_device_id: user.deviceId };
  const answer = await post<{ url: string; jwt: string }>(`${service}/get_token`, { room_id: roomId, slot_id: 'm.call#ROOM', openid_token: openid, member });
  const room = new Room(options);
  if (encrypted) await room.setE2EEEnabled(true);
  await room.connect(answer.url, answer.jwt);
  return room;
}

async function startSynced(client: MatrixClient): Promise<void> {
  const prepared = new Promise<void>((resolve) => {
    const onSync = (state: string) => {
      if (state !== 'PREPARED' && state !== 'SYNCING') return;
      client.off(ClientEvent.Sync, onSync);
      resolve();
    };
    client.on(ClientEvent.Sync, onSync);
  });
  await client.startClient({ initialSyncLimit: 20 });
  await prepared;
}

/**
 * A matrix-js-sdk client of `user`'s device with Rust crypto (in memory: a new Olm device
 * identity, its keys uploaded at the first sync), started and synced: what the Tchap web client
 * hosting our element is, or an Element Call participant.
 */
export async function cryptoClient(user: TestMatrixUser): Promise<MatrixClient> {
  const client = createClient({ baseUrl: user.homeserver, accessToken: user.accessToken, userId: user.userId, deviceId: user.deviceId });
  await client.initRustCrypto({ useIndexedDB: false });
  await startSynced(client);
  return client;
}

/** The adapter of docs/guide.md ("Encrypted rooms"): a matrix-js-sdk client as matrixBackend's `toDevice`. */
export function toDeviceOf(client: MatrixClient): MatrixToDevice {
  return {
    async send(type, targets, content) {
      // Devices the client has not fetched yet would be skipped silently.
      await client.getCrypto()?.getUserDeviceInfo([...new Set(targets.map((t) => t.userId))], true);
      await client.encryptAndSendToDevice(type, targets, content);
    },
    subscribe(listener) {
      const onMessage = ({ message, encryptionInfo }: ReceivedToDeviceMessage) =>
        listener({
          type: message.type,
          sender: encryptionInfo?.sender ?? message.sender,
          content: message.content,
          encrypted: encryptionInfo !== null,
          senderDevice: encryptionInfo?.senderDevice,
        });
      client.on(ClientEvent.ReceivedToDeviceMessage, onMessage);
      return () => client.off(ClientEvent.ReceivedToDeviceMessage, onMessage);
    },
  };
}

export class ElementCallPeer {
  private constructor(
    readonly user: TestMatrixUser,
    readonly client: MatrixClient,
    readonly matrixRoom: MatrixRoom,
    readonly session: MatrixRTCSession,
    readonly room: Room,
    private readonly stopVideo: () => Promise<void>,
  ) {}

  /**
   * Joins the call of `roomId`: the MatrixRTC membership through matrix-js-sdk, then LiveKit with
   * the credentials of our service, publishing a synthetic camera. `worker` encrypts the media with
   * per-participant keys exchanged as room events.
   */
  static async join(
    user: TestMatrixUser,
    roomId: string,
    { worker, toDevice = false }: { worker?: Worker; toDevice?: boolean } = {},
  ): Promise<ElementCallPeer> {
    const keyProvider = worker ? new PeerKeyProvider() : undefined;
    const options: RoomOptions = keyProvider && worker ? { encryption: { keyProvider, worker } } : {};
    if (toDevice) return ElementCallPeer.joinWithToDeviceKeys(user, roomId, options, keyProvider);
    const client = createClient({ baseUrl: user.homeserver, accessToken: user.accessToken, userId: user.userId, deviceId: user.deviceId });
    if (keyProvider) {
      // Others' keys, from the room's timeline (from the first sync on), for the LiveKit identity of their membership.
      client.on(MatrixRoomEvent.Timeline, (event: MatrixEvent) => {
        if (event.getRoomId() !== roomId || event.getType() !== KEYS_EVENT) return;
        const content = event.getContent<{ device_id?: string; keys?: Array<{ index: number; key: string }> }>();
        const sender = event.getSender();
        if (!sender || typeof content.device_id !== 'string' || (sender === user.userId && content.device_id === user.deviceId)) return;
        const device = content.device_id;
        void rtcIdentity(sender, device, `${sender}:${device}`).then(async (identity) => {
          for (const { index, key } of content.keys ?? []) await keyProvider.setRawKey(unbase64(key), identity, index);
        });
      });
    }
    await startSynced(client);
    const matrixRoom = client.getRoom(roomId);
    if (!matrixRoom) throw new Error(`${user.userId} is not in ${roomId}`);
    const session = client.matrixRTC.getRoomSession(matrixRoom);
    const service = LIVEKIT_SERVICE();
    session.joinRoomSession([{ type: 'livekit', livekit_service_url: service, livekit_alias: roomId }], undefined, { manageMediaKeys: false });

    const room = await connectThroughService(client, user, roomId, service, options, !!keyProvider);
    if (keyProvider) {
      const key = crypto.getRandomValues(new Uint8Array(16));
      await keyProvider.setRawKey(key, room.localParticipant.identity, 0);
      await client.sendEvent(
        roomId,
        KEYS_EVENT as never,
        { keys: [{ index: 0, key: base64(key) }], device_id: user.deviceId, call_id: '', sent_ts: Date.now() } as never,
      );
    }
    const stopVideo = await publishSyntheticVideo(room);
    return new ElementCallPeer(user, client, matrixRoom, session, room, stopVideo);
  }

  /**
   * Element Call as matrix-js-sdk 43 makes it: Rust crypto (in memory) on the peer's device, and
   * the MatrixRTC session managing the media keys itself — sent and received as Olm-encrypted
   * to-device messages (ToDeviceKeyTransport), rotated when someone leaves — each key given to
   * LiveKit for the identity our credentials service gave that member.
   */
  private static async joinWithToDeviceKeys(
    user: TestMatrixUser,
    roomId: string,
    options: RoomOptions,
    keyProvider?: PeerKeyProvider,
  ): Promise<ElementCallPeer> {
    const client = await cryptoClient(user);
    const matrixRoom = client.getRoom(roomId);
    if (!matrixRoom) throw new Error(`${user.userId} is not in ${roomId}`);
    // The devices of the room's members, as a client that has been running a while knows them.
    await client.getCrypto()!.getUserDeviceInfo(
      matrixRoom.getJoinedMembers().map((m) => m.userId),
      true,
    );
    const service = LIVEKIT_SERVICE();
    const room = await connectThroughService(client, user, roomId, service, options, !!keyProvider);
    const session = client.matrixRTC.getRoomSession(matrixRoom);
    if (keyProvider) {
      session.on('encryption_key_changed' as MatrixRTCSessionEvent.EncryptionKeyChanged, (key, index, membership) => {
        void rtcIdentity(membership.userId, membership.deviceId, membership.memberId).then((identity) => keyProvider.setRawKey(key, identity, index));
      });
    }
    session.joinRoomSession([{ type: 'livekit', livekit_service_url: service, livekit_alias: roomId }], undefined, { manageMediaKeys: Boolean(keyProvider) });
    const stopVideo = await publishSyntheticVideo(room);
    return new ElementCallPeer(user, client, matrixRoom, session, room, stopVideo);
  }

  /** The Matrix display name of the LiveKit participant `identity`, as Element Call finds it: through the session's memberships. */
  async nameOf(identity: string): Promise<string | undefined> {
    for (const membership of this.session.memberships) {
      const identities = [membership.rtcBackendIdentity, await rtcIdentity(membership.sender ?? '', membership.deviceId, membership.memberId)];
      if (identities.includes(identity)) return this.matrixRoom.getMember(membership.sender ?? '')?.rawDisplayName;
    }
    return undefined;
  }

  async leave(): Promise<void> {
    await this.stopVideo().catch(() => undefined);
    await this.room.disconnect();
    await this.session.leaveRoomSession(5_000).catch(() => false);
    this.client.stopClient();
  }
}
