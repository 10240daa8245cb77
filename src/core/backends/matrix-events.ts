// What other Matrix users put in the room, read as untrusted input: MatrixRTC memberships and
// media keys. Every member of the room can send a call membership under any state key that does
// not start with `@` (Dendrite's and Synapse's default room versions allow `_@someone_DEVICE_m.call`
// from anyone allowed to send the event), and any key event with any `device_id`: a membership
// counts only under a state key its sender owns, and a key only from a sender holding a valid
// membership for that device. Part of the MatrixRTC chunk (loaded with matrix-rtc.ts).

/** The MatrixRTC membership state event (the "session" form Element Call reads and writes). */
export const CALL_MEMBER = 'org.matrix.msc3401.call.member';
/** Element Call's media keys (room events, and to-device messages in encrypted rooms). */
export const ENCRYPTION_KEYS = 'io.element.call.encryption_keys';

/** A membership is valid this long after it was made, unless it says otherwise (matrix-js-sdk's default, 4 h). */
export const MEMBERSHIP_EXPIRES = 4 * 60 * 60_000;
/** Untrusted input bounds: ids (user, device, membership), keys per event, key length in bytes. */
export const MAX_ID = 255;
export const MAX_KEYS_PER_EVENT = 16;
export const MAX_KEY_BYTES = 64;
/** Key indexes are one byte in the media frames (Element Call counts them modulo 256). */
export const KEY_INDEXES = 256;

export const record = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;

const id = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.length <= MAX_ID;
/** A Matrix user id, `@local:server`. */
const isUserId = (value: unknown): value is string => id(value) && /^@[^:]+:.+$/s.test(value);

export interface Membership {
  sender: string;
  deviceId: string;
  /** The `membershipID` the member gave (the `member.id` of its `/get_token`), when it gave one. */
  membershipId?: string;
  /** When it stops counting (created + expires). */
  until: number;
}

/**
 * The state keys under which `sender`'s membership for `deviceId` may be: matrix-js-sdk 43's
 * `MembershipManager.makeMembershipStateKey` (`_@user:server_DEVICE_m.call`, without the `_` in
 * MSC3757/MSC3779 rooms), the older `@user:server_DEVICE`, and the oldest `@user:server`.
 */
export const stateKeysOf = (sender: string, deviceId: string): string[] => [
  `_${sender}_${deviceId}_m.call`,
  `${sender}_${deviceId}_m.call`,
  `${sender}_${deviceId}`,
  sender,
];

/**
 * Whether the state key is one of `sender`'s own (a form of stateKeysOf for some device). A
 * membership event under someone else's state key is forged: it must change nothing.
 */
export function ownsStateKey(sender: string, stateKey: string): boolean {
  return stateKey === sender || stateKey.startsWith(`_${sender}_`) || stateKey.startsWith(`${sender}_`);
}

/**
 * A valid, unexpired `m.call` room-call membership from a membership event, or undefined: left
 * (empty content), another call, expired, malformed, or not under a state key of its sender for
 * its `device_id`.
 */
export function membershipOf(event: Record<string, unknown>, now = Date.now()): Membership | undefined {
  const content = record(event.content);
  const { sender, state_key: stateKey } = event;
  if (!content || !isUserId(sender) || typeof stateKey !== 'string') return undefined;
  const { application, call_id: callId, device_id: deviceId, membershipID, created_ts: created, expires, focus_active: focus, scope } = content;
  if (application !== 'm.call' || callId !== '' || !id(deviceId) || (scope !== undefined && scope !== 'm.room')) return undefined;
  if (!stateKeysOf(sender, deviceId).includes(stateKey)) return undefined;
  if (typeof record(focus)?.type !== 'string') return undefined;
  if (membershipID !== undefined && !id(membershipID)) return undefined;
  if (created !== undefined && (typeof created !== 'number' || !Number.isFinite(created))) return undefined;
  if (expires !== undefined && (typeof expires !== 'number' || !Number.isFinite(expires) || expires <= 0)) return undefined;
  const since = typeof created === 'number' ? created : typeof event.origin_server_ts === 'number' ? event.origin_server_ts : now;
  const until = since + (typeof expires === 'number' ? expires : MEMBERSHIP_EXPIRES);
  if (!(until > now)) return undefined;
  return { sender, deviceId, membershipId: membershipID, until };
}

/** Standard base64, unpadded (as Element Call writes keys); `decode` takes padded and URL-safe too. */
export const base64 = {
  encode: (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/=+$/, ''),
  decode(text: string): Uint8Array | undefined {
    if (text.length > MAX_KEY_BYTES * 2) return undefined;
    try {
      const plain = atob(text.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, ''));
      return Uint8Array.from(plain, (c) => c.charCodeAt(0));
    } catch {
      return undefined;
    }
  },
};

export interface MediaKey {
  index: number;
  key: Uint8Array;
}

/** One `{index, key}` entry of a key event, or undefined: index out of 0‥255, key not base64 or not 1‥64 bytes. */
export function mediaKeyOf(entry: unknown): MediaKey | undefined {
  const { index, key } = record(entry) ?? {};
  if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= KEY_INDEXES || typeof key !== 'string') return undefined;
  const bytes = base64.decode(key);
  return bytes?.length && bytes.length <= MAX_KEY_BYTES ? { index, key: bytes } : undefined;
}

/** Media keys and the device they claim to be of. */
export interface KeyEvent {
  sender: string;
  deviceId: string;
  keys: MediaKey[];
}

/**
 * The keys of an `io.element.call.encryption_keys` room event (`{keys: [{index, key}], device_id,
 * call_id}`), at most MAX_KEYS_PER_EVENT, or undefined when it is not one of this room call's.
 * `device_id` is only a claim: the caller checks that the sender has a membership for it.
 */
export function roomKeysOf(event: Record<string, unknown>): KeyEvent | undefined {
  const content = record(event.content);
  const sender = event.sender;
  if (!content || !isUserId(sender) || !id(content.device_id) || !Array.isArray(content.keys)) return undefined;
  if (content.call_id !== undefined && content.call_id !== '') return undefined;
  const keys = content.keys.slice(0, MAX_KEYS_PER_EVENT).flatMap((entry) => mediaKeyOf(entry) ?? []);
  return keys.length ? { sender, deviceId: content.device_id, keys } : undefined;
}

/**
 * The key of an `io.element.call.encryption_keys` to-device message, as matrix-js-sdk 43's
 * ToDeviceKeyTransport sends it (`{keys: {index, key}, room_id, member: {claimed_device_id, id},
 * session: {call_id, application, scope}, sent_ts}`), for `roomId`; undefined otherwise.
 */
export function toDeviceKeyOf(sender: unknown, content: unknown, roomId: string): KeyEvent | undefined {
  const body = record(content);
  if (!body || !isUserId(sender) || body.room_id !== roomId) return undefined;
  const member = record(body.member);
  if (!member || !id(member.claimed_device_id)) return undefined;
  const session = record(body.session);
  if (session && ((session.call_id !== undefined && session.call_id !== '') || (session.application !== undefined && session.application !== 'm.call')))
    return undefined;
  const key = mediaKeyOf(body.keys);
  return key ? { sender, deviceId: member.claimed_device_id, keys: [key] } : undefined;
}

/**
 * The LiveKit identities a membership may have: the session form's `userId:deviceId` (what the
 * older `/sfu/get` gives), and the hashed form `/get_token` gives (matrix-js-sdk's
 * computeRtcIdentityRaw: base64 of the SHA-256 of `[userId, deviceId, memberId]`). The member's
 * `membershipID` is never an identity by itself: anyone could claim someone else's.
 */
export async function identitiesOf({ sender, deviceId, membershipId }: Pick<Membership, 'sender' | 'deviceId' | 'membershipId'>): Promise<string[]> {
  const memberId = membershipId ?? `${sender}:${deviceId}`;
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(JSON.stringify([sender, deviceId, memberId])));
  return [`${sender}:${deviceId}`, base64.encode(new Uint8Array(digest))];
}
