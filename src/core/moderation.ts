import { DisconnectReason, RoomEvent, Track, type Participant, type Room, type TrackPublication } from 'livekit-client';
import { backendAbilities, type AssignableRole, type BackendAbility, type CallBackend } from './backends/backend.js';
import { ensureDataEncrypted } from './e2ee.js';
import { actionError } from './errors.js';
import { isMutingItself, TRACK_SOURCE, type MediaSource } from './media.js';
import { isRoomHost, type ParticipantRef } from './participants.js';
import { untrustedRef } from './room-hub.js';
import { all, watch, type Unsubscribe } from './subscribe.js';
import { decodeJson, rateLimiter } from './untrusted.js';

/** What a host may do to someone else from a tile's menu or the participant list. */
export type ModerationAction = 'mute' | 'remove' | 'lowerHand' | 'makeAdministrator' | 'makeMember';

/** The moderation actions in the order menus show them. */
export const MODERATION_ACTIONS: readonly ModerationAction[] = ['mute', 'lowerHand', 'makeAdministrator', 'makeMember', 'remove'];

/** The backend method each action needs. */
export const MODERATION_ABILITY: Record<ModerationAction, BackendAbility> = {
  mute: 'muteTrack',
  remove: 'removeParticipant',
  lowerHand: 'lowerHand',
  makeAdministrator: 'setRole',
  makeMember: 'setRole',
};

/**
 * The actions the local participant may take in `room` with `backend`: none unless they run the
 * room (owner or administrator, from `room_role`), then those the backend offers.
 */
export function moderationActions(room: Room | undefined, backend: CallBackend | undefined): ModerationAction[] {
  if (!room || !isRoomHost(room.localParticipant)) return [];
  const abilities = backendAbilities(backend);
  return MODERATION_ACTIONS.filter((action) => abilities.includes(MODERATION_ABILITY[action]));
}

/**
 * The actions that make sense on `target` now, among `allowed`: mute only a microphone that is
 * on, lower only a raised hand, make administrator only a member (an owner stays owner).
 */
export function applicableActions(
  allowed: readonly ModerationAction[],
  target: { microphone: boolean; handRaisedAt?: string; role?: string; isLocal: boolean },
): ModerationAction[] {
  if (target.isLocal) return [];
  return allowed.filter((action) => {
    switch (action) {
      case 'mute':
        return target.microphone;
      case 'lowerHand':
        return !!target.handRaisedAt;
      case 'makeAdministrator':
        return target.role !== 'administrator' && target.role !== 'owner';
      case 'makeMember':
        return target.role === 'administrator';
      default:
        return true;
    }
  });
}

/** La Suite Meet's notification to the participant a moderator muted (reliable data, no topic). */
export const PARTICIPANT_MUTED = 'participantMuted';
/** La Suite Meet's notification to participants who lost publish rights: `data.removedSources`. */
export const PERMISSIONS_REMOVED = 'permissionsRemoved';

/** A moderation notification as sent, checked. */
export type ModerationPacket = { type: typeof PARTICIPANT_MUTED } | { type: typeof PERMISSIONS_REMOVED; removedSources: string[] };

/** The notification `value` (a decoded data packet) is, or `undefined` when it is not one. */
export function parseModerationPacket(value: unknown): ModerationPacket | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const { type, data } = value as { type?: unknown; data?: { removedSources?: unknown } };
  if (type === PARTICIPANT_MUTED) return { type };
  if (type !== PERMISSIONS_REMOVED) return undefined;
  const sources = Array.isArray(data?.removedSources) ? data.removedSources : [];
  return { type, removedSources: sources.filter((source): source is string => typeof source === 'string' && source.length <= 32).slice(0, 8) };
}

/**
 * What was done to the local participant, as they are told: `muted` (their microphone was muted
 * by someone else), `permissionsRemoved` (they may no longer publish `sources`), `removed` (from
 * the call). `by`: who sent the notification that came with it, when one did (untrusted: a name).
 */
export interface Moderated {
  action: 'muted' | 'permissionsRemoved' | 'removed';
  by?: ParticipantRef;
  /** For `permissionsRemoved`: what may no longer be published. */
  sources?: MediaSource[];
}

/** How close (milliseconds) a notification and the real change it tells of must be to be put together. */
export const MODERATION_WINDOW = 5000;
/** Moderation notifications taken per sender: `max` per `windowMs`; the rest are ignored. */
export const MODERATION_PACKET_RATE = { max: 3, windowMs: 10_000 } as const;

/** LiveKit's protocol numbers for the sources (`TrackSource` in `canPublishSources`). */
const PROTO_SOURCE: Record<MediaSource, number> = { camera: 1, microphone: 2, screenShare: 3 };
const SOURCES: readonly MediaSource[] = ['microphone', 'camera', 'screenShare'];

type Permissions = Participant['permissions'];

function allows(permissions: Permissions, source: MediaSource): boolean {
  if (!permissions) return true;
  if (!permissions.canPublish) return false;
  const sources = (permissions.canPublishSources ?? []) as number[];
  return sources.length === 0 || sources.includes(PROTO_SOURCE[source]);
}

/** Whether the participant's token lets them publish `source` (true before the server said). */
export function mayPublish(participant: Pick<Participant, 'permissions'>, source: MediaSource): boolean {
  return allows(participant.permissions, source);
}

/** Whether the local participant may publish `source`, now and at each change of their rights. */
export function observeMayPublish(room: Room, source: MediaSource, next: (allowed: boolean) => void): Unsubscribe {
  let last: boolean | undefined;
  return watch(room, [RoomEvent.ParticipantPermissionsChanged, RoomEvent.Connected, RoomEvent.SignalConnected], () => {
    const allowed = mayPublish(room.localParticipant, source);
    if (allowed === last) return;
    last = allowed;
    next(allowed);
  });
}

/**
 * Tells what moderators did to the local participant, believing only what really happened: a
 * `participantMuted` notification counts when the local microphone was really muted within
 * {@link MODERATION_WINDOW} of it (before or after); lost publish rights come from the server's
 * permission change (a `permissionsRemoved` notification only names who did it); a removal from
 * the server's disconnect reason. Notifications are rate-limited per sender, so a forged flood
 * shows nothing; a mute the user makes through `setSourceEnabled` is never taken for a moderator's.
 */
export function onModerated(room: Room, listener: (moderated: Moderated) => void, now: () => number = Date.now): Unsubscribe {
  const accept = rateLimiter(MODERATION_PACKET_RATE.max, MODERATION_PACKET_RATE.windowMs, now);
  let muteClaim: { at: number; by?: ParticipantRef } | undefined;
  let permissionsClaim: { at: number; by?: ParticipantRef } | undefined;
  let micMutedAt: number | undefined;
  const recent = (at: number | undefined) => at !== undefined && now() - at <= MODERATION_WINDOW;
  const micMuted = () => room.localParticipant.getTrackPublication(Track.Source.Microphone)?.isMuted === true;
  const tellMuted = (by: ParticipantRef | undefined) => {
    muteClaim = undefined;
    micMutedAt = undefined;
    listener({ action: 'muted', ...(by ? { by } : {}) });
  };

  const onData = (payload: Uint8Array, participant?: Participant, _kind?: unknown, topic?: string) => {
    if (topic || participant?.isLocal || !accept(participant?.identity ?? '')) return;
    const packet = parseModerationPacket(decodeJson(payload));
    if (!packet) return;
    const by = participant ? untrustedRef(participant) : undefined;
    if (packet.type === PARTICIPANT_MUTED) {
      if (recent(micMutedAt) && micMuted()) tellMuted(by);
      else muteClaim = { at: now(), by };
    } else {
      permissionsClaim = { at: now(), by };
    }
  };
  const onMuted = (publication: TrackPublication, participant: Participant) => {
    // The user's own mute (the call's button or command) is not a moderator's.
    if (!participant.isLocal || publication.source !== Track.Source.Microphone || isMutingItself(room)) return;
    if (muteClaim && recent(muteClaim.at)) tellMuted(muteClaim.by);
    else micMutedAt = now();
  };
  const onPermissions = (previous: Permissions, participant: Participant) => {
    if (!participant.isLocal || !previous) return;
    const lost = SOURCES.filter((source) => allows(previous, source) && !allows(participant.permissions, source));
    if (!lost.length) return;
    const by = permissionsClaim && recent(permissionsClaim.at) ? permissionsClaim.by : undefined;
    permissionsClaim = undefined;
    listener({ action: 'permissionsRemoved', sources: lost, ...(by ? { by } : {}) });
  };
  const onDisconnected = (reason?: DisconnectReason) => {
    muteClaim = permissionsClaim = micMutedAt = undefined;
    if (reason === DisconnectReason.PARTICIPANT_REMOVED) listener({ action: 'removed' });
  };
  room.on(RoomEvent.DataReceived, onData);
  room.on(RoomEvent.TrackMuted, onMuted);
  room.on(RoomEvent.ParticipantPermissionsChanged, onPermissions);
  room.on(RoomEvent.Disconnected, onDisconnected);
  return all(
    () => room.off(RoomEvent.DataReceived, onData),
    () => room.off(RoomEvent.TrackMuted, onMuted),
    () => room.off(RoomEvent.ParticipantPermissionsChanged, onPermissions),
    () => room.off(RoomEvent.Disconnected, onDisconnected),
  );
}

/**
 * Tells `identity` that a moderator muted them, as La Suite Meet's clients do (reliable data to
 * them alone, no topic, JSON `{ type: 'participantMuted' }`): their client shows why.
 */
export async function sendParticipantMuted(room: Room, identity: string): Promise<void> {
  await ensureDataEncrypted(room);
  const payload = new TextEncoder().encode(JSON.stringify({ type: PARTICIPANT_MUTED }));
  try {
    await room.localParticipant.publishData(payload, { reliable: true, destinationIdentities: [identity] });
  } catch (error) {
    throw actionError('moderation-failed', 'The muted participant could not be told.', error);
  }
}

/** The sid of `identity`'s published `source` (their microphone by default), if any. */
export function trackSidOf(room: Room, identity: string, source: MediaSource = 'microphone'): string | undefined {
  return room.remoteParticipants.get(identity)?.getTrackPublication(TRACK_SOURCE[source])?.trackSid;
}

/** The role each role action gives. */
export const ROLE_OF: Partial<Record<ModerationAction, AssignableRole>> = { makeAdministrator: 'administrator', makeMember: 'member' };
