import { compareVersions, type Room } from 'livekit-client';
import { ensureDataEncrypted } from './e2ee.js';
import { actionError } from './errors.js';
import { CHAT_TOPIC, LEGACY_CHAT_TOPIC, roomHub, untrustedRef, type ChatItem, type ChatMessage } from './room-hub.js';
import { all, type Unsubscribe } from './subscribe.js';

export type { ChatItem, ChatMessage, ChatNotice } from './room-hub.js';
export { isChatNotice } from './room-hub.js';

/**
 * The chat so far (oldest first, in the order it arrived), then again after each change: a new
 * message, a notice that someone's messages are coming too fast, or the history emptied.
 */
export function observeChat(room: Room, next: (items: ChatItem[]) => void): Unsubscribe {
  const hub = roomHub(room);
  const emit = () => next([...hub.chat]);
  emit();
  return all(hub.on('chat', emit), hub.on('chat-notice', emit), hub.on('reset', emit));
}

/** Each new message, sent or received, from now on. */
export function onChatMessage(room: Room, listener: (message: ChatMessage) => void): Unsubscribe {
  return roomHub(room).on('chat', listener);
}

/**
 * Empties the chat history, the transcript and what else the room's hub keeps of this call, for
 * everything on this page that shows them (other participants keep theirs). A new join does it
 * by itself.
 */
export function clearHistory(room: Room): void {
  roomHub(room).clear();
}

/** Each time the history is emptied (a new join, or `clearHistory`). */
export function onHistoryCleared(room: Room, listener: () => void): Unsubscribe {
  return roomHub(room).on('reset', listener);
}

/**
 * Sends a chat message on LiveKit's `lk.chat` text streams, and the same message (same id) as an
 * `lk-chat-topic` data packet for clients that only know the older convention, marked
 * `ignoreLegacy` for the ones that know both. Resolves to the message as added to the history
 * (`undefined` for blank text); rejects with a `VisioError` `chat-send-failed`.
 */
export async function sendChatMessage(room: Room, text: string): Promise<ChatMessage | undefined> {
  const message = text.trim();
  if (!message) return undefined;
  const local = room.localParticipant;
  await ensureDataEncrypted(room);
  const info = await local.sendText(message, { topic: CHAT_TOPIC }).catch((error: unknown) => {
    throw actionError('chat-send-failed', 'The chat message could not be sent.', error);
  });
  const sent: ChatMessage = { id: info.id, timestamp: info.timestamp, message, from: untrustedRef(local), isLocal: true };
  roomHub(room).addChat(sent);
  // The copy for older clients: `ignoreLegacy` tells newer ones (LiveKit's components) that the
  // text stream already brought it. The message is sent even when this copy fails.
  const legacy = { id: info.id, timestamp: info.timestamp, message, ignoreLegacy: serverSupportsTextStreams(room) };
  await local.publishData(new TextEncoder().encode(JSON.stringify(legacy)), { reliable: true, topic: LEGACY_CHAT_TOPIC }).catch(() => undefined);
  return sent;
}

/** Text streams reach every client through LiveKit Cloud, or a server newer than 1.8.2. */
function serverSupportsTextStreams(room: Room): boolean {
  const info = room.serverInfo;
  // `edition` 1 is LiveKit Cloud (the protocol's ServerInfo_Edition.Cloud).
  return (info?.edition as number | undefined) === 1 || (!!info?.version && compareVersions(info.version, '1.8.2') > 0);
}

/** A piece of a message: plain text, or a web link. */
export interface TextPart {
  text: string;
  /** Set when the piece is an `http:` or `https:` link. */
  href?: string;
}

// A run of non-space characters starting with a scheme; checked below with URL.
const LINK = /\bhttps?:\/\/[^\s<>"]+/gi;
// Punctuation that ends a sentence more often than a link.
const TRAILING = /[.,;:!?)\]}'»]+$/;

/**
 * Splits text into plain pieces and http(s) links, for rendering as text nodes and `<a>`: other
 * schemes (javascript:, data:, …) stay plain text.
 */
export function splitLinks(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(LINK)) {
    const raw = match[0].replace(TRAILING, '');
    const index = match.index ?? 0;
    let href: string | undefined;
    try {
      const url = new URL(raw);
      if (url.protocol === 'http:' || url.protocol === 'https:') href = url.href;
    } catch {
      href = undefined;
    }
    if (!href) continue;
    if (index > last) parts.push({ text: text.slice(last, index) });
    parts.push({ text: raw, href });
    last = index + raw.length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}
