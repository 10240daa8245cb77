// The MatrixRTC backend's work, loaded on first use (its own chunk): finding the LiveKit
// credentials service, the OpenID exchange, the call membership, Matrix display names and media
// keys (sent to newcomers, rotated when someone leaves, as room events or, through the host's
// Matrix client, as Olm-encrypted to-device messages). Facts and sources: docs/guide.md, "Tchap /
// Element Call"; the event contents follow matrix-js-sdk 43's src/matrixrtc (MembershipManager,
// CallMembership, RTCEncryptionManager, ToDeviceKeyTransport) and Element Call's key events; what
// other members send is read by matrix-events.ts, as untrusted input. The access token goes in an
// Authorization header only: never in a URL, a message or a log.
import { VisioError } from '../errors.js';
import { validateConnectionDetails, type ConnectionDetails } from '../token-source.js';
import type { Unsubscribe } from '../subscribe.js';
import { rateLimiter } from '../untrusted.js';
import type { AttendHooks, BackendCall, CredentialsOptions } from './backend.js';
import {
  base64,
  CALL_MEMBER,
  ENCRYPTION_KEYS,
  identitiesOf,
  MEMBERSHIP_EXPIRES,
  KEY_INDEXES,
  MAX_KEYS_PER_EVENT,
  membershipOf,
  ownsStateKey,
  record,
  roomKeysOf,
  toDeviceKeyOf,
  type KeyEvent,
  type MediaKey,
  type Membership,
} from './matrix-events.js';

/** The part of `MatrixKeyProvider` (matrix.ts) this chunk uses. */
interface KeySetter {
  setRawKey(key: Uint8Array, identity: string, index: number): Promise<void>;
}

/**
 * A signed-in Matrix session and the room whose call to join. The host supplies it (its own
 * Matrix client's session): the user never types it into the element, and the access token is
 * never logged, shown or put in the DOM.
 */
export interface MatrixBackendOptions {
  /** The homeserver's client API base, `https://matrix.example.fr`. */
  homeserver: string;
  /** The Matrix room whose call to join, `!abc:example.fr`. */
  roomId: string;
  /** `@camille:example.fr` */
  userId: string;
  accessToken: string;
  deviceId: string;
  /**
   * The LiveKit credentials service (`https://…/livekit/jwt`), when the host knows it. Otherwise
   * it is discovered: the homeserver's MSC4143 `rtc/transports` endpoint, then the
   * `org.matrix.msc4143.rtc_foci` key of the `.well-known/matrix/client` of `wellKnownBase`.
   */
  livekitServiceUrl?: string;
  /**
   * Where `/.well-known/matrix/client` is served. Default: `https://<server name>`, the server
   * name being the part of `userId` after its first `:`, as the Matrix specification says.
   */
  wellKnownBase?: string;
  /** For tests and exotic environments. Default: the global `fetch`. */
  fetch?: typeof fetch;
  /**
   * The host's own Matrix client, for media keys as Olm-encrypted to-device messages: what
   * Element Call sends (matrix-js-sdk 43's ToDeviceKeyTransport), and the only way keys may travel
   * in an encrypted Matrix room (Tchap's rooms are). The element has no Olm of its own: the host's
   * client, which holds this device's keys, encrypts, sends, receives and decrypts. Without it, in
   * an encrypted room, `e2ee` fails with `e2ee-unavailable`. docs/guide.md has the adapter for a
   * matrix-js-sdk client.
   */
  toDevice?: MatrixToDevice;
}

/** A to-device message the host's Matrix client received. */
export interface MatrixToDeviceMessage {
  /** The event type, once decrypted (`io.element.call.encryption_keys`). */
  type: string;
  /** The sending user (for an encrypted message, as Olm authenticated it). */
  sender: string;
  /** The content, once decrypted: untrusted. */
  content: unknown;
  /** Whether it came Olm-encrypted (only those are believed in an encrypted room). */
  encrypted: boolean;
  /** The sending device as Olm knows it, when it does: a key claiming another device is refused. */
  senderDevice?: string;
}

/** The host Matrix client's to-device messages (see `MatrixBackendOptions.toDevice`). */
export interface MatrixToDevice {
  /** Encrypts `content` for each of `targets` (Olm) and sends it as a to-device message of `type`. */
  send(type: string, targets: Array<{ userId: string; deviceId: string }>, content: Record<string, unknown>): Promise<void>;
  /** Calls `listener` with each to-device message received, decrypted; returns what stops it. */
  subscribe(listener: (message: MatrixToDeviceMessage) => void): Unsubscribe;
}

export { CALL_MEMBER, ENCRYPTION_KEYS };

/** How often the membership's `expires` is pushed forward while in the call. */
const MEMBERSHIP_REFRESH = 60 * 60_000;
/** How long one /sync waits for news. */
const SYNC_TIMEOUT = 30_000;
/** Wait before trying again after a failed request. */
const RETRY = 3_000;
/** How often the room is read when the host's client syncs (see `news`). */
const POLL = 1_500;
const MESSAGES_PAGE = 100;
/** How long after sending a new key of ours it starts encrypting (Element Call's `useKeyDelay`). */
const USE_KEY_DELAY = 1_000;
/** Untrusted input bounds: display names, memberships kept, key events waiting for their membership (in all, per sender). */
const MAX_NAME = 255;
const MAX_MEMBERSHIPS = 500;
const MAX_PENDING_KEYS = 256;
const MAX_PENDING_PER_SENDER = 4;
/** Key events accepted per device (sender and claimed device), per KEY_WINDOW. */
const KEYS_PER_WINDOW = 20;
const KEY_WINDOW = 10_000;

interface Answer {
  status: number;
  json: Record<string, unknown> | undefined;
}

interface Request {
  method?: 'GET' | 'POST' | 'PUT';
  body?: unknown;
  /** Sends the access token (calls to the homeserver's client API). */
  auth?: boolean;
  signal?: AbortSignal;
  keepalive?: boolean;
}

/** The credentials service each backend's options found (for the membership's `foci_preferred`). */
const services = new WeakMap<MatrixBackendOptions, string>();

const trim = (url: string) => url.replace(/\/+$/, '');
/** Waits `ms`, or less when `signal` aborts. */
const pause = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

/** The server's `errcode` (`M_UNKNOWN_TOKEN`…), when it is one. */
function errcodeOf(answer: Answer): string | undefined {
  const errcode = answer.json?.errcode;
  return typeof errcode === 'string' && /^[A-Z0-9_.]{1,64}$/i.test(errcode) ? errcode : undefined;
}

async function send(options: MatrixBackendOptions, url: string, what: string, request: Request = {}): Promise<Answer> {
  const { method = 'GET', body, auth = false, signal, keepalive } = request;
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (auth) headers.Authorization = `Bearer ${options.accessToken}`;
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  let response: Response;
  try {
    response = await doFetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'omit', signal, keepalive });
  } catch (cause) {
    if (signal?.aborted) throw cause;
    throw new VisioError('matrix-unreachable', `${what} (${new URL(url).origin}) could not be reached.`, { cause });
  }
  let json: Record<string, unknown> | undefined;
  try {
    json = record(JSON.parse(await response.text()));
  } catch {
    json = undefined;
  }
  return { status: response.status, json };
}

/** A refusal (4xx) or a failure (5xx) of `what`, keeping the status and the Matrix errcode. */
function refusal(what: string, answer: Answer): VisioError {
  const reason = errcodeOf(answer);
  const detail = `${answer.status}${reason ? ` ${reason}` : ''}`;
  if (answer.status >= 500) return new VisioError('matrix-unreachable', `${what} failed (${detail}).`, { status: answer.status, reason });
  return new VisioError('matrix-credentials-refused', `${what} refused the request (${detail}).`, { status: answer.status, reason });
}

const ok = (answer: Answer) => answer.status >= 200 && answer.status <= 299;

/** The first `{type: "livekit", livekit_service_url}` of a list, as an http(s) URL. */
function livekitService(list: unknown): string | undefined {
  if (!Array.isArray(list)) return undefined;
  for (const entry of list) {
    const transport = record(entry);
    const url = transport?.livekit_service_url;
    if (transport?.type !== 'livekit' || typeof url !== 'string') continue;
    try {
      if (/^https?:$/.test(new URL(url).protocol)) return trim(url);
    } catch {
      // not a URL: the next one
    }
  }
  return undefined;
}

/** The server name of a user id: what follows its first `:`. */
const serverNameOf = (userId: string) => userId.slice(userId.indexOf(':') + 1);

/**
 * The LiveKit credentials service: the homeserver's MSC4143 transports, else the `.well-known`
 * of the server name (or of `wellKnownBase`).
 */
async function discover(options: MatrixBackendOptions, signal?: AbortSignal): Promise<string> {
  const homeserver = trim(options.homeserver);
  const transports = await send(options, `${homeserver}/_matrix/client/unstable/org.matrix.msc4143/rtc/transports`, 'The Matrix homeserver', {
    auth: true,
    signal,
  });
  if (transports.status === 401) throw refusal('The Matrix homeserver', transports);
  const fromTransports = ok(transports) ? livekitService(transports.json?.rtc_transports) : undefined;
  if (fromTransports) return fromTransports;
  const base = trim(options.wellKnownBase ?? `https://${serverNameOf(options.userId)}`);
  const wellKnown = await send(options, `${base}/.well-known/matrix/client`, 'The Matrix server’s .well-known', { signal }).catch((error: unknown) => {
    if (signal?.aborted) throw error;
    return undefined;
  });
  const fromWellKnown = wellKnown && ok(wellKnown) ? livekitService(wellKnown.json?.['org.matrix.msc4143.rtc_foci']) : undefined;
  if (fromWellKnown) return fromWellKnown;
  throw new VisioError('matrix-livekit-not-found', `No LiveKit credentials service was found for ${serverNameOf(options.userId)}.`);
}

/**
 * LiveKit credentials for the Matrix session: an OpenID token from the homeserver, exchanged at
 * the credentials service's `/get_token` (or `/sfu/get` when that answers 404). The `url` and
 * `jwt` are used exactly as they come: the LiveKit room and identity are the service's hashes.
 */
export async function matrixCredentials(options: MatrixBackendOptions, { signal }: CredentialsOptions): Promise<ConnectionDetails> {
  const { userId, deviceId, roomId } = options;
  const service = options.livekitServiceUrl ? trim(options.livekitServiceUrl) : await discover(options, signal);
  services.set(options, service);
  const openid = await send(
    options,
    `${trim(options.homeserver)}/_matrix/client/v3/user/${encodeURIComponent(userId)}/openid/request_token`,
    'The Matrix homeserver',
    {
      method: 'POST',
      body: {},
      auth: true,
      signal,
    },
  );
  if (!ok(openid)) throw refusal('The Matrix homeserver', openid);
  const { access_token, token_type, matrix_server_name, expires_in } = openid.json ?? {};
  if (typeof access_token !== 'string' || typeof matrix_server_name !== 'string') {
    throw new VisioError('matrix-credentials-refused', 'The Matrix homeserver gave no OpenID token.', { status: openid.status });
  }
  // Only the four fields of an OpenID token: the service refuses unknown ones.
  const openidToken = { access_token, token_type, matrix_server_name, expires_in };
  const what = 'The LiveKit credentials service';
  let answer = await send(options, `${service}/get_token`, what, {
    method: 'POST',
    signal,
    body: {
      room_id: roomId,
      slot_id: 'm.call#ROOM',
      openid_token: openidToken,
      member: { id: `${userId}:${deviceId}`, claimed_user_id: userId, claimed_device_id: deviceId },
    },
  });
  if (answer.status === 404) {
    answer = await send(options, `${service}/sfu/get`, what, {
      method: 'POST',
      signal,
      body: { room: roomId, openid_token: openidToken, device_id: deviceId },
    });
  }
  if (!ok(answer)) throw refusal(what, answer);
  return validateConnectionDetails({ server_url: answer.json?.url, participant_token: answer.json?.jwt });
}

/**
 * Keeps this device's membership of the room's call while in the call (published now, refreshed,
 * cleared on leave and when the page is closed), follows the room through /sync for the other
 * memberships and display names, and, when the room encrypts, exchanges media keys. Returns the
 * function that ends it all.
 */
export function attendCall(options: MatrixBackendOptions, keyProvider: KeySetter, call: BackendCall, hooks: AttendHooks): () => void {
  const { userId, deviceId, roomId } = options;
  const homeserver = trim(options.homeserver);
  const room = `${homeserver}/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}`;
  const stateKey = `_${userId}_${deviceId}_m.call`;
  const memberUrl = `${room}/state/${CALL_MEMBER}/${encodeURIComponent(stateKey)}`;
  const stop = new AbortController();
  const { signal } = stop;
  const started = Date.now();
  let refresh: ReturnType<typeof setTimeout> | undefined;
  let txn = 0;

  const membership = (expires: number, createdTs?: number) => ({
    application: 'm.call',
    call_id: '',
    scope: 'm.room',
    device_id: deviceId,
    membershipID: `${userId}:${deviceId}`,
    'm.call.intent': 'video',
    focus_active: { type: 'livekit', focus_selection: 'oldest_membership' },
    foci_preferred: [{ type: 'livekit', livekit_service_url: services.get(options) ?? options.livekitServiceUrl ?? '', livekit_alias: roomId }],
    expires,
    ...(createdTs === undefined ? {} : { created_ts: createdTs }),
  });

  /** Publishes the membership; pushes `expires` forward every MEMBERSHIP_REFRESH. */
  const publish = async (first: boolean): Promise<void> => {
    const content = first ? membership(MEMBERSHIP_EXPIRES) : membership(Date.now() - started + MEMBERSHIP_EXPIRES, started);
    let delay = MEMBERSHIP_REFRESH;
    try {
      const answer = await send(options, memberUrl, 'The Matrix homeserver', { method: 'PUT', body: content, auth: true, signal });
      if (answer.status === 401 || answer.status === 403) {
        const reason = errcodeOf(answer);
        hooks.error(
          new VisioError('matrix-membership-failed', `The Matrix homeserver refused the call membership (${answer.status}${reason ? ` ${reason}` : ''}).`, {
            status: answer.status,
            reason,
          }),
        );
        return;
      }
      if (!ok(answer)) delay = RETRY;
    } catch (error) {
      if (signal.aborted) return;
      delay = RETRY;
      if (first) hooks.error(error);
    }
    if (!signal.aborted) refresh = setTimeout(() => void publish(delay === RETRY && first), delay);
  };

  /** Clears the membership (an empty content leaves the call); `keepalive` lets it outlive the page. */
  const clear = (keepalive: boolean) =>
    send(options, memberUrl, 'The Matrix homeserver', { method: 'PUT', body: {}, auth: true, keepalive }).catch(() => undefined);
  const onPageHide = () => void clear(true);
  globalThis.addEventListener?.('pagehide', onPageHide);

  // The room as /sync tells it: memberships by state key, display names by user, keys.
  const memberships = new Map<string, Membership>();
  const displayNames = new Map<string, string>();
  let encryptedRoom = false;
  let lastNames = '';
  const encrypting = call.room.hasE2EESetup;
  const { toDevice } = options;
  const ourIdentity = call.room.localParticipant.identity;
  /** Our media key now (Element Call's: 16 random bytes), and its index (0‥255, one more at each rotation). */
  let own: MediaKey = { index: 0, key: crypto.getRandomValues(new Uint8Array(16)) };
  let keySent = false;
  /** The devices (`sender|device`) of the memberships our key went to. */
  let keyedDevices = new Map<string, Membership>();
  /** Rotations run one after the other, off the sync loop. */
  let rotation = Promise.resolve();

  /** Our own key encrypts what we send from the start; others get it with the key event. */
  const ownKeySet = encrypting ? keyProvider.setRawKey(own.key, ourIdentity, 0).catch((error: unknown) => hooks.error(error)) : Promise.resolve();

  /**
   * Sends `key` to the call: as a room event in a room that does not encrypt (everyone in the room
   * can read it, as with Element Call's room transport), and as an Olm-encrypted to-device message
   * to each of `targets`' devices through the host's Matrix client when it gave one (in an
   * encrypted room, only that way).
   */
  const sendKey = async ({ index, key }: MediaKey, targets: Membership[]) => {
    await ownKeySet;
    const encoded = base64.encode(key);
    if (!encryptedRoom) {
      const content = { keys: [{ index, key: encoded }], device_id: deviceId, call_id: '', sent_ts: Date.now() };
      const url = `${room}/send/${ENCRYPTION_KEYS}/${encodeURIComponent(`visio-${started}-${++txn}`)}`;
      const answer = await send(options, url, 'The Matrix homeserver', { method: 'PUT', body: content, auth: true, signal });
      if (!ok(answer)) throw refusal('The Matrix homeserver', answer);
    }
    if (toDevice && targets.length) {
      // matrix-js-sdk 43's ToDeviceKeyTransport.sendKey, field for field.
      const content = {
        keys: { index, key: encoded },
        room_id: roomId,
        member: { claimed_device_id: deviceId, id: `${userId}:${deviceId}` },
        session: { call_id: '', application: 'm.call', scope: 'm.room' },
        sent_ts: Date.now(),
      };
      try {
        await toDevice.send(
          ENCRYPTION_KEYS,
          targets.map((m) => ({ userId: m.sender, deviceId: m.deviceId })),
          content,
        );
      } catch (cause) {
        throw new VisioError('matrix-keys-failed', 'The host’s Matrix client could not send the call’s media key as to-device messages.', { cause });
      }
    }
  };

  /**
   * A new key when someone left (Element Call's RTCEncryptionManager): sent to those who remain,
   * and used to encrypt only USE_KEY_DELAY later, so that they have it when the first frame
   * encrypted with it reaches them.
   */
  const rotate = (targets: Membership[]) => {
    const next: MediaKey = { index: (own.index + 1) % KEY_INDEXES, key: crypto.getRandomValues(new Uint8Array(16)) };
    own = next;
    rotation = rotation
      .then(async () => {
        await sendKey(next, targets);
        await new Promise((resolve) => setTimeout(resolve, USE_KEY_DELAY));
        if (!signal.aborted) await keyProvider.setRawKey(next.key, ourIdentity, next.index);
      })
      .catch((error: unknown) => {
        if (!signal.aborted) hooks.error(error);
      });
  };

  /** A valid, unexpired membership of that device, if any. */
  const memberOf = (sender: string, device: string): Membership | undefined => {
    const now = Date.now();
    return [...memberships.values()].find((m) => m.sender === sender && m.deviceId === device && m.until > now);
  };
  const keyAllowed = rateLimiter(KEYS_PER_WINDOW, KEY_WINDOW);
  /** Keys of devices whose membership has not come yet (`sender|device` → the keys, newest last). */
  const pending = new Map<string, KeyEvent>();

  const hold = (device: string, keys: KeyEvent) => {
    const held = pending.get(device);
    const indexes = new Set(keys.keys.map((k) => k.index));
    pending.delete(device);
    pending.set(device, { ...keys, keys: [...(held?.keys.filter((k) => !indexes.has(k.index)) ?? []), ...keys.keys].slice(-MAX_KEYS_PER_EVENT) });
    const ofSender = [...pending.keys()].filter((d) => pending.get(d)?.sender === keys.sender);
    for (const d of ofSender.slice(0, Math.max(0, ofSender.length - MAX_PENDING_PER_SENDER))) pending.delete(d);
    for (const d of [...pending.keys()].slice(0, Math.max(0, pending.size - MAX_PENDING_KEYS))) pending.delete(d);
  };

  /** Keys count only from a sender with a valid membership for the device they claim (else they wait for it). */
  const onKeys = async (keys: KeyEvent, counted = false) => {
    if (keys.sender === userId && keys.deviceId === deviceId) return;
    const device = `${keys.sender}|${keys.deviceId}`;
    if (!counted && !keyAllowed(device)) return;
    const member = memberOf(keys.sender, keys.deviceId);
    if (!member) return hold(device, keys);
    for (const identity of await identitiesOf(member)) for (const { index, key } of keys.keys) await keyProvider.setRawKey(key, identity, index);
  };

  /** Keys the host's Matrix client received as to-device messages: in an encrypted room, only Olm-encrypted ones. */
  const onToDevice = (message: MatrixToDeviceMessage) => {
    if (!encrypting || message.type !== ENCRYPTION_KEYS) return;
    if (encryptedRoom && !message.encrypted) return;
    const keys = toDeviceKeyOf(message.sender, message.content, roomId);
    // Olm says which device sent it: a key claiming another device of the same user is not believed.
    if (!keys || (message.senderDevice !== undefined && message.senderDevice !== keys.deviceId)) return;
    onKeys(keys).catch((error: unknown) => hooks.error(error));
  };
  const unsubscribeToDevice = toDevice?.subscribe(onToDevice);

  const apply = async (event: unknown) => {
    const e = record(event);
    if (!e) return;
    const content = record(e.content) ?? {};
    if (e.type === CALL_MEMBER && typeof e.state_key === 'string') {
      // Under someone else's state key: forged, it changes nothing (theirs stays as it was).
      if (typeof e.sender !== 'string' || !ownsStateKey(e.sender, e.state_key)) return;
      const found = membershipOf(e);
      if (found) {
        if (memberships.size < MAX_MEMBERSHIPS || memberships.has(e.state_key)) memberships.set(e.state_key, found);
      } else memberships.delete(e.state_key);
    } else if (e.type === 'm.room.member' && typeof e.state_key === 'string') {
      const name = content.displayname;
      if (content.membership === 'join' && typeof name === 'string' && name.trim()) displayNames.set(e.state_key, name.trim().slice(0, MAX_NAME));
      else displayNames.delete(e.state_key);
    } else if (e.type === 'm.room.encryption' && typeof e.state_key === 'string') {
      encryptedRoom = true;
    } else if (e.type === ENCRYPTION_KEYS && encrypting && !encryptedRoom) {
      const keys = roomKeysOf(e);
      if (keys) await onKeys(keys);
    }
  };

  /** After each sync: names for every membership's identities; our key to devices that joined. */
  const settle = async () => {
    const names = new Map<string, string>();
    const now = Date.now();
    for (const [key, member] of memberships) {
      if (member.until <= now) {
        memberships.delete(key);
        continue;
      }
      const name = displayNames.get(member.sender) ?? member.sender;
      for (const identity of await identitiesOf(member)) names.set(identity, name);
    }
    for (const [device, keys] of pending) {
      if (!memberOf(keys.sender, keys.deviceId)) continue;
      pending.delete(device);
      if (encrypting) await onKeys(keys, true);
    }
    const ownName = displayNames.get(userId);
    if (ownName) names.set(ourIdentity, ownName);
    const key = JSON.stringify([...names]);
    if (key !== lastNames && !signal.aborted) {
      lastNames = key;
      hooks.names(names);
    }
    if (!encrypting) return;
    if (encryptedRoom && !toDevice) {
      if (!keySent) {
        keySent = true;
        hooks.error(
          new VisioError(
            'e2ee-unavailable',
            'This Matrix room is encrypted: its call keys may only travel as Olm-encrypted to-device messages, and the host gave no Matrix client to send them (the `toDevice` option). No key was sent in the clear.',
          ),
        );
      }
      return;
    }
    const others = [...memberships.values()].filter((m) => !(m.sender === userId && m.deviceId === deviceId));
    const devices = new Map(others.map((m) => [`${m.sender}|${m.deviceId}`, m]));
    const left = [...keyedDevices.keys()].some((device) => !devices.has(device));
    const joined = others.filter((m) => !keyedDevices.has(`${m.sender}|${m.deviceId}`));
    if (keySent && left) rotate(others);
    // Newcomers get the key now in use (the new one, during a rotation): Element Call does the same.
    else if (!keySent || joined.length) await sendKey(own, keySent ? joined : others);
    keySent = true;
    keyedDevices = devices;
  };

  const filter = JSON.stringify({
    presence: { not_types: ['*'] },
    account_data: { not_types: ['*'] },
    room: {
      rooms: [roomId],
      state: { types: [CALL_MEMBER, 'm.room.member', 'm.room.encryption'] },
      timeline: { types: [CALL_MEMBER, 'm.room.member', 'm.room.encryption', ENCRYPTION_KEYS], limit: 50 },
      ephemeral: { not_types: ['*'] },
      account_data: { not_types: ['*'] },
    },
  });

  const messagesFilter = JSON.stringify({ types: [CALL_MEMBER, 'm.room.member', 'm.room.encryption', ENCRYPTION_KEYS], lazy_load_members: false });

  /**
   * The room's news. A /sync with a `since` acknowledges the device's to-device messages, which
   * the homeserver then deletes: with the host's Matrix client syncing the same device (the
   * `toDevice` option), a /sync of ours could take the media keys away from it. So then, after a
   * first /sync (without `since`: it acknowledges nothing), the room is followed with /messages.
   */
  const news = async (since: string | undefined): Promise<{ events: unknown[]; next: string | undefined }> => {
    const events = (list: unknown): unknown[] => (Array.isArray(list) ? (list as unknown[]) : []);
    if (toDevice && since) {
      const query = new URLSearchParams({ dir: 'f', from: since, limit: String(MESSAGES_PAGE), filter: messagesFilter });
      const answer = await send(options, `${room}/messages?${query}`, 'The Matrix homeserver', { auth: true, signal });
      if (answer.status === 401) throw refusal('The Matrix homeserver', answer);
      if (!ok(answer) || !Array.isArray(answer.json?.chunk))
        throw new VisioError('matrix-unreachable', `The Matrix homeserver's /messages failed (${answer.status}).`);
      const chunk = events(answer.json.chunk);
      // A full page: more is waiting. Otherwise the next look is POLL later (whatever `end` says).
      if (chunk.length < MESSAGES_PAGE) await pause(POLL, signal);
      return { events: chunk, next: typeof answer.json.end === 'string' ? answer.json.end : since };
    }
    const query = new URLSearchParams({ filter, timeout: since ? String(SYNC_TIMEOUT) : '0', ...(since ? { since } : {}) });
    const answer = await send(options, `${homeserver}/_matrix/client/v3/sync?${query}`, 'The Matrix homeserver', { auth: true, signal });
    if (answer.status === 401) throw refusal('The Matrix homeserver', answer);
    if (!ok(answer) || typeof answer.json?.next_batch !== 'string')
      throw new VisioError('matrix-unreachable', `The Matrix homeserver's /sync failed (${answer.status}).`);
    const joined = record(record(record(answer.json.rooms)?.join)?.[roomId]);
    return { events: [...events(record(joined?.state)?.events), ...events(record(joined?.timeline)?.events)], next: answer.json.next_batch };
  };

  const sync = async () => {
    let since: string | undefined;
    /** The code of the failure last reported: a homeserver that stays down is reported once. */
    let failing: string | undefined;
    while (!signal.aborted) {
      try {
        const { events, next } = await news(since);
        since = next;
        for (const event of events) await apply(event);
        await settle();
        failing = undefined;
      } catch (error) {
        if (signal.aborted) return;
        const code = error instanceof VisioError ? error.code : 'unknown';
        if (code !== failing) hooks.error(error);
        failing = code;
        if (error instanceof VisioError && error.code === 'matrix-credentials-refused') return;
        await pause(RETRY, signal);
      }
    }
  };

  void publish(true);
  void sync();

  return () => {
    if (signal.aborted) return;
    stop.abort();
    clearTimeout(refresh);
    unsubscribeToDevice?.();
    globalThis.removeEventListener?.('pagehide', onPageHide);
    void clear(false);
  };
}
