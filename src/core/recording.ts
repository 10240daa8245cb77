import { RoomEvent, type Participant, type Room } from 'livekit-client';
import type { RecordingMode } from './backends/backend.js';
import { ensureDataEncrypted } from './e2ee.js';
import { isRoomHost } from './participants.js';
import { distinct, watch, type Unsubscribe } from './subscribe.js';
import { decodeJson, rateLimiter } from './untrusted.js';

/**
 * Whether the call is recorded or transcribed, as everyone in it must be told:
 * - `off`: neither;
 * - `starting`: a host asked for it and the recorder is starting;
 * - `on`: under way;
 * - `saving`: stopped, the recording is being saved.
 */
export type RecordingStatus = 'off' | 'starting' | 'on' | 'saving';

export interface RecordingState {
  status: RecordingStatus;
  /** What is kept, when the deployment says (La Suite Meet does); absent for a plain LiveKit recording. */
  mode?: RecordingMode;
}

const MODES: readonly RecordingMode[] = ['transcript', 'screen_recording'];

/**
 * The recording state from what the server says: La Suite Meet's room metadata (`recording_mode`,
 * `recording_status`: `starting`, `started`, `saving`, `aborted`; both removed when the recorder
 * ends, `src/backend/core/recording/`) and LiveKit's own `room.isRecording` (an egress is active).
 * Room metadata is written by the server only. Meet shows `started` only once `isRecording` is
 * also true; we say "recorded" as soon as the server says it started: telling people too early is
 * harmless, too late is not.
 */
export function recordingState(metadata: string | undefined, isRecording: boolean): RecordingState {
  const parsed = metadata && metadata.length <= 64 * 1024 ? decodeJson(new TextEncoder().encode(metadata)) : undefined;
  const fields = parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  const mode = MODES.find((each) => each === fields.recording_mode);
  const withMode = (status: RecordingStatus): RecordingState => (mode ? { status, mode } : { status });
  switch (fields.recording_status) {
    case 'starting':
      return withMode(isRecording ? 'on' : 'starting');
    case 'started':
      return withMode('on');
    case 'saving':
      return withMode('saving');
    default:
      return isRecording ? withMode('on') : { status: 'off' };
  }
}

/** The room's recording state now, then at each change. */
export function observeRecording(room: Room, next: (state: RecordingState) => void): Unsubscribe {
  const emit = distinct(next);
  return watch(room, [RoomEvent.RoomMetadataChanged, RoomEvent.RecordingStatusChanged, RoomEvent.Connected, RoomEvent.Disconnected], () =>
    emit(recordingState(room.metadata, room.isRecording)),
  );
}

/** La Suite Meet's notices about recording, sent by the host who starts or stops it, or by a participant who asks. */
export const RECORDING_NOTICES = {
  transcriptionStarted: { mode: 'transcript', event: 'started' },
  transcriptionStopped: { mode: 'transcript', event: 'stopped' },
  screenRecordingStarted: { mode: 'screen_recording', event: 'started' },
  screenRecordingStopped: { mode: 'screen_recording', event: 'stopped' },
  transcriptionRequested: { mode: 'transcript', event: 'requested' },
  screenRecordingRequested: { mode: 'screen_recording', event: 'requested' },
  transcriptionLimitReached: { mode: 'transcript', event: 'limit-reached' },
  screenRecordingLimitReached: { mode: 'screen_recording', event: 'limit-reached' },
} as const satisfies Record<string, { mode: RecordingMode; event: string }>;

export type RecordingNoticeType = keyof typeof RECORDING_NOTICES;

export interface RecordingNotice {
  mode: RecordingMode;
  event: (typeof RECORDING_NOTICES)[RecordingNoticeType]['event'];
  /** Who sent it; absent when the server did. */
  from?: Participant;
}

/** Asks per participant: at most this many per `windowMs`, so that asking in a loop floods nobody. */
export const RECORDING_REQUEST_RATE = { max: 2, windowMs: 60_000 } as const;

/**
 * Meet's recording notices, believed as far as their sender may send them: `started` and
 * `stopped` only from a room host (a role the server wrote), `limit-reached` only from the server,
 * `requested` from anyone in the call, rate-limited per sender. Anything else is ignored.
 */
export function onRecordingNotice(room: Room, listener: (notice: RecordingNotice) => void): Unsubscribe {
  const allowRequest = rateLimiter(RECORDING_REQUEST_RATE.max, RECORDING_REQUEST_RATE.windowMs);
  const handler = (payload: Uint8Array, participant?: Participant, _kind?: unknown, topic?: string) => {
    if (topic || payload.byteLength > 1024) return;
    const value = decodeJson(payload);
    const type = value && typeof value === 'object' ? (value as { type?: unknown }).type : undefined;
    if (typeof type !== 'string' || !Object.hasOwn(RECORDING_NOTICES, type)) return;
    const { mode, event } = RECORDING_NOTICES[type as RecordingNoticeType];
    if (event === 'limit-reached' ? participant !== undefined : !participant) return;
    if ((event === 'started' || event === 'stopped') && !(participant && isRoomHost(participant))) return;
    if (event === 'requested' && !allowRequest(participant?.identity)) return;
    listener({ mode, event, ...(participant ? { from: participant } : {}) });
  };
  room.on(RoomEvent.DataReceived, handler);
  return () => room.off(RoomEvent.DataReceived, handler);
}

/** Tells everyone (as Meet's host client does) that this host started or stopped a recording. */
export async function sendRecordingNotice(room: Room, mode: RecordingMode, event: 'started' | 'stopped' | 'requested'): Promise<void> {
  const type = (Object.keys(RECORDING_NOTICES) as RecordingNoticeType[]).find(
    (key) => RECORDING_NOTICES[key].mode === mode && RECORDING_NOTICES[key].event === event,
  );
  if (!type) return;
  await ensureDataEncrypted(room);
  await room.localParticipant.publishData(new TextEncoder().encode(JSON.stringify({ type })), { reliable: true });
}
