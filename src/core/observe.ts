import { ConnectionQuality, ConnectionState, Participant, ParticipantEvent, Room, RoomEvent, Track, TrackEvent, type RemoteAudioTrack } from 'livekit-client';
import { handRaisedAt } from './hand.js';
import {
  localSourceState,
  mediaState,
  onPublishingChange,
  publishingTrack,
  TRACK_SOURCE,
  type LocalSourceState,
  type MediaSource,
  type MediaState,
} from './media.js';
import type { RoomRole } from './backends/backend.js';
import { displayName, everyone, roomRole } from './participants.js';
import { all, distinct, listen, watch, type Unsubscribe } from './subscribe.js';

/**
 * One participant, as plain data safe to log or serialise: what `<visio-call>` reports in
 * `state`, `getParticipants()` and `visio-participants-changed`, and what every view starts from.
 * `microphone`, `camera` and `screenShare`: published and not muted.
 */
export interface ParticipantInfo extends MediaState {
  identity: string;
  name: string;
  isLocal: boolean;
  /** When they raised their hand (ISO time, the `handRaisedAt` attribute); absent while it is down. */
  handRaisedAt?: string;
  /** Their role in the room (the `room_role` attribute), when the deployment gives one. */
  role?: RoomRole;
}

/** A participant as a tile draws them: their `ParticipantInfo` and the live parts. A new object on every change. */
export interface ParticipantView extends ParticipantInfo {
  isSpeaking: boolean;
  connectionQuality: ConnectionQuality;
  /**
   * The camera track to show: published, not muted and (for remote participants) subscribed; for
   * the local participant, also the camera being published (shown while livekit-client negotiates).
   */
  cameraTrack?: Track;
  /** The screen-share video track to show, on the same terms. */
  screenShareTrack?: Track;
}

export function participantInfo(participant: Participant): ParticipantInfo {
  const raisedAt = handRaisedAt(participant);
  const role = roomRole(participant);
  return {
    identity: participant.identity,
    name: displayName(participant),
    isLocal: participant.isLocal,
    ...mediaState(participant),
    ...(raisedAt ? { handRaisedAt: raisedAt } : {}),
    ...(role ? { role } : {}),
  };
}

export function participantView(participant: Participant): ParticipantView {
  return {
    ...participantInfo(participant),
    isSpeaking: participant.isSpeaking,
    connectionQuality: participant.connectionQuality,
    cameraTrack: shownTrack(participant, 'camera'),
    screenShareTrack: shownTrack(participant, 'screenShare'),
  };
}

/** The video of `source` when there is one to show (published, not muted, subscribed; or being published). */
function shownTrack(participant: Participant, source: MediaSource): Track | undefined {
  const publication = participant.getTrackPublication(TRACK_SOURCE[source]);
  if (publication) return publication.isMuted ? undefined : publication.track;
  return publishingTrack(participant, source);
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

/** One participant as a tile draws them: the current view, then a new one on each change. */
export function observeParticipant(participant: Participant, next: (view: ParticipantView) => void): Unsubscribe {
  const emit = () => next(participantView(participant));
  return all(watch(participant, PARTICIPANT_EVENTS, emit), onPublishingChange(participant, emit));
}

/** Room events after which someone's presence, name or media may differ. */
const ROOM_CHANGES = [
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
 * Emits the current list, then a new list each time it differs.
 */
export function observeParticipantInfos(room: Room, next: (participants: ParticipantInfo[]) => void): Unsubscribe {
  const emit = distinct(next);
  return watch(room, ROOM_CHANGES, () => emit(room.state === ConnectionState.Disconnected ? [] : everyone(room).map(participantInfo)));
}

/** The local microphone, camera and screen share. Current value first, then each change. */
export function observeLocalMedia(room: Room, next: (media: MediaState) => void): Unsubscribe {
  const emit = distinct(next);
  return watch(room, ROOM_CHANGES, () => emit(mediaState(room.localParticipant)));
}

/** The local microphone or camera's `LocalSourceState`: the current one, then each change. */
export function observeLocalSource(room: Room, source: MediaSource, next: (state: LocalSourceState) => void): Unsubscribe {
  const local = room.localParticipant;
  const emit = () => next(localSourceState(room, source));
  return all(
    watch(
      local,
      [ParticipantEvent.LocalTrackPublished, ParticipantEvent.LocalTrackUnpublished, ParticipantEvent.TrackMuted, ParticipantEvent.TrackUnmuted],
      emit,
    ),
    onPublishingChange(local, emit),
  );
}

/** Every subscribed remote audio track (microphones and screen-share audio). */
export function observeRemoteAudio(room: Room, next: (tracks: RemoteAudioTrack[]) => void): Unsubscribe {
  return watch(room, [RoomEvent.TrackSubscribed, RoomEvent.TrackUnsubscribed, RoomEvent.ParticipantDisconnected, RoomEvent.Disconnected], () => {
    const tracks: RemoteAudioTrack[] = [];
    for (const participant of room.remoteParticipants.values()) {
      for (const publication of participant.audioTrackPublications.values()) {
        const track = publication.audioTrack as RemoteAudioTrack | undefined;
        if (track) tracks.push(track);
      }
    }
    next(tracks);
  });
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

/**
 * Calls `started` once a remote video has its first frame in an element of this page, or at once
 * when no one else has a video on. Only the first one counts.
 */
export function onFirstRemoteVideo(room: Room, started: () => void): Unsubscribe {
  const publications = () => [...room.remoteParticipants.values()].flatMap((participant) => [...participant.videoTrackPublications.values()]);
  if (!publications().some((publication) => !publication.isMuted)) {
    started();
    return () => {};
  }
  let done = false;
  const stops: Unsubscribe[] = [];
  const stop = () => {
    done = true;
    for (const unsubscribe of stops.splice(0)) unsubscribe();
  };
  const keep = (unsubscribe: Unsubscribe) => (done ? unsubscribe() : stops.push(unsubscribe));
  const shown = () => {
    if (done) return;
    stop();
    started();
  };
  const element = (media: HTMLMediaElement) => (media.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA ? shown() : keep(listen(media, 'loadeddata', shown)));
  const tracks = new Set<Track>();
  keep(
    watch(room, [RoomEvent.TrackSubscribed], () => {
      for (const { track } of publications()) {
        if (!track || tracks.has(track)) continue;
        tracks.add(track);
        track.attachedElements.forEach(element);
        track.on(TrackEvent.ElementAttached, element);
        keep(() => track.off(TrackEvent.ElementAttached, element));
      }
    }),
  );
  return stop;
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
      const sharing = participants.filter((participant) => shownTrack(participant, 'screenShare') !== undefined);
      for (const participant of sharing) if (!startedAt.has(participant.identity)) startedAt.set(participant.identity, performance.now());
      for (const identity of startedAt.keys()) if (!sharing.some((p) => p.identity === identity)) startedAt.delete(identity);
      const screenSharers = sharing.sort((a, b) => startedAt.get(b.identity)! - startedAt.get(a.identity)!);
      next({ participants, activeSpeakers: connected ? [...room.activeSpeakers] : [], screenSharers });
    },
  );
}

/** A remote participant whose display name changed between two lists. */
export interface Rename {
  identity: string;
  from: string;
  to: string;
}

/**
 * The remote participants present in both lists whose name differs. A first name after none (the
 * identity shown until a backend names them, as MatrixRTC does) is not a rename.
 */
export function renamed(before: readonly ParticipantInfo[], after: readonly ParticipantInfo[]): Rename[] {
  const names = new Map(before.map((participant) => [participant.identity, participant.name]));
  const wasNamed = (identity: string) => names.has(identity) && names.get(identity) !== identity;
  return after
    .filter((participant) => !participant.isLocal && wasNamed(participant.identity) && names.get(participant.identity) !== participant.name)
    .map(({ identity, name }) => ({ identity, from: names.get(identity)!, to: name }));
}
