import { RoomEvent, type Participant, type Room } from 'livekit-client';
import { actionError } from './errors.js';
import type { Unsubscribe } from './subscribe.js';

/** The participant attribute `suitenumerique/meet` uses: an ISO time while the hand is up, else empty. */
export const HAND_RAISED_AT = 'handRaisedAt';

/** When the participant raised their hand (ISO time), or `undefined` when it is down. */
export function handRaisedAt(participant: Participant): string | undefined {
  return participant.attributes?.[HAND_RAISED_AT] || undefined;
}

/**
 * Raises or lowers the local participant's hand. Needs `canUpdateOwnMetadata` in the token;
 * rejects with a `VisioError` `hand-raise-failed`.
 */
export async function setHandRaised(room: Room, raised: boolean): Promise<void> {
  try {
    await room.localParticipant.setAttributes({ [HAND_RAISED_AT]: raised ? new Date().toISOString() : '' });
  } catch (error) {
    throw actionError('hand-raise-failed', 'The raised hand could not be set.', error);
  }
}

/** Raised hands first, in the order they were raised, then everyone else in their order. */
export function orderByRaisedHand<T extends { handRaisedAt?: string }>(participants: readonly T[]): T[] {
  const time = (value: T) => Date.parse(value.handRaisedAt ?? '');
  const raised = participants.filter((p) => !Number.isNaN(time(p))).sort((a, b) => time(a) - time(b));
  return [...raised, ...participants.filter((p) => !raised.includes(p))];
}

export interface HandChange {
  participant: Participant;
  /** The ISO time it was raised, or `undefined` when lowered. */
  raisedAt?: string;
}

/** Each time someone (local or remote) raises or lowers their hand. */
export function onHandChanged(room: Room, listener: (change: HandChange) => void): Unsubscribe {
  const handler = (changed: Record<string, string>, participant: Participant) => {
    if (HAND_RAISED_AT in changed) listener({ participant, raisedAt: handRaisedAt(participant) });
  };
  room.on(RoomEvent.ParticipantAttributesChanged, handler);
  return () => room.off(RoomEvent.ParticipantAttributesChanged, handler);
}
