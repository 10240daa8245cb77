import {
  createAudioAnalyser,
  createLocalAudioTrack,
  createLocalTracks,
  createLocalVideoTrack,
  LocalAudioTrack,
  LocalVideoTrack,
  Track,
  type LocalTrack,
} from 'livekit-client';
import { mediaError, type VisioError } from './errors.js';
import { Observable, type Unsubscribe } from './subscribe.js';

export type PreviewKind = 'audio' | 'video';

/** What the preview holds: for each of the microphone and the camera, wanted or not, its track, its failure. */
export interface PreviewState {
  audioEnabled: boolean;
  videoEnabled: boolean;
  audioTrack?: LocalAudioTrack;
  videoTrack?: LocalVideoTrack;
  /** The device asked for (a remembered or chosen one); the browser's default when unset. */
  audioDeviceId?: string;
  videoDeviceId?: string;
  audioError?: VisioError;
  videoError?: VisioError;
}

export interface PreviewOptions {
  audio: boolean;
  video: boolean;
  audioDeviceId?: string;
  videoDeviceId?: string;
}

/** Small enough for a preview and for a call's camera; livekit adapts what it sends. */
const VIDEO_RESOLUTION = { width: 640, height: 360, frameRate: 24 };

/**
 * The local camera and microphone before joining: starts and stops them as the user turns them on
 * and off or picks another device, keeps each one's failure (permission denied, not found, in
 * use), and either stops everything (`stop()`) or hands the live tracks over to the call
 * (`takeTracks()`), so that joining does not open the camera a second time.
 */
export class LocalPreview {
  private readonly observable: Observable<PreviewState>;
  private stopped = false;
  /** Bumped on every request per kind, so a slow getUserMedia that was overtaken is dropped. */
  private readonly generation = { audio: 0, video: 0 };

  constructor(options: PreviewOptions) {
    this.observable = new Observable<PreviewState>({
      audioEnabled: options.audio,
      videoEnabled: options.video,
      audioDeviceId: options.audioDeviceId,
      videoDeviceId: options.videoDeviceId,
    });
  }

  private get state(): PreviewState {
    return this.observable.value;
  }

  get current(): PreviewState {
    return this.state;
  }

  /** Current state first, then every change. */
  subscribe(next: (state: PreviewState) => void): Unsubscribe {
    return this.observable.subscribe(next);
  }

  /**
   * Starts what is wanted, in one request when both are (one permission prompt). When that fails,
   * each is tried alone, so a missing camera does not take the microphone with it.
   */
  async start(): Promise<void> {
    const { audioEnabled, videoEnabled } = this.state;
    if (!audioEnabled || !videoEnabled) {
      await Promise.all([this.restart('audio'), this.restart('video')]);
      return;
    }
    const audio = ++this.generation.audio;
    const video = ++this.generation.video;
    try {
      const tracks = await createLocalTracks({ audio: this.captureOptions('audio'), video: this.captureOptions('video') });
      if (this.stopped || audio !== this.generation.audio || video !== this.generation.video) {
        tracks.forEach((track) => track.stop());
        return;
      }
      this.update({
        audioTrack: tracks.find((track): track is LocalAudioTrack => track instanceof LocalAudioTrack),
        videoTrack: tracks.find((track): track is LocalVideoTrack => track instanceof LocalVideoTrack),
        audioError: undefined,
        videoError: undefined,
      });
    } catch {
      await Promise.all([this.restart('audio'), this.restart('video')]);
    }
  }

  async setEnabled(kind: PreviewKind, enabled: boolean): Promise<void> {
    this.update(kind === 'audio' ? { audioEnabled: enabled } : { videoEnabled: enabled });
    await this.restart(kind);
  }

  /** Starts again what is wanted but failed (after the user allowed access, say). */
  async retry(): Promise<void> {
    const { audioEnabled, videoEnabled, audioError, videoError, audioTrack, videoTrack } = this.state;
    await Promise.all([
      audioEnabled && audioError && !audioTrack ? this.restart('audio') : undefined,
      videoEnabled && videoError && !videoTrack ? this.restart('video') : undefined,
    ]);
  }

  async setDevice(kind: PreviewKind, deviceId: string | undefined): Promise<void> {
    this.update(kind === 'audio' ? { audioDeviceId: deviceId } : { videoDeviceId: deviceId });
    if (kind === 'audio' ? this.state.audioEnabled : this.state.videoEnabled) await this.restart(kind);
  }

  /** The live microphone and camera tracks, still owned by the preview. */
  get tracks(): LocalTrack[] {
    return [this.state.audioTrack, this.state.videoTrack].filter((track): track is LocalAudioTrack | LocalVideoTrack => !!track);
  }

  /** The live tracks, now owned by the caller: `stop()` will no longer stop them. */
  takeTracks(): LocalTrack[] {
    const tracks = this.tracks;
    this.update({ audioTrack: undefined, videoTrack: undefined });
    return tracks;
  }

  /** Stops the camera and microphone (the camera light goes off). Later requests are dropped. */
  stop(): void {
    this.stopped = true;
    this.generation.audio++;
    this.generation.video++;
    this.state.audioTrack?.stop();
    this.state.videoTrack?.stop();
    this.update({ audioTrack: undefined, videoTrack: undefined });
  }

  private captureOptions(kind: PreviewKind) {
    const deviceId = kind === 'audio' ? this.state.audioDeviceId : this.state.videoDeviceId;
    // A plain id is "ideal" for getUserMedia: a remembered device that is gone falls back to the default.
    const device = deviceId ? { deviceId } : {};
    return kind === 'audio' ? device : { ...device, resolution: VIDEO_RESOLUTION };
  }

  /** Replaces the track of `kind` by a new one on the chosen device, or none when turned off. */
  private async restart(kind: PreviewKind): Promise<void> {
    const generation = ++this.generation[kind];
    const trackKey = kind === 'audio' ? 'audioTrack' : 'videoTrack';
    const errorKey = kind === 'audio' ? 'audioError' : 'videoError';
    const enabled = kind === 'audio' ? this.state.audioEnabled : this.state.videoEnabled;
    // The old track goes first: some cameras cannot be opened twice.
    this.state[trackKey]?.stop();
    this.update({ [trackKey]: undefined, [errorKey]: undefined });
    if (!enabled || this.stopped) return;
    try {
      const track = kind === 'audio' ? await createLocalAudioTrack(this.captureOptions('audio')) : await createLocalVideoTrack(this.captureOptions('video'));
      if (this.stopped || generation !== this.generation[kind]) {
        track.stop();
        return;
      }
      this.update({ [trackKey]: track });
    } catch (error) {
      if (generation === this.generation[kind]) this.update({ [errorKey]: mediaError(error) });
    }
  }

  private update(changes: Partial<PreviewState>): void {
    this.observable.set({ ...this.state, ...changes });
  }
}

/**
 * The loudness of a local or remote audio track, 0 to 1, ten times a second, until unsubscribed.
 * The analysis runs on its own `AudioContext`, resumed on each tick while the browser keeps it
 * suspended (it starts after the user's first click or key on the page).
 */
export function observeAudioLevel(track: Track, next: (level: number) => void, interval = 100): Unsubscribe {
  if (track.kind !== Track.Kind.Audio) {
    next(0);
    return () => undefined;
  }
  let analyser: ReturnType<typeof createAudioAnalyser>;
  try {
    analyser = createAudioAnalyser(track as LocalAudioTrack, { cloneTrack: true });
  } catch {
    next(0);
    return () => undefined;
  }
  const context = analyser.analyser.context as AudioContext;
  const tick = () => {
    if (context.state === 'suspended') void context.resume().catch(() => undefined);
    next(analyser.calculateVolume());
  };
  tick();
  const timer = setInterval(tick, interval);
  return () => {
    clearInterval(timer);
    void analyser.cleanup().catch(() => undefined);
  };
}
