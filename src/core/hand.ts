import { RoomEvent, type Participant, type Room } from 'livekit-client';
import { actionError } from './errors.js';
import type { Unsubscribe } from './subscribe.js';
import { rateLimiter } from './untrusted.js';

/** The participant attribute `suitenumerique/meet` uses: an ISO time while the hand is up, else empty. */
export const HAND_RAISED_AT = 'handRaisedAt';

/** How far ahead of ours a participant's clock may be when they raise a hand. */
export const HAND_CLOCK_SKEW = 60_000;

/**
 * When a hand was raised, from the attribute's `value` as a participant set it, or `undefined`
 * when it is down. Untrusted: a value that is not a time counts as down; a time more than
 * {@link HAND_CLOCK_SKEW} in the future counts as raised at `firstSeen` (when this page first saw
 * that value: nobody jumps the queue by a time to come, and an honest clock a little fast still
 * raises its hand).
 */
export function believableHandTime(value: string | undefined, now: number, firstSeen = now): string | undefined {
  if (!value || value.length > 64) return undefined;
  const time = Date.parse(value);
  if (Number.isNaN(time)) return undefined;
  if (time > now + HAND_CLOCK_SKEW) return new Date(firstSeen).toISOString();
  return new Date(time).toISOString();
}

/** When this page first saw each participant's current attribute value (for times in the future). */
const firstSeen = new WeakMap<Participant, { value: string; at: number }>();

/** When the participant raised their hand (ISO time, checked: see `believableHandTime`), or `undefined` when it is down. */
export function handRaisedAt(participant: Participant): string | undefined {
  const value = participant.attributes?.[HAND_RAISED_AT] || undefined;
  if (!value) return undefined;
  const now = Date.now();
  let seen = firstSeen.get(participant);
  if (seen?.value !== value) firstSeen.set(participant, (seen = { value, at: now }));
  return believableHandTime(value, now, seen.at);
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
  /**
   * Whether to tell the user (a notice that someone raised their hand): `false` past
   * {@link HAND_NOTICE_RATE} raises of one participant, so that raising and lowering in a loop
   * does not flood the call with notices.
   */
  notify: boolean;
}

/** Notices of raised hands per participant: `max` per `windowMs`. */
export const HAND_NOTICE_RATE = { max: 2, windowMs: 30_000 } as const;

/** Each time someone (local or remote) raises or lowers their hand. */
export function onHandChanged(room: Room, listener: (change: HandChange) => void): Unsubscribe {
  const allowNotice = rateLimiter(HAND_NOTICE_RATE.max, HAND_NOTICE_RATE.windowMs);
  const handler = (changed: Record<string, string>, participant: Participant) => {
    if (!(HAND_RAISED_AT in changed)) return;
    const raisedAt = handRaisedAt(participant);
    listener({ participant, raisedAt, notify: !!raisedAt && allowNotice(participant.identity) });
  };
  room.on(RoomEvent.ParticipantAttributesChanged, handler);
  return () => room.off(RoomEvent.ParticipantAttributesChanged, handler);
}
