import { Track, type LocalTrack, type Participant, type Room } from 'livekit-client';
import { mediaError, screenShareError, VisioError } from './errors.js';
import { isAudioOnly } from './quality.js';
import { Emitter, type Unsubscribe } from './subscribe.js';

/** The words for someone's media, everywhere in the SDK: `microphone`, `camera`, `screenShare`. */
export type MediaSource = 'microphone' | 'camera' | 'screenShare';

/** Someone's microphone, camera and screen share: each published and not muted. */
export type MediaState = Record<MediaSource, boolean>;

/** LiveKit's name for each source. */
export const TRACK_SOURCE = {
  microphone: Track.Source.Microphone,
  camera: Track.Source.Camera,
  screenShare: Track.Source.ScreenShare,
} as const satisfies Record<MediaSource, Track.Source>;

/** Whether `participant`'s `source` is published and not muted. */
export function isPublished(participant: Participant, source: MediaSource): boolean {
  const publication = participant.getTrackPublication(TRACK_SOURCE[source]);
  return publication !== undefined && !publication.isMuted;
}

export function mediaState(participant: Participant): MediaState {
  return {
    microphone: isPublished(participant, 'microphone'),
    camera: isPublished(participant, 'camera'),
    screenShare: isPublished(participant, 'screenShare'),
  };
}

/** Rooms whose local microphone the user is turning off right now (how many times at once). */
const mutingItself = new WeakMap<Room, number>();

/** Whether the user is turning the local microphone off right now (through `setSourceEnabled`), not a moderator. */
export function isMutingItself(room: Room): boolean {
  return (mutingItself.get(room) ?? 0) > 0;
}

/**
 * Turns the local microphone, camera or screen share on or off. Rejects with a classified
 * `VisioError` (`media-permission-denied`, `media-device-not-found`, …) when the device cannot
 * start (see `setScreenShareEnabled` for the screen).
 */
export async function setSourceEnabled(room: Room, source: MediaSource, enabled: boolean): Promise<void> {
  if (source === 'screenShare') return setScreenShareEnabled(room, enabled);
  // A track of this source still being published comes first: turning it on then starts no second
  // one, and turning it off turns off that one.
  await publishingSettled(room.localParticipant, source);
  if (source === 'camera' && enabled && isAudioOnly(room)) throw new VisioError('camera-audio-only', 'Save data is on audio only: the camera stays off.');
  const muting = source === 'microphone' && !enabled;
  if (muting) mutingItself.set(room, (mutingItself.get(room) ?? 0) + 1);
  try {
    if (source === 'camera') await room.localParticipant.setCameraEnabled(enabled);
    else await room.localParticipant.setMicrophoneEnabled(enabled);
  } catch (error) {
    throw mediaError(error);
  } finally {
    if (muting) mutingItself.set(room, (mutingItself.get(room) ?? 1) - 1);
  }
}

export function isSourceEnabled(room: Room, source: MediaSource): boolean {
  return isPublished(room.localParticipant, source);
}

/**
 * Tracks started beforehand and being published, per local participant. livekit-client adds a
 * publication only once a whole offer and answer are through (a third of a second after joining,
 * measured); until then the tile shows the track it already has, so that the user sees their own
 * camera as soon as the call shows.
 */
const publishing = new WeakMap<Participant, Map<LocalTrack, Promise<unknown>>>();

const publishingEvents = new Emitter<{ change: Participant }>();

/** Calls `changed` each time the tracks `participant` is publishing change. */
export function onPublishingChange(participant: Participant, changed: () => void): Unsubscribe {
  return publishingEvents.on('change', (which) => which === participant && changed());
}

/** The track of `source` being published by `participant` (no publication yet), if any. */
export function publishingTrack(participant: Participant, source: MediaSource): LocalTrack | undefined {
  for (const track of publishing.get(participant)?.keys() ?? []) if (track.source === TRACK_SOURCE[source]) return track;
  return undefined;
}

/**
 * The local microphone or camera as the user sees it: `on` (published, not muted), `starting` (its
 * track already runs and livekit-client is publishing it) or `off`.
 */
export type LocalSourceState = 'on' | 'starting' | 'off';

export function localSourceState(room: Room, source: MediaSource): LocalSourceState {
  if (isSourceEnabled(room, source)) return 'on';
  return publishingTrack(room.localParticipant, source) ? 'starting' : 'off';
}

/** Waits until no track of `source` is being published by `participant` (published or failed). */
async function publishingSettled(participant: Participant, source: MediaSource): Promise<void> {
  for (const [track, published] of publishing.get(participant) ?? []) {
    if (track.source === TRACK_SOURCE[source]) await published.catch(() => undefined);
  }
}

/** Publishes a track started beforehand (the prejoin's preview). Rejects with a classified `VisioError`. */
export async function publishTrack(room: Room, track: LocalTrack): Promise<void> {
  const local = room.localParticipant;
  const tracks = publishing.get(local) ?? new Map<LocalTrack, Promise<unknown>>();
  const published = local.publishTrack(track);
  publishing.set(local, tracks.set(track, published));
  publishingEvents.emit('change', local);
  try {
    await published;
  } catch (error) {
    track.stop();
    throw mediaError(error);
  } finally {
    tracks.delete(track);
    publishingEvents.emit('change', local);
  }
}

/**
 * Shares the screen (with the tab's or system's audio where the browser offers it), or stops.
 * Rejects with `screen-share-cancelled` when the user closes the picker, `screen-share-failed`
 * when the browser refuses or cannot.
 */
export async function setScreenShareEnabled(room: Room, enabled: boolean): Promise<void> {
  try {
    await room.localParticipant.setScreenShareEnabled(enabled, { audio: true });
  } catch (error) {
    throw screenShareError(error);
  }
}
