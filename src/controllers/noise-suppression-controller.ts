import { LocalAudioTrack, RoomEvent, Track, type Room } from 'livekit-client';
import type { ReactiveControllerHost } from 'lit';
import {
  applyNoiseSuppression,
  canSuppressNoiseStrongly,
  DEFAULT_NOISE_SUPPRESSION,
  isNoiseSuppression,
  noiseConstraints,
  type NoiseSuppression,
} from '../core/effects/noise-suppression.js';
import { mediaError, VisioError } from '../core/errors.js';
import { loadPreferences, savePreferences } from '../core/preferences.js';
import { watch, type Unsubscribe } from '../core/subscribe.js';

export interface NoiseSuppressionOptions {
  /** The host's folder for the effect files (`effects-path`), if any. */
  effectsPath(): string | undefined;
  /** The strong suppressor failed (the browser's own is on instead). */
  error(error: VisioError): void;
}

/** The remembered level, else the default; `strong` only where the browser can run it. */
export function rememberedNoiseSuppression(): NoiseSuppression {
  const remembered = loadPreferences().noiseSuppression;
  const level = isNoiseSuppression(remembered) ? remembered : DEFAULT_NOISE_SUPPRESSION;
  return level === 'strong' && !canSuppressNoiseStrongly() ? DEFAULT_NOISE_SUPPRESSION : level;
}

/**
 * The call's noise suppression: the level chosen (remembered on this site), which becomes
 * `browser` for this call when the strong one cannot start (the choice stays remembered). Applies
 * the level to every microphone the room publishes, and at once when it changes, without
 * unpublishing or muting it. Changes are applied one after the other. It has no lifecycle of its
 * own (the session's `watch` gives it the room), so it only asks its host to render.
 */
export class NoiseSuppressionController {
  /** The level on the microphone (the one chosen, or `browser` after the strong one failed in this call). */
  level: NoiseSuppression = rememberedNoiseSuppression();
  private room?: Room;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: NoiseSuppressionOptions,
  ) {}

  /** Follows `room` (a session's): its capture defaults and each microphone it publishes. */
  watch(room: Room): Unsubscribe[] {
    this.room = room;
    this.useCaptureDefaults(room);
    return [
      watch(room, [RoomEvent.LocalTrackPublished], () => void this.apply()),
      () => {
        if (this.room === room) this.room = undefined;
      },
    ];
  }

  /**
   * Chooses the level, remembers it, and applies it to the microphone in the call. Resolves to the
   * level now on (`browser` when `strong` failed, with a `noise-suppression-failed` error); never
   * rejects. `strong` where the browser cannot run it, or an unknown level, changes nothing.
   */
  async set(level: NoiseSuppression): Promise<NoiseSuppression> {
    if (!isNoiseSuppression(level)) return this.level;
    if (level === 'strong' && !canSuppressNoiseStrongly()) {
      this.options.error(
        new VisioError('noise-suppression-failed', 'This browser has no AudioWorklet or no WebAssembly: strong noise suppression is not available.'),
      );
      return this.level;
    }
    savePreferences({ noiseSuppression: level });
    this.level = level;
    this.host.requestUpdate();
    if (this.room) this.useCaptureDefaults(this.room);
    return this.apply();
  }

  /** Microphones opened from now on are captured with the browser's own suppression per the level. */
  private useCaptureDefaults(room: Room): void {
    room.options.audioCaptureDefaults = { ...room.options.audioCaptureDefaults, ...noiseConstraints(this.level) };
  }

  /** Applies the level to the published microphone, after whatever is being applied. */
  private apply(): Promise<NoiseSuppression> {
    const run = async (): Promise<NoiseSuppression> => {
      const level = this.level;
      const track = this.room?.localParticipant.getTrackPublication(Track.Source.Microphone)?.track;
      if (track instanceof LocalAudioTrack) {
        try {
          await applyNoiseSuppression(track, level, this.options.effectsPath());
        } catch (error) {
          if (this.level === level) this.level = 'browser';
          this.options.error(error instanceof VisioError ? error : mediaError(error));
        }
      }
      this.host.requestUpdate();
      return this.level;
    };
    const done = this.queue.then(run);
    this.queue = done;
    return done;
  }
}
