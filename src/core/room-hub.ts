import { RoomEvent, type Participant, type Room, type TextStreamHandler, type TextStreamReader } from 'livekit-client';
import { everyone, findParticipant, who, type ParticipantRef } from './participants.js';
import { Emitter, type Unsubscribe } from './subscribe.js';
import { decodeJson, rateLimiter } from './untrusted.js';

/** A chat message, sent or received (LiveKit's `lk.chat` convention, or the older `lk-chat-topic`). */
export interface ChatMessage {
  id: string;
  /** When it was sent, in milliseconds since the epoch. */
  timestamp: number;
  message: string;
  from: ParticipantRef;
  isLocal: boolean;
}

/** One segment of a transcription: interim until `final`, then settled. */
export interface CaptionSegment {
  id: string;
  text: string;
  final: boolean;
  speaker: ParticipantRef;
  /** Milliseconds from the start of the session to the first text of the segment. */
  start: number;
  /** Milliseconds from the start of the session to its last text. */
  end: number;
}

/** A reaction (an emoji) someone sent, `suitenumerique/meet`'s way. */
export interface Reaction {
  /** Unique within the page, to key the floating display. */
  key: number;
  emoji: string;
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

/** A legacy chat packet's fields, or `undefined` when it is not one or is marked `ignoreLegacy`. */
export function parseLegacyChat(value: unknown): Pick<ChatMessage, 'id' | 'timestamp' | 'message'> | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const { id, timestamp, message, ignoreLegacy } = value as Record<string, unknown>;
  // A sender that also sent the message as a text stream marks this copy (LiveKit's components do).
  if (typeof message !== 'string' || ignoreLegacy === true) return undefined;
  return {
    id: typeof id === 'string' && id ? id : `legacy-${Math.random().toString(36).slice(2)}`,
    timestamp: typeof timestamp === 'number' && Number.isFinite(timestamp) ? timestamp : Date.now(),
    message,
  };
}

/** The emoji of a `{ type: 'reactionReceived', data: { emoji } }` notification, else `undefined`. */
export function parseReaction(value: unknown): string | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const { type, data } = value as { type?: unknown; data?: { emoji?: unknown } };
  const emoji = data?.emoji;
  // An emoji is a few code points (a flag or a family is up to ~11); anything longer is not one.
  return type === REACTION_TYPE && typeof emoji === 'string' && emoji.length > 0 && emoji.length <= 16 ? emoji : undefined;
}

type HubEvents = {
  chat: ChatMessage;
  caption: CaptionSegment;
  /** Segments were removed from the transcript (duplicates of newer ones). */
  transcript: undefined;
  reaction: Reaction;
};

/**
 * What one `Room` shares between every element and helper that reads its chat, captions and
 * reactions: LiveKit lets a room have one handler per text-stream topic, so the handler is here,
 * once, and fans out. Keeps the chat history and the whole transcript from the moment it was
 * made, whether or not anything shows them.
 */
export class RoomHub {
  readonly chat: ChatMessage[] = [];
  /** Every segment in the order it started, interim ones included (they become final in place). */
  readonly transcript: CaptionSegment[] = [];
  /** Epoch milliseconds the transcript's times count from: when the room first connected. */
  startedAt: number;
  private readonly segments = new Map<string, CaptionSegment>();
  private readonly events = new Emitter<HubEvents>();
  private reactionKey = 0;
  /** A transcription text stream arrived: transcription packets are then duplicates. */
  private streamsSeen = false;
  /** Ids of segments that came as transcription packets. */
  private readonly legacySegments = new Set<string>();
  /** Ignores floods: at most 5 reactions per sender in 3 seconds. */
  private readonly acceptReaction = rateLimiter(5, 3000);

  constructor(readonly room: Room) {
    this.startedAt = Date.now();
    room.once(RoomEvent.Connected, () => {
      if (this.transcript.length === 0) this.startedAt = Date.now();
    });
    this.handle(CHAT_TOPIC, (reader, { identity }) => {
      void reader.readAll().then(
        (message) => this.addChat({ id: reader.info.id, timestamp: reader.info.timestamp, message, from: this.sender(identity), isLocal: false }),
        () => undefined,
      );
    });
    this.handle(TRANSCRIPTION_TOPIC, (reader, { identity }) => {
      this.preferStreams();
      void this.readSegment(reader, identity).catch(() => undefined);
    });
    // The older transcription packets (what Visio's own client reads, and what agents before
    // LiveKit Agents 1.0 send), until a text stream shows the room has the newer ones.
    room.on(RoomEvent.TranscriptionReceived, (segments, participant) => {
      if (this.streamsSeen || !participant) return;
      for (const { id, text, final } of segments) {
        this.legacySegments.add(id);
        this.updateSegment(id, text, final, who(participant));
      }
    });
    room.on(RoomEvent.DataReceived, (payload, participant, _kind, topic) => {
      if (!participant) return;
      if (topic === LEGACY_CHAT_TOPIC) {
        const legacy = parseLegacyChat(decodeJson(payload));
        if (legacy) this.addChat({ ...legacy, from: who(participant), isLocal: false });
      } else if (!topic) {
        const emoji = parseReaction(decodeJson(payload));
        if (emoji && this.acceptReaction(participant.identity)) this.addReaction(emoji, participant);
      }
    });
  }

  /** Registers the room's one handler for `topic`; one the page registered itself stays (and wins). */
  private handle(topic: string, handler: TextStreamHandler): void {
    try {
      this.room.registerTextStreamHandler(topic, handler);
    } catch (error) {
      console.warn(`visio-elements: a handler for "${topic}" is already registered on this Room; visio-elements will not see that topic.`, error);
    }
  }

  /** Name of whoever has this identity now, else the identity. */
  private sender(identity: string): ChatMessage['from'] {
    const participant = findParticipant(this.room, identity);
    return participant ? who(participant) : { identity, name: identity };
  }

  /**
   * One transcription stream: its text replaces the segment's as it arrives. The speaker is who
   * owns the transcribed track, else the sender (a participant transcribing itself).
   */
  private async readSegment(reader: TextStreamReader, senderIdentity: string): Promise<void> {
    const attributes = reader.info.attributes ?? {};
    const id = attributes[SEGMENT_ID] || reader.info.id;
    const final = attributes[TRANSCRIPTION_FINAL] === 'true';
    const speaker = this.speakerOf(attributes[TRANSCRIBED_TRACK_ID], senderIdentity);
    let text = '';
    for await (const chunk of reader) {
      text += chunk;
      this.updateSegment(id, text, false, speaker);
    }
    this.updateSegment(id, text, final, speaker);
  }

  /**
   * Agents that send text streams also send the same text as transcription packets, under other
   * segment ids: from the first stream on, only streams count, and what came as packets goes.
   */
  private preferStreams(): void {
    if (this.streamsSeen) return;
    this.streamsSeen = true;
    if (this.legacySegments.size === 0) return;
    for (const id of this.legacySegments) this.segments.delete(id);
    const kept = this.transcript.filter((segment) => !this.legacySegments.has(segment.id));
    this.transcript.splice(0, this.transcript.length, ...kept);
    this.legacySegments.clear();
    this.emit('transcript', undefined);
  }

  private speakerOf(trackSid: string | undefined, senderIdentity: string): CaptionSegment['speaker'] {
    if (trackSid) {
      for (const participant of everyone(this.room)) {
        if (participant.trackPublications.has(trackSid)) return who(participant);
      }
    }
    return this.sender(senderIdentity);
  }

  on<K extends keyof HubEvents>(kind: K, listener: (value: HubEvents[K]) => void): Unsubscribe {
    return this.events.on(kind, listener);
  }

  private emit<K extends keyof HubEvents>(kind: K, value: HubEvents[K]): void {
    this.events.emit(kind, value);
  }

  /** Adds a message unless one with its id is already there (sent on both conventions), by time sent. */
  addChat(message: ChatMessage): void {
    if (this.chat.some((existing) => existing.id === message.id)) return;
    // In the order sent: a data packet can overtake a text stream sent before it.
    const after = this.chat.findIndex((existing) => existing.timestamp > message.timestamp);
    this.chat.splice(after === -1 ? this.chat.length : after, 0, message);
    this.emit('chat', message);
  }

  /** Creates or updates a segment by id; returns it. */
  updateSegment(id: string, text: string, final: boolean, speaker: CaptionSegment['speaker']): CaptionSegment {
    const now = Date.now() - this.startedAt;
    const previous = this.segments.get(id);
    const segment: CaptionSegment = { id, text, final, speaker, start: previous?.start ?? now, end: now };
    this.segments.set(id, segment);
    if (previous) this.transcript[this.transcript.indexOf(previous)] = segment;
    else this.transcript.push(segment);
    this.emit('caption', segment);
    return segment;
  }

  addReaction(emoji: string, from: Participant): void {
    this.emit('reaction', { key: ++this.reactionKey, emoji, from: who(from), isLocal: from.isLocal });
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
