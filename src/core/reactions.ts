import type { Room } from 'livekit-client';
import { ensureDataEncrypted } from './e2ee.js';
import { actionError } from './errors.js';
import { findReaction, REACTION_TYPE, roomHub, type Reaction } from './room-hub.js';
import type { Unsubscribe } from './subscribe.js';
import { rateLimiter } from './untrusted.js';

export type { Reaction, ReactionEmoji, ReactionName } from './room-hub.js';
/** The reactions `suitenumerique/meet` offers, in its order: the only ones sent and shown. */
export { REACTION_EMOJIS, REACTIONS } from './room-hub.js';

/** How long a reaction stays on screen, in milliseconds. */
export const REACTION_DURATION = 3000;

const sendLimits = new WeakMap<Room, (key?: string) => boolean>();

/**
 * Sends a reaction (its emoji or its name) as `suitenumerique/meet` does (reliable data, no topic,
 * JSON `{ type: 'reactionReceived', data: { emoji: 'thumbs-up' } }`: the name, which is all Meet
 * accepts) and shows it locally. At most 3 per 2 seconds: resolves to `false` for one over the
 * limit, or one not in `REACTIONS`, which is not sent. Rejects with a `VisioError`
 * `reaction-send-failed`.
 */
export async function sendReaction(room: Room, emojiOrName: string): Promise<boolean> {
  const reaction = findReaction(emojiOrName);
  if (!reaction) return false;
  let allow = sendLimits.get(room);
  if (!allow) sendLimits.set(room, (allow = rateLimiter(3, 2000)));
  if (!allow()) return false;
  await ensureDataEncrypted(room);
  const payload = JSON.stringify({ type: REACTION_TYPE, data: { emoji: reaction.name } });
  try {
    await room.localParticipant.publishData(new TextEncoder().encode(payload), { reliable: true });
  } catch (error) {
    throw actionError('reaction-send-failed', 'The reaction could not be sent.', error);
  }
  roomHub(room).addReaction(reaction, room.localParticipant);
  return true;
}

/** Each reaction, sent or received, from now on. */
export function onReaction(room: Room, listener: (reaction: Reaction) => void): Unsubscribe {
  return roomHub(room).on('reaction', listener);
}
