import { Track, type LocalTrack, type Room } from 'livekit-client';
import { mediaError, screenShareError } from './errors.js';

export type MediaSource = Track.Source.Camera | Track.Source.Microphone | Track.Source.ScreenShare;

/**
 * Turns the local camera or microphone on or off. Rejects with a classified `VisioError`
 * (`media-permission-denied`, `media-device-not-found`, …) when the device cannot start.
 */
export async function setSourceEnabled(room: Room, source: MediaSource, enabled: boolean): Promise<void> {
  if (source === Track.Source.ScreenShare) return setScreenShareEnabled(room, enabled);
  try {
    if (source === Track.Source.Camera) await room.localParticipant.setCameraEnabled(enabled);
    else await room.localParticipant.setMicrophoneEnabled(enabled);
  } catch (error) {
    throw mediaError(error);
  }
}

export function isSourceEnabled(room: Room, source: MediaSource): boolean {
  const publication = room.localParticipant.getTrackPublication(source);
  return publication !== undefined && !publication.isMuted;
}

/** Publishes a track started beforehand (the prejoin's preview). Rejects with a classified `VisioError`. */
export async function publishTrack(room: Room, track: LocalTrack): Promise<void> {
  try {
    await room.localParticipant.publishTrack(track);
  } catch (error) {
    track.stop();
    throw mediaError(error);
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
