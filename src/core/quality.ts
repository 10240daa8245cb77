import {
  RoomEvent,
  Track,
  VideoPresets,
  VideoQuality,
  type LocalTrackPublication,
  type Participant,
  type RemoteTrackPublication,
  type Room,
  type TrackPublication,
  type TrackPublishDefaults,
  type VideoCaptureOptions,
} from 'livekit-client';
import { loadPreferences, savePreferences } from './preferences.js';
import { Observable, once, type Unsubscribe } from './subscribe.js';

/**
 * "Save data": `off` (the camera as captured, up to 720p), `low-video` (the camera sent at 360p at
 * most: capture, encoding and simulcast layers capped) or `audio-only` (the camera turned off and
 * kept off until this is changed).
 */
export type SaveData = 'off' | 'low-video' | 'audio-only';

/**
 * The video received from others: `auto` (adaptive stream: each tile gets what its size and the
 * network call for), `low` (the lowest layer, whatever the size) or `high` (the highest layer the
 * tile can show).
 */
export type ReceiveQuality = 'auto' | 'low' | 'high';

export interface QualityChoice {
  saveData: SaveData;
  receiveQuality: ReceiveQuality;
}

export const SAVE_DATA: readonly SaveData[] = ['off', 'low-video', 'audio-only'];
export const RECEIVE_QUALITY: readonly ReceiveQuality[] = ['auto', 'low', 'high'];

/** The cap of `low-video`: height at most 360 px. */
export const SAVE_DATA_MAX_HEIGHT = 360;

const choices = new WeakMap<Room, Observable<QualityChoice>>();
/** Each room's own publish and capture defaults, from before `low-video` changed them. */
const originals = new WeakMap<Room, { publish?: TrackPublishDefaults; capture?: VideoCaptureOptions }>();

function choiceOf(room: Room): Observable<QualityChoice> {
  let choice = choices.get(room);
  if (!choice) choices.set(room, (choice = new Observable<QualityChoice>({ saveData: 'off', receiveQuality: 'auto' })));
  return choice;
}

/** The room's quality choice now. */
export function qualityOf(room: Room): QualityChoice {
  return { ...choiceOf(room).value };
}

/** The room's quality choice now and at each change. */
export function observeQuality(room: Room, next: (choice: QualityChoice) => void): Unsubscribe {
  return choiceOf(room).subscribe((choice) => next({ ...choice }));
}

/** Whether `audio-only` is on: the camera may not be turned on. */
export function isAudioOnly(room: Room): boolean {
  return choiceOf(room).value.saveData === 'audio-only';
}

/**
 * Sets "save data" on the room, and remembers it on this site: future camera tracks are captured and encoded at 360p at most
 * (`low-video`), a camera published now is scaled down (or back up), and `audio-only` turns the
 * camera off. Rejects like the device would (a camera that cannot be constrained).
 */
export async function setSaveData(room: Room, saveData: SaveData): Promise<void> {
  if (!SAVE_DATA.includes(saveData)) return;
  savePreferences({ saveData });
  const choice = choiceOf(room);
  choice.set({ ...choice.value, saveData });
  applyDefaults(room, saveData);
  const publication = room.localParticipant.getTrackPublication(Track.Source.Camera);
  if (saveData === 'audio-only') {
    if (publication?.track) await room.localParticipant.unpublishTrack(publication.track);
  } else if (publication) {
    await capCamera(room, publication, saveData);
  }
}

/** Sets the quality of the video received from everyone (now and whoever publishes later), and remembers it. */
export function setReceiveQuality(room: Room, receiveQuality: ReceiveQuality): void {
  if (!RECEIVE_QUALITY.includes(receiveQuality)) return;
  savePreferences({ receiveQuality });
  const choice = choiceOf(room);
  choice.set({ ...choice.value, receiveQuality });
  for (const participant of room.remoteParticipants.values()) {
    for (const publication of participant.videoTrackPublications.values()) applyReceive(publication, receiveQuality);
  }
}

/**
 * While the room lives, from the choices remembered on this site: applies the choice to each video subscribed later, caps each camera
 * published later (`low-video`) and takes back any camera published while `audio-only` is on (a
 * track from the prejoin, a host's `setCameraEnabled`).
 */
export function watchQuality(room: Room): Unsubscribe {
  const { saveData, receiveQuality } = loadPreferences();
  const remembered: QualityChoice = {
    saveData: SAVE_DATA.find((value) => value === saveData) ?? 'off',
    receiveQuality: RECEIVE_QUALITY.find((value) => value === receiveQuality) ?? 'auto',
  };
  choiceOf(room).set(remembered);
  applyDefaults(room, remembered.saveData);
  const onSubscribed = (_track: unknown, publication: RemoteTrackPublication) => {
    // `auto` leaves each new video to the adaptive stream.
    const { receiveQuality } = choiceOf(room).value;
    if (receiveQuality !== 'auto') applyReceive(publication, receiveQuality);
  };
  const onPublished = (publication: LocalTrackPublication) => {
    if (publication.source !== Track.Source.Camera) return;
    const { saveData } = choiceOf(room).value;
    if (saveData === 'audio-only' && publication.track) void room.localParticipant.unpublishTrack(publication.track).catch(() => undefined);
    else if (saveData === 'low-video') void capCamera(room, publication, saveData).catch(() => undefined);
  };
  // Turning the camera off and on again captures it anew, at livekit-client's ideal size.
  const onUnmuted = (publication: TrackPublication, participant: Participant) => {
    if (participant === room.localParticipant) onPublished(publication as LocalTrackPublication);
  };
  room.on(RoomEvent.TrackSubscribed, onSubscribed).on(RoomEvent.LocalTrackPublished, onPublished).on(RoomEvent.TrackUnmuted, onUnmuted);
  return once(() => room.off(RoomEvent.TrackSubscribed, onSubscribed).off(RoomEvent.LocalTrackPublished, onPublished).off(RoomEvent.TrackUnmuted, onUnmuted));
}

function applyDefaults(room: Room, saveData: SaveData): void {
  const options = room.options;
  // Only the fields "save data" changes: the device chosen meanwhile stays.
  if (!originals.has(room)) {
    const { videoEncoding, videoSimulcastLayers } = options.publishDefaults ?? {};
    originals.set(room, { publish: { videoEncoding, videoSimulcastLayers }, capture: { resolution: options.videoCaptureDefaults?.resolution } });
  }
  const original = originals.get(room)!;
  const low = saveData === 'low-video';
  options.publishDefaults = {
    ...options.publishDefaults,
    ...(low ? { videoEncoding: VideoPresets.h360.encoding, videoSimulcastLayers: [VideoPresets.h180] } : original.publish),
  };
  options.videoCaptureDefaults = { ...options.videoCaptureDefaults, ...(low ? { resolution: VideoPresets.h360.resolution } : original.capture) };
}

/**
 * Restarts a published camera at 360p (`low-video`) or back at the capture default, when its
 * height is not that already. A restart (not only new constraints on the track) so that turning
 * the camera off and on again keeps the size.
 */
async function capCamera(room: Room, publication: LocalTrackPublication, saveData: SaveData): Promise<void> {
  const track = publication.videoTrack;
  if (!track || track.isMuted) return;
  const low = saveData === 'low-video';
  if (!low) await unscale(track.sender);
  const height = track.mediaStreamTrack.getSettings().height ?? 0;
  if (low ? height > 0 && height <= SAVE_DATA_MAX_HEIGHT : height > SAVE_DATA_MAX_HEIGHT) return;
  const { resolution, deviceId } = room.options.videoCaptureDefaults ?? {};
  await track.restartTrack({ resolution: resolution ?? VideoPresets.h720.resolution, deviceId: track.constraints.deviceId ?? deviceId });
  // livekit-client asks for its resolution as an ideal, which a camera may ignore (Firefox's keeps
  // 480 px): the cap then becomes a hard limit on the track itself.
  if (low && (track.mediaStreamTrack.getSettings().height ?? 0) > SAVE_DATA_MAX_HEIGHT) {
    const { frameRate } = track.mediaStreamTrack.getConstraints();
    await track.mediaStreamTrack.applyConstraints({
      frameRate,
      height: { ideal: SAVE_DATA_MAX_HEIGHT, max: SAVE_DATA_MAX_HEIGHT },
      resizeMode: 'crop-and-scale',
    } as MediaTrackConstraints);
    // Some cameras (Firefox's) accept the limit and keep sending their own size: the encoder then
    // scales each layer down by what is left over.
    const still = track.mediaStreamTrack.getSettings().height ?? 0;
    const sender = track.sender;
    if (still > SAVE_DATA_MAX_HEIGHT && sender) {
      const parameters = sender.getParameters();
      if (!scaled.has(sender))
        scaled.set(
          sender,
          parameters.encodings.map((encoding) => encoding.scaleResolutionDownBy),
        );
      const factor = still / SAVE_DATA_MAX_HEIGHT;
      const own = scaled.get(sender) ?? [];
      // From the encoder's own scales, so that capping again does not compound.
      parameters.encodings.forEach((encoding, index) => (encoding.scaleResolutionDownBy = (own[index] ?? 1) * factor));
      await sender.setParameters(parameters);
    }
  }
}

/** The encoders' own scales, kept while "save data" scales a camera that ignored the size asked. */
const scaled = new WeakMap<RTCRtpSender, Array<number | undefined>>();

async function unscale(sender: RTCRtpSender | undefined): Promise<void> {
  const scales = sender && scaled.get(sender);
  if (!sender || !scales) return;
  scaled.delete(sender);
  const parameters = sender.getParameters();
  parameters.encodings.forEach((encoding, i) => (encoding.scaleResolutionDownBy = scales[i]));
  await sender.setParameters(parameters);
}

function applyReceive(publication: RemoteTrackPublication, quality: ReceiveQuality): void {
  if (publication.kind !== Track.Kind.Video || !publication.isSubscribed) return;
  publication.setVideoQuality(quality === 'low' ? VideoQuality.LOW : VideoQuality.HIGH);
}
