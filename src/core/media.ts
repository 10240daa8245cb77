import { Track, type LocalTrack, type Room } from 'livekit-client';
import { mediaError } from './errors.js';

export type MediaSource = Track.Source.Camera | Track.Source.Microphone;

/**
 * Turns the local camera or microphone on or off. Rejects with a classified `VisioError`
 * (`media-permission-denied`, `media-device-not-found`, …) when the device cannot start.
 */
export async function setSourceEnabled(room: Room, source: MediaSource, enabled: boolean): Promise<void> {
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
