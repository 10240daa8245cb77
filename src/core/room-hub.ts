import { ConnectionState, RoomEvent, type Participant, type Room, type TextStreamHandler, type TextStreamReader } from 'livekit-client';
import { displayName, everyone, findParticipant, type ParticipantRef } from './participants.js';
import { Emitter, type Unsubscribe } from './subscribe.js';
import { believableTime, capText, decodeJson, oneLine, rateLimiter, readCapped } from './untrusted.js';

/** A chat message, sent or received (LiveKit's `lk.chat` convention, or the older `lk-chat-topic`). */
export interface ChatMessage {
  id: string;
  /**
   * When it was sent, in milliseconds since the epoch: the sender's own time, unless it was more
   * than a day from the time it arrived (then the arrival time).
   */
  timestamp: number;
  message: string;
  from: ParticipantRef;
  isLocal: boolean;
  /** Set when the message was longer than {@link MAX_CHAT_BYTES} and only its start is kept. */
  truncated?: boolean;
}

/**
 * A line the chat shows about a sender rather than from them: `too-fast` when their messages
 * came faster than {@link CHAT_RATE} allows and some were dropped (one notice per burst).
 */
export interface ChatNotice {
  notice: 'too-fast';
  /** Unique within the history (not a message id). */
  id: string;
  /** When it happened (epoch milliseconds). */
  timestamp: number;
  /** The sender it is about. */
  from: ParticipantRef;
}

/** What the chat history holds, in the order it arrived. */
export type ChatItem = ChatMessage | ChatNotice;

export function isChatNotice(item: ChatItem): item is ChatNotice {
  return 'notice' in item;
}

/** One segment of a transcription: interim until `final`, then settled. */
export interface CaptionSegment {
  /** The segment id as its sender gave it. */
  id: string;
  /** Unique within the session: who sent the segment and its id (two senders may use one id). */
  key: string;
  text: string;
  final: boolean;
  speaker: ParticipantRef;
  /** Milliseconds from the start of the session to the first text of the segment. */
  start: number;
  /** Milliseconds from the start of the session to its last text. */
  end: number;
}

/** A reaction someone sent, `suitenumerique/meet`'s way. */
export interface Reaction {
  /** Unique within the page, to key the floating display. */
  key: number;
  /** The emoji shown (`👍`). */
  emoji: ReactionEmoji;
  /** Its name on the wire (`thumbs-up`). */
  name: ReactionName;
  from: ParticipantRef;
  isLocal: boolean;
}

/** LiveKit's chat topic (text streams). */
export const CHAT_TOPIC = 'lk.chat';
/** The older chat topic (JSON data packets `{ id, timestamp, message }`), still sent by some clients. */
export const LEGACY_CHAT_TOPIC = 'lk-chat-topic';
/** LiveKit's transcription topic (text streams, one per segment update). */
export const TRANSCRIPTION_TOPIC = 'lk.transcription';
const SEGMENT_ID = 'lk.segment_id';
const TRANSCRIPTION_FINAL = 'lk.transcription_final';
const TRANSCRIBED_TRACK_ID = 'lk.transcribed_track_id';
/** `suitenumerique/meet`'s notification type for a reaction. */
export const REACTION_TYPE = 'reactionReceived';
/**
 * The reactions `suitenumerique/meet` offers, in its order: the only ones sent and shown. On the
 * wire a reaction is its name (`{ type: 'reactionReceived', data: { emoji: 'thumbs-up' } }`):
 * Meet drops anything else (since 2025-05, `src/frontend/src/features/rooms/livekit/components/
 * controls/ReactionsToggle.tsx` and `Reactions.tsx`). The emoji itself is still understood when
 * received, from earlier versions of this package.
 */
export const REACTIONS = [
  { name: 'thumbs-up', emoji: '👍' },
  { name: 'thumbs-down', emoji: '👎' },
  { name: 'clapping-hands', emoji: '👏' },
  { name: 'red-heart', emoji: '❤️' },
  { name: 'face-with-tears-of-joy', emoji: '😂' },
  { name: 'face-with-open-mouth', emoji: '😮' },
  { name: 'party-popper', emoji: '🎉' },
  { name: 'folded-hands', emoji: '🙏' },
] as const;
export type ReactionName = (typeof REACTIONS)[number]['name'];
export type ReactionEmoji = (typeof REACTIONS)[number]['emoji'];
/** The emoji offered, in Meet's order. */
export const REACTION_EMOJIS: readonly ReactionEmoji[] = REACTIONS.map((reaction) => reaction.emoji);

// What one participant may make us keep. Past these, the rest is dropped or cut.
/** A chat message longer than this (UTF-8 bytes) is cut and marked `truncated`. */
export const MAX_CHAT_BYTES = 8 * 1024;
/** The text of one caption segment is cut at this many UTF-8 bytes. */
export const MAX_CAPTION_BYTES = 2 * 1024;
/** The chat keeps this many items; older ones go. */
export const MAX_CHAT_HISTORY = 500;
/** The transcript keeps this many segments; older ones go. */
export const MAX_TRANSCRIPT_SEGMENTS = 2000;
/** Messages one participant may send: `max` per `windowMs`; the excess is dropped, with one notice. */
export const CHAT_RATE = { max: 10, windowMs: 10_000 } as const;
/**
 * The size a `Room` made by a session accepts for one incoming data stream, decompressed
 * (livekit-client's `dataStream.maxPayloadByteLength`; its default is 5 GB). It bounds what a
 * compressed stream can inflate to; the readers here keep only their own caps of any stream and
 * throw the rest away. Well above anything a chat or a caption needs, because livekit-client
 * 2.23 reports a compressed stream that goes past it with an uncaught error per further chunk
 * (it keeps queueing into the stream it closed); the call goes on either way.
 */
export const MAX_DATA_STREAM_BYTES = 16 * 1024 * 1024;

/** A legacy chat packet's fields, or `undefined` when it is not one or is marked `ignoreLegacy`. */
export function parseLegacyChat(value: unknown, arrival = Date.now()): Pick<ChatMessage, 'id' | 'timestamp' | 'message'> | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const { id, timestamp, message, ignoreLegacy } = value as Record<string, unknown>;
  // A sender that also sent the message as a text stream marks this copy (LiveKit's components do).
  if (typeof message !== 'string' || ignoreLegacy === true) return undefined;
  return {
    id: typeof id === 'string' && id && id.length <= 256 ? id : `legacy-${Math.random().toString(36).slice(2)}`,
    timestamp: believableTime(timestamp, arrival),
    message,
  };
}

/**
 * The reaction of a `{ type: 'reactionReceived', data: { emoji } }` notification (`emoji` a name,
 * or one of the emoji), if it is one we offer; else `undefined`.
 */
export function parseReaction(value: unknown): (typeof REACTIONS)[number] | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const { type, data } = value as { type?: unknown; data?: { emoji?: unknown } };
  return type === REACTION_TYPE ? findReaction(data?.emoji) : undefined;
}

/** The offered reaction with this name or emoji, else `undefined`. */
export function findReaction(value: unknown): (typeof REACTIONS)[number] | undefined {
  return REACTIONS.find((reaction) => reaction.name === value || reaction.emoji === value);
}

/** Who a participant is, for what we keep: the display name on one line, without direction controls. */
export function untrustedRef(participant: Pick<Participant, 'name' | 'identity'>): ParticipantRef {
  const identity = participant.identity;
  return { identity, name: oneLine(displayName(participant)) || oneLine(identity) || identity };
}

/**
 * The chat history: bounded to `limit` items in the order they arrived, one message per sender
 * and id, and at most {@link CHAT_RATE} messages per sender, the first one over it replaced by a
 * notice. Plain data, no Room.
 */
export class ChatHistory {
  readonly items: ChatItem[] = [];
  private readonly allow: (key?: string) => boolean;
  /** Senders over the rate whose notice is shown, until one of their messages is accepted again. */
  private readonly flooding = new Set<string>();
  private notices = 0;

  constructor(
    private readonly limit = MAX_CHAT_HISTORY,
    private readonly now: () => number = Date.now,
  ) {
    this.allow = rateLimiter(CHAT_RATE.max, CHAT_RATE.windowMs, now);
  }

  /** Whether a message from this sender with this id is already here. */
  has(identity: string, id: string): boolean {
    return this.items.some((item) => !isChatNotice(item) && item.from.identity === identity && item.id === id);
  }

  /**
   * Whether a message from `from` may be added now (counting it against their rate). Over the
   * rate, the first refusal adds a notice and returns it; later ones return `false`.
   */
  admit(from: ParticipantRef): boolean | ChatNotice {
    if (this.allow(from.identity)) {
      this.flooding.delete(from.identity);
      return true;
    }
    if (this.flooding.has(from.identity)) return false;
    this.flooding.add(from.identity);
    const notice: ChatNotice = { notice: 'too-fast', id: `notice-${++this.notices}`, timestamp: this.now(), from };
    this.push(notice);
    return notice;
  }

  /** Adds a message at the end unless the same sender's message with its id is there; returns whether it was added. */
  add(message: ChatMessage): boolean {
    if (this.has(message.from.identity, message.id)) return false;
    this.push(message);
    return true;
  }

  clear(): void {
    this.items.length = 0;
    this.flooding.clear();
  }

  private push(item: ChatItem): void {
    this.items.push(item);
    if (this.items.length > this.limit) this.items.splice(0, this.items.length - this.limit);
  }
}

/**
 * The transcript: segments in the order they started, each replaced in place as it changes,
 * bounded to `limit` segments (the oldest go). Plain data, no Room.
 */
export class Transcript {
  readonly segments: CaptionSegment[] = [];
  private readonly byKey = new Map<string, CaptionSegment>();

  constructor(private readonly limit = MAX_TRANSCRIPT_SEGMENTS) {}

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  /** Creates or updates the segment `key`; `at` is milliseconds from the session start. */
  update(key: string, id: string, text: string, final: boolean, speaker: ParticipantRef, at: number): CaptionSegment {
    const previous = this.byKey.get(key);
    const segment: CaptionSegment = { id, key, text, final, speaker, start: previous?.start ?? at, end: at };
    this.byKey.set(key, segment);
    if (previous) {
      this.segments[this.segments.indexOf(previous)] = segment;
    } else {
      this.segments.push(segment);
      for (const dropped of this.segments.splice(0, Math.max(0, this.segments.length - this.limit))) this.byKey.delete(dropped.key);
    }
    return segment;
  }

  /** Removes the segments whose keys are given. */
  remove(keys: ReadonlySet<string>): void {
    for (const key of keys) this.byKey.delete(key);
    const kept = this.segments.filter((segment) => !keys.has(segment.key));
    this.segments.splice(0, this.segments.length, ...kept);
  }

  clear(): void {
    this.segments.length = 0;
    this.byKey.clear();
  }
}

type HubEvents = {
  chat: ChatMessage;
  /** A notice was added to the chat (see {@link ChatNotice}). */
  'chat-notice': ChatNotice;
  caption: CaptionSegment;
  /** Segments were removed from the transcript (duplicates of newer ones). */
  transcript: undefined;
  reaction: Reaction;
  /** The chat, the transcript and everything else kept were emptied (a new call, or `clear()`). */
  reset: undefined;
};

/** Segments a participant other than an agent may start: `max` per `windowMs`. */
const CAPTION_RATE = { max: 20, windowMs: 10_000 } as const;

/**
 * What one `Room` shares between every element and helper that reads its chat, captions and
 * reactions: LiveKit lets a room have one handler per text-stream topic, so the handler is here,
 * once, and fans out. Keeps the chat history and the whole transcript of the current call
 * (bounded), whether or not anything shows them, and empties them when the Room connects again.
 *
 * Every participant is untrusted: sizes are capped, senders rate-limited, times checked, captions
 * taken only from agents or from the owner of the transcribed track, reactions only from the
 * offered set. When the Room encrypts data end to end, transcription packets (which cannot be
 * encrypted) are not taken. Other data cannot be told apart: livekit-client 2.23 decrypts it but
 * never says whether it was encrypted (its senders leave `EncryptedPacket.encryptionType` unset,
 * so `encryptionType` reads `NONE` on every packet and stream), so a participant without the key
 * can still write in the chat of an encrypted call; they cannot read it.
 */
export class RoomHub {
  readonly chatHistory = new ChatHistory();
  private readonly captions = new Transcript();
  /** Epoch milliseconds the transcript's times count from: when the room last connected. */
  startedAt: number;
  private readonly events = new Emitter<HubEvents>();
  private reactionKey = 0;
  /** An agent's transcription text stream arrived: transcription packets are then duplicates. */
  private streamsSeen = false;
  /** Keys of segments that came as transcription packets. */
  private readonly legacySegments = new Set<string>();
  /** Ignores floods: at most 5 reactions per sender in 3 seconds. */
  private readonly acceptReaction = rateLimiter(5, 3000);
  private readonly acceptSegment = rateLimiter(CAPTION_RATE.max, CAPTION_RATE.windowMs);

  constructor(readonly room: Room) {
    this.startedAt = Date.now();
    // A (re)join starts clean: nothing of the last call shows in the next one. Reconnections
    // within a call go through `Reconnecting`, not `Connecting`, and keep everything.
    room.on(RoomEvent.ConnectionStateChanged, (state) => {
      if (state === ConnectionState.Connecting) this.clear();
    });
    room.on(RoomEvent.Connected, () => {
      if (this.captions.segments.length === 0) this.startedAt = Date.now();
    });
    this.handle(CHAT_TOPIC, (reader, { identity }) => void this.readChat(reader, identity).catch(() => undefined));
    this.handle(TRANSCRIPTION_TOPIC, (reader, { identity }) => void this.readSegment(reader, identity).catch(() => undefined));
    // The older transcription packets (what Visio's own client reads, and what agents before
    // LiveKit Agents 1.0 send), until an agent's text stream shows the room has the newer ones.
    // The server forwards them from agents only; they name the transcribed participant.
    room.on(RoomEvent.TranscriptionReceived, (segments, participant) => {
      if (this.streamsSeen || !participant || this.encryptsData) return;
      for (const { id, text, final } of segments) {
        if (typeof id !== 'string' || typeof text !== 'string') continue;
        const key = `packet\u0000${id}`;
        this.legacySegments.add(key);
        this.updateSegment(key, id, capText(text, MAX_CAPTION_BYTES).text, final === true, untrustedRef(participant));
      }
    });
    room.on(RoomEvent.DataReceived, (payload, participant, _kind, topic) => {
      if (!participant) return;
      if (topic === LEGACY_CHAT_TOPIC) {
        const legacy = parseLegacyChat(decodeJson(payload));
        if (!legacy) return;
        const from = untrustedRef(participant);
        if (this.chatHistory.has(from.identity, legacy.id) || !this.admit(from)) return;
        const { text, truncated } = capText(legacy.message, MAX_CHAT_BYTES);
        this.addChat({ ...legacy, message: text, from, isLocal: false, ...(truncated ? { truncated } : {}) });
      } else if (!topic) {
        const reaction = parseReaction(decodeJson(payload));
        if (reaction && this.acceptReaction(participant.identity)) this.addReaction(reaction, participant);
      }
    });
  }

  /** The chat so far, oldest first (messages and notices). */
  get chat(): readonly ChatItem[] {
    return this.chatHistory.items;
  }

  /** Every segment in the order it started, interim ones included (they become final in place). */
  get transcript(): readonly CaptionSegment[] {
    return this.captions.segments;
  }

  /**
   * Empties the chat and the transcript and starts the transcript's clock again; everything that
   * shows them is told (`reset`). Done by itself each time the Room connects.
   */
  clear(): void {
    this.chatHistory.clear();
    this.captions.clear();
    this.legacySegments.clear();
    this.streamsSeen = false;
    this.startedAt = Date.now();
    this.emit('reset', undefined);
  }

  /** The Room encrypts data end to end (livekit-client's `encryption` option). */
  private get encryptsData(): boolean {
    return !!this.room.options.encryption;
  }

  /** Registers the room's one handler for `topic`; one the page registered itself stays (and wins). */
  private handle(topic: string, handler: TextStreamHandler): void {
    try {
      this.room.registerTextStreamHandler(topic, handler);
    } catch (error) {
      console.warn(`visio-elements: a handler for "${topic}" is already registered on this Room; visio-elements will not see that topic.`, error);
    }
  }

  /** Counts a message against its sender's rate; a notice for the first one over it. */
  private admit(from: ParticipantRef): boolean {
    const admitted = this.chatHistory.admit(from);
    if (typeof admitted === 'object') this.emit('chat-notice', admitted);
    return admitted === true;
  }

  /** One chat text stream: dropped (but read to its end) when refused, cut at {@link MAX_CHAT_BYTES}. */
  private async readChat(reader: TextStreamReader, identity: string): Promise<void> {
    const arrival = Date.now();
    const participant = findParticipant(this.room, identity);
    const from = participant && untrustedRef(participant);
    const refused = !from || this.chatHistory.has(identity, reader.info.id) || !this.admit(from);
    const { text, truncated } = await readCapped(reader, refused ? 0 : MAX_CHAT_BYTES);
    if (refused) return;
    this.addChat({
      id: reader.info.id,
      timestamp: believableTime(reader.info.timestamp, arrival),
      message: text,
      from,
      isLocal: false,
      ...(truncated ? { truncated } : {}),
    });
  }

  /**
   * One transcription stream: its text replaces the segment's as it arrives. Taken from an agent
   * (the speaker is who owns the transcribed track, else the agent), or from a participant
   * transcribing their own track (or naming none); a participant naming someone else's track is
   * ignored. Segments are keyed by sender and id, so no one can overwrite another's segment.
   */
  private async readSegment(reader: TextStreamReader, senderIdentity: string): Promise<void> {
    const sender = findParticipant(this.room, senderIdentity);
    const attributes = reader.info.attributes ?? {};
    const id = String(attributes[SEGMENT_ID] || reader.info.id).slice(0, 256);
    const key = `${senderIdentity}\u0000${id}`;
    const speaker = sender && this.speakerOf(sender, attributes[TRANSCRIBED_TRACK_ID]);
    const agent = !!sender?.isAgent;
    if (!speaker || !(agent || this.captions.has(key) || this.acceptSegment(senderIdentity))) {
      await readCapped(reader, 0);
      return;
    }
    if (agent) this.preferStreams();
    const final = attributes[TRANSCRIPTION_FINAL] === 'true';
    const { text } = await readCapped(reader, MAX_CAPTION_BYTES, (text) => this.updateSegment(key, id, text, false, speaker));
    this.updateSegment(key, id, text, final, speaker);
  }

  /**
   * Who a transcription is of: for an agent, the owner of `trackSid` (else the agent); for anyone
   * else, themselves when the track is theirs or none is named, else nobody (`undefined`).
   */
  private speakerOf(sender: Participant, trackSid: string | undefined): ParticipantRef | undefined {
    const owner = trackSid ? everyone(this.room).find((participant) => participant.trackPublications.has(trackSid)) : undefined;
    if (sender.isAgent) return untrustedRef(owner ?? sender);
    return !trackSid || owner === sender ? untrustedRef(sender) : undefined;
  }

  /**
   * Agents that send text streams also send the same text as transcription packets, under other
   * segment ids: from an agent's first stream on, only streams count, and what came as packets goes.
   */
  private preferStreams(): void {
    if (this.streamsSeen) return;
    this.streamsSeen = true;
    if (this.legacySegments.size === 0) return;
    this.captions.remove(this.legacySegments);
    this.legacySegments.clear();
    this.emit('transcript', undefined);
  }

  on<K extends keyof HubEvents>(kind: K, listener: (value: HubEvents[K]) => void): Unsubscribe {
    return this.events.on(kind, listener);
  }

  private emit<K extends keyof HubEvents>(kind: K, value: HubEvents[K]): void {
    this.events.emit(kind, value);
  }

  /** Adds a message at the end (in the order of arrival) unless the same sender's message with its id is there. */
  addChat(message: ChatMessage): void {
    if (this.chatHistory.add(message)) this.emit('chat', message);
  }

  /** Creates or updates the segment `key` (sender and id); returns it. */
  private updateSegment(key: string, id: string, text: string, final: boolean, speaker: ParticipantRef): CaptionSegment {
    const segment = this.captions.update(key, id, text, final, speaker, Date.now() - this.startedAt);
    this.emit('caption', segment);
    return segment;
  }

  addReaction({ name, emoji }: (typeof REACTIONS)[number], from: Participant): void {
    this.emit('reaction', { key: ++this.reactionKey, name, emoji, from: untrustedRef(from), isLocal: from.isLocal });
  }
}

const hubs = new WeakMap<Room, RoomHub>();

/** The room's hub, made on first use. Make it when joining so nothing said before is missed. */
export function roomHub(room: Room): RoomHub {
  let hub = hubs.get(room);
  if (!hub) {
    hub = new RoomHub(room);
    hubs.set(room, hub);
  }
  return hub;
}
