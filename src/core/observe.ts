import {
  ConnectionQuality,
  ConnectionState,
  Participant,
  ParticipantEvent,
  Room,
  RoomEvent,
  Track,
  type RemoteAudioTrack,
  type TrackPublication,
} from 'livekit-client';
import { handRaisedAt } from './hand.js';
import { isSourceEnabled, type MediaSource } from './media.js';
import { displayName, everyone } from './participants.js';
import { watch, type Unsubscribe } from './subscribe.js';

/** What a tile shows of one participant. A new object on every change. */
export interface ParticipantState {
  identity: string;
  name: string;
  isLocal: boolean;
  isSpeaking: boolean;
  /** Microphone published and not muted. */
  microphoneOn: boolean;
  /** Camera published, not muted, and (for remote participants) subscribed. */
  cameraOn: boolean;
  /** The camera track to show, when there is one to show. */
  cameraTrack?: Track;
  connectionQuality: ConnectionQuality;
  /** Screen share published, not muted, and (for remote participants) subscribed. */
  screenShareOn: boolean;
  /** The screen-share video track to show, when there is one. */
  screenShareTrack?: Track;
  /** Camera published and not muted (even when not subscribed). */
  cameraPublished: boolean;
  /** When the hand was raised (ISO time, the `handRaisedAt` attribute), `undefined` while down. */
  handRaisedAt?: string;
}

const PARTICIPANT_EVENTS = [
  ParticipantEvent.TrackPublished,
  ParticipantEvent.TrackUnpublished,
  ParticipantEvent.TrackSubscribed,
  ParticipantEvent.TrackUnsubscribed,
  ParticipantEvent.TrackMuted,
  ParticipantEvent.TrackUnmuted,
  ParticipantEvent.LocalTrackPublished,
  ParticipantEvent.LocalTrackUnpublished,
  ParticipantEvent.IsSpeakingChanged,
  ParticipantEvent.ParticipantNameChanged,
  ParticipantEvent.ConnectionQualityChanged,
  ParticipantEvent.AttributesChanged,
] as const;

export function participantState(participant: Participant): ParticipantState {
  const camera = participant.getTrackPublication(Track.Source.Camera);
  const microphone = participant.getTrackPublication(Track.Source.Microphone);
  const cameraTrack = camera && !camera.isMuted ? camera.track : undefined;
  return {
    identity: participant.identity,
    name: displayName(participant),
    isLocal: participant.isLocal,
    isSpeaking: participant.isSpeaking,
    microphoneOn: isOn(microphone),
    cameraOn: cameraTrack !== undefined,
    cameraTrack,
    connectionQuality: participant.connectionQuality,
    ...screenShareState(participant),
    cameraPublished: isOn(camera),
    handRaisedAt: handRaisedAt(participant),
  };
}

function isOn(publication: TrackPublication | undefined): boolean {
  return publication !== undefined && !publication.isMuted;
}

export function observeParticipant(participant: Participant, next: (state: ParticipantState) => void): Unsubscribe {
  return watch(participant, PARTICIPANT_EVENTS, () => next(participantState(participant)));
}

/** The local microphone or camera: on or off. */
export function observeLocalSource(
  room: Room,
  source: MediaSource,
  next: (enabled: boolean) => void,
): Unsubscribe {
  const local = room.localParticipant;
  return watch(
    local,
    [ParticipantEvent.LocalTrackPublished, ParticipantEvent.LocalTrackUnpublished, ParticipantEvent.TrackMuted, ParticipantEvent.TrackUnmuted],
    () => next(isSourceEnabled(room, source)),
  );
}

/** Every subscribed remote audio track (microphones and screen-share audio). */
export function observeRemoteAudio(room: Room, next: (tracks: RemoteAudioTrack[]) => void): Unsubscribe {
  return watch(
    room,
    [RoomEvent.TrackSubscribed, RoomEvent.TrackUnsubscribed, RoomEvent.ParticipantDisconnected, RoomEvent.Disconnected],
    () => {
      const tracks: RemoteAudioTrack[] = [];
      for (const participant of room.remoteParticipants.values()) {
        for (const publication of participant.audioTrackPublications.values()) {
          const track = publication.audioTrack as RemoteAudioTrack | undefined;
          if (track) tracks.push(track);
        }
      }
      next(tracks);
    },
  );
}

/**
 * Whether remote audio can be heard (false while the browser blocks autoplay). The room reports a
 * block whenever its AudioContext stays suspended, which Chromium does after a join without a
 * click even though the audio elements play: an attached element that is playing wins.
 */
export function observeAudioPlayback(room: Room, next: (canPlay: boolean) => void): Unsubscribe {
  const elementPlaying = () =>
    [...room.remoteParticipants.values()].some((participant) =>
      [...participant.audioTrackPublications.values()].some((publication) => publication.track?.attachedElements.some((element) => !element.paused)),
    );
  return watch(room, [RoomEvent.AudioPlaybackStatusChanged], () => next(room.canPlaybackAudio || elementPlaying()));
}

function screenShareState(participant: Participant): Pick<ParticipantState, 'screenShareOn' | 'screenShareTrack'> {
  const screen = participant.getTrackPublication(Track.Source.ScreenShare);
  const screenShareTrack = screen && !screen.isMuted ? screen.track : undefined;
  return { screenShareOn: screenShareTrack !== undefined, screenShareTrack };
}

/** Everyone in the room (the local participant first) and who speaks now, loudest first. */
export interface RoomSpeakers {
  participants: Participant[];
  activeSpeakers: Participant[];
  /** Participants sharing a screen, the latest share first. */
  screenSharers: Participant[];
}

export function observeRoomSpeakers(room: Room, next: (value: RoomSpeakers) => void): Unsubscribe {
  const startedAt = new Map<string, number>();
  return watch(
    room,
    [
      RoomEvent.ParticipantConnected,
      RoomEvent.ParticipantDisconnected,
      RoomEvent.ConnectionStateChanged,
      RoomEvent.Connected,
      RoomEvent.ActiveSpeakersChanged,
      RoomEvent.TrackPublished,
      RoomEvent.TrackUnpublished,
      RoomEvent.TrackSubscribed,
      RoomEvent.TrackUnsubscribed,
      RoomEvent.TrackMuted,
      RoomEvent.TrackUnmuted,
      RoomEvent.LocalTrackPublished,
      RoomEvent.LocalTrackUnpublished,
    ],
    () => {
      const connected = room.state !== ConnectionState.Disconnected;
      const participants = connected ? everyone(room) : [];
      const sharing = participants.filter((participant) => screenShareState(participant).screenShareOn);
      for (const participant of sharing) if (!startedAt.has(participant.identity)) startedAt.set(participant.identity, performance.now());
      for (const identity of startedAt.keys()) if (!sharing.some((p) => p.identity === identity)) startedAt.delete(identity);
      const screenSharers = sharing.sort((a, b) => startedAt.get(b.identity)! - startedAt.get(a.identity)!);
      next({ participants, activeSpeakers: connected ? [...room.activeSpeakers] : [], screenSharers });
    },
  );
}
