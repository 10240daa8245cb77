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
import type { MediaSource } from './media.js';
import { Observable, type Unsubscribe } from './subscribe.js';

/** What the preview captures: the microphone and the camera (the SDK's source words, see `MediaSource`). */
export type CaptureSource = Extract<MediaSource, 'microphone' | 'camera'>;

const SOURCES: readonly CaptureSource[] = ['microphone', 'camera'];

/** One of the preview's devices: wanted or not, the device asked for, its live track, its failure. */
export interface SourcePreview<T extends LocalTrack = LocalTrack> {
  enabled: boolean;
  /** The device asked for (a remembered or chosen one); the browser's default when unset. */
  deviceId?: string;
  /** The microphone only: the browser's own noise suppression (a capture constraint), on when unset. */
  noiseSuppression?: boolean;
  track?: T;
  error?: VisioError;
}

/** What the preview holds, for the microphone and the camera. */
export interface PreviewState {
  microphone: SourcePreview<LocalAudioTrack>;
  camera: SourcePreview<LocalVideoTrack>;
}

/** How a preview starts: each source on or off, and on which device. */
export type PreviewOptions = Record<CaptureSource, Pick<SourcePreview, 'enabled' | 'deviceId' | 'noiseSuppression'>>;

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
  /** Bumped on every request per source, so a slow getUserMedia that was overtaken is dropped. */
  private readonly generation: Record<CaptureSource, number> = { microphone: 0, camera: 0 };
  /** Sources whose request under way is to be made again if it fails (see `retry()`). */
  private readonly retryAfterFailure = new Set<CaptureSource>();

  constructor(options: PreviewOptions) {
    this.observable = new Observable<PreviewState>({ microphone: { ...options.microphone }, camera: { ...options.camera } });
  }

  get current(): PreviewState {
    return this.observable.value;
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
    const { microphone, camera } = this.current;
    if (!microphone.enabled || !camera.enabled) {
      await this.restartAll();
      return;
    }
    const requests = SOURCES.map((source) => ++this.generation[source]);
    try {
      const tracks = await createLocalTracks({ audio: this.captureOptions('microphone'), video: this.captureOptions('camera') });
      if (this.stopped || SOURCES.some((source, index) => requests[index] !== this.generation[source])) {
        tracks.forEach((track) => track.stop());
        return;
      }
      this.update('microphone', { track: tracks.find((track): track is LocalAudioTrack => track instanceof LocalAudioTrack), error: undefined });
      this.update('camera', { track: tracks.find((track): track is LocalVideoTrack => track instanceof LocalVideoTrack), error: undefined });
    } catch {
      await this.restartAll();
    }
  }

  async setEnabled(source: CaptureSource, enabled: boolean): Promise<void> {
    this.update(source, { enabled });
    await this.restart(source);
  }

  /**
   * Starts again what is wanted but failed (after the user allowed access, say). A request still
   * under way may have been made before access was allowed: if it fails, it is made once more.
   */
  async retry(): Promise<void> {
    const wanted = SOURCES.filter((source) => this.current[source].enabled && !this.current[source].track);
    for (const source of wanted) if (!this.current[source].error) this.retryAfterFailure.add(source);
    await Promise.all(wanted.filter((source) => this.current[source].error).map((source) => this.restart(source)));
  }

  async setDevice(source: CaptureSource, deviceId: string | undefined): Promise<void> {
    this.update(source, { deviceId });
    if (this.current[source].enabled) await this.restart(source);
  }

  /** Captures the microphone again with the browser's own noise suppression on or off. */
  async setNoiseSuppression(on: boolean): Promise<void> {
    if (this.current.microphone.noiseSuppression === on) return;
    this.update('microphone', { noiseSuppression: on });
    if (this.current.microphone.enabled) await this.restart('microphone');
  }

  /** The live microphone and camera tracks, still owned by the preview. */
  get tracks(): LocalTrack[] {
    return SOURCES.map((source) => this.current[source].track).filter((track): track is LocalAudioTrack | LocalVideoTrack => !!track);
  }

  /** The live tracks, now owned by the caller: `stop()` will no longer stop them. */
  takeTracks(): LocalTrack[] {
    const tracks = this.tracks;
    for (const source of SOURCES) this.update(source, { track: undefined });
    return tracks;
  }

  /** Stops the camera and microphone (the camera light goes off). Later requests are dropped. */
  stop(): void {
    this.stopped = true;
    for (const source of SOURCES) {
      this.generation[source]++;
      this.current[source].track?.stop();
      this.update(source, { track: undefined });
    }
  }

  private captureOptions(source: CaptureSource) {
    const { deviceId, noiseSuppression } = this.current[source];
    // A plain id is "ideal" for getUserMedia: a remembered device that is gone falls back to the default.
    const device = deviceId ? { deviceId } : {};
    if (source === 'microphone') return noiseSuppression === undefined ? device : { ...device, noiseSuppression };
    return { ...device, resolution: VIDEO_RESOLUTION };
  }

  private restartAll(): Promise<unknown> {
    return Promise.all(SOURCES.map((source) => this.restart(source)));
  }

  /** Replaces the track of `source` by a new one on the chosen device, or none when turned off. */
  private async restart(source: CaptureSource): Promise<void> {
    const generation = ++this.generation[source];
    // The old track goes first: some cameras cannot be opened twice.
    this.current[source].track?.stop();
    this.update(source, { track: undefined, error: undefined });
    if (!this.current[source].enabled || this.stopped) return;
    try {
      const track =
        source === 'microphone' ? await createLocalAudioTrack(this.captureOptions(source)) : await createLocalVideoTrack(this.captureOptions(source));
      if (this.stopped || generation !== this.generation[source]) {
        track.stop();
        return;
      }
      this.update(source, { track });
    } catch (error) {
      if (generation !== this.generation[source]) return;
      if (this.retryAfterFailure.delete(source)) return this.restart(source);
      this.update(source, { error: mediaError(error) });
    }
  }

  private update(source: CaptureSource, changes: Partial<SourcePreview>): void {
    if (changes.track) this.retryAfterFailure.delete(source);
    const state = this.current;
    this.observable.set({ ...state, [source]: { ...state[source], ...changes } });
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
