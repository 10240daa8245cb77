import { ParticipantEvent, type Participant, type Room } from 'livekit-client';
import type { RoomRole } from './backends/backend.js';
import { actionError } from './errors.js';

/** Who someone is, as shown and sent in events: identity and display name. */
export interface ParticipantRef {
  identity: string;
  name: string;
}

/** Names a backend gave participants whose LiveKit name is empty (MatrixRTC: Matrix display names). */
const givenNames = new WeakMap<object, string>();

/** The name to show for a participant: their name, else the name their backend gave them, else their identity. */
export function displayName(participant: Pick<Participant, 'name' | 'identity'>): string {
  return participant.name || givenNames.get(participant) || participant.identity;
}

/**
 * Shows `name` for a participant whose LiveKit name is empty (a backend's name for them, such as
 * their Matrix display name), and tells every view that follows their name.
 */
export function giveName(participant: Participant, name: string): void {
  if (givenNames.get(participant) === name) return;
  givenNames.set(participant, name);
  if (!participant.name) participant.emit(ParticipantEvent.ParticipantNameChanged, name);
}

/** Identity and display name of a participant. */
export function who(participant: Participant): ParticipantRef {
  return { identity: participant.identity, name: displayName(participant) };
}

/** Everyone in the room: the local participant first, then remote ones in the order they joined. */
export function everyone(room: Room): Participant[] {
  return [room.localParticipant, ...room.remoteParticipants.values()];
}

/** The participant with this identity (local or remote), if present. */
export function findParticipant(room: Room, identity: string): Participant | undefined {
  if (room.localParticipant.identity === identity) return room.localParticipant;
  return room.remoteParticipants.get(identity);
}

/** The participant attribute La Suite Meet (and our reference server) puts the room role in. */
export const ROOM_ROLE = 'room_role';

/**
 * The participant's role in the room, from the `room_role` attribute the server wrote in their
 * token (participants cannot set it: tokens do not grant `canUpdateOwnMetadata`), or `undefined`.
 */
export function roomRole(participant: Pick<Participant, 'attributes'>): RoomRole | undefined {
  const value = participant.attributes?.[ROOM_ROLE];
  return value === 'owner' || value === 'administrator' || value === 'member' ? value : undefined;
}

/** Whether the participant runs the room (owner or administrator): they may moderate and admit. */
export function isRoomHost(participant: Pick<Participant, 'attributes'>): boolean {
  const role = roomRole(participant);
  return role === 'owner' || role === 'administrator';
}

/**
 * Renames the local participant for everyone in the call. Needs `canUpdateOwnMetadata` in the
 * token; rejects with a `VisioError` `rename-failed`.
 */
export async function setDisplayName(room: Room, name: string): Promise<void> {
  try {
    await room.localParticipant.setName(name);
  } catch (error) {
    throw actionError('rename-failed', 'The display name could not be changed.', error);
  }
}
