import { Participant, RoomEvent, Track, type Room, type TrackPublication } from 'livekit-client';
import { handRaisedAt } from './hand.js';
import { displayName } from './participants.js';
import { distinct, watch, type Unsubscribe } from './subscribe.js';

/** One participant as a host application sees it: plain data, safe to log or serialise. */
export interface ParticipantInfo {
  identity: string;
  name: string;
  isLocal: boolean;
  /** Microphone published and not muted. */
  microphone: boolean;
  /** Camera published and not muted. */
  camera: boolean;
  /** Sharing their screen. */
  screenShare: boolean;
  /** When they raised their hand (ISO time, the `handRaisedAt` attribute); absent while it is down. */
  handRaisedAt?: string;
}

/** The local participant's media. */
export interface MediaState {
  microphone: boolean;
  camera: boolean;
  screenShare: boolean;
}

const on = (publication: TrackPublication | undefined) => publication !== undefined && !publication.isMuted;

export function mediaState(participant: Participant): MediaState {
  return {
    microphone: on(participant.getTrackPublication(Track.Source.Microphone)),
    camera: on(participant.getTrackPublication(Track.Source.Camera)),
    screenShare: on(participant.getTrackPublication(Track.Source.ScreenShare)),
  };
}

export function participantInfo(participant: Participant): ParticipantInfo {
  return {
    identity: participant.identity,
    name: displayName(participant),
    isLocal: participant.isLocal,
    ...mediaState(participant),
    ...(handRaisedAt(participant) ? { handRaisedAt: handRaisedAt(participant) } : {}),
  };
}

/** Room events after which someone's presence, name or media may differ. */
const CHANGES = [
  RoomEvent.Connected,
  RoomEvent.Disconnected,
  RoomEvent.ParticipantConnected,
  RoomEvent.ParticipantDisconnected,
  RoomEvent.ParticipantNameChanged,
  RoomEvent.ParticipantAttributesChanged,
  RoomEvent.TrackPublished,
  RoomEvent.TrackUnpublished,
  RoomEvent.TrackMuted,
  RoomEvent.TrackUnmuted,
  RoomEvent.LocalTrackPublished,
  RoomEvent.LocalTrackUnpublished,
] as const;

/**
 * Everyone in the call (local participant first) with their media; empty when not connected.
 * Emits the current list, then a new list on each change.
 */
export function observeParticipantInfos(room: Room, next: (participants: ParticipantInfo[]) => void): Unsubscribe {
  const emit = distinct(next);
  return watch(room, CHANGES, () =>
    emit(room.state === 'disconnected' ? [] : [room.localParticipant, ...room.remoteParticipants.values()].map(participantInfo)),
  );
}

/** The local microphone, camera and screen share. Current value first, then each change. */
export function observeLocalMedia(room: Room, next: (media: MediaState) => void): Unsubscribe {
  const emit = distinct(next);
  return watch(room, CHANGES, () => emit(mediaState(room.localParticipant)));
}
