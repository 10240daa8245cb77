import type { AudioCaptureOptions, AudioProcessorOptions, LocalAudioTrack, Track, TrackProcessor } from 'livekit-client';
import { VisioError } from '../errors.js';

/**
 * How much background noise is taken out of the local microphone:
 * - `off`: nothing (music, a room's sound as it is);
 * - `browser`: the browser's own noise suppression (the `noiseSuppression` capture constraint),
 *   what every call service uses by default;
 * - `strong`: RNNoise, a small neural network in WebAssembly, run in an AudioWorklet on the
 *   microphone track (the browser's own is then turned off, so the two do not fight). Its files
 *   are loaded from the effects folder only when it is turned on.
 */
export type NoiseSuppression = 'off' | 'browser' | 'strong';

export const NOISE_SUPPRESSION_LEVELS: readonly NoiseSuppression[] = ['off', 'browser', 'strong'];

/** What a call starts with when the user chose nothing: the browser's own, as in every call service (no download, no extra CPU). */
export const DEFAULT_NOISE_SUPPRESSION: NoiseSuppression = 'browser';

/** The name of the strong suppressor's track processor (`track.getProcessor()?.name`). */
export const NOISE_PROCESSOR_NAME = 'visio-noise-suppression';

export function isNoiseSuppression(value: unknown): value is NoiseSuppression {
  return NOISE_SUPPRESSION_LEVELS.includes(value as NoiseSuppression);
}

/** Whether this browser can run the strong suppressor: an AudioWorklet (secure pages only) and WebAssembly. */
export function canSuppressNoiseStrongly(): boolean {
  return typeof AudioWorkletNode === 'function' && typeof WebAssembly === 'object' && typeof AudioContext === 'function';
}

/** The levels this browser offers. */
export function noiseSuppressionLevels(): NoiseSuppression[] {
  return NOISE_SUPPRESSION_LEVELS.filter((level) => level !== 'strong' || canSuppressNoiseStrongly());
}

/** The browser's own noise suppression for `level`, as a capture constraint (echo cancellation and gain control are left as they are). */
export function noiseConstraints(level: NoiseSuppression): { noiseSuppression: boolean } {
  return { noiseSuppression: level === 'browser' };
}

/** Whether `track` is captured with the browser's own noise suppression on. */
function capturedWithSuppression(track: LocalAudioTrack): boolean | undefined {
  const settings = track.getSourceTrackSettings();
  if (typeof settings.noiseSuppression === 'boolean') return settings.noiseSuppression;
  const asked = track.constraints.noiseSuppression;
  return typeof asked === 'boolean' ? asked : undefined;
}

/**
 * Turns the browser's own suppression on or off on the microphone: in place where the browser can
 * (Firefox), else by capturing it again (Chromium); the published track stays, its sender gets
 * the new capture.
 */
async function captureWithSuppression(track: LocalAudioTrack, on: boolean): Promise<void> {
  if (capturedWithSuppression(track) === on) return;
  await track.applyConstraints({ noiseSuppression: on }).catch(() => undefined);
  if (capturedWithSuppression(track) === on) return;
  await track.restartTrack({ ...(track.constraints as AudioCaptureOptions), noiseSuppression: on });
}

/**
 * Applies `level` to the local microphone `track` without unpublishing or muting it: the capture
 * constraint (`restartTrack`), then for `strong` the RNNoise processor (`setProcessor`, its code
 * loaded now), or its removal (`stopProcessor`). `effectsPath` is the host's folder for the
 * effect files (see `effectsUrl`). When the strong suppressor cannot start (files missing, a page
 * whose CSP forbids WebAssembly or the worklet), the browser's own is put back, the microphone
 * goes on, and this rejects with `noise-suppression-failed`.
 */
export async function applyNoiseSuppression(track: LocalAudioTrack, level: NoiseSuppression, effectsPath?: string): Promise<void> {
  const running = track.getProcessor()?.name === NOISE_PROCESSOR_NAME;
  if (level !== 'strong') {
    if (running) await track.stopProcessor();
    await captureWithSuppression(track, level === 'browser');
    return;
  }
  if (running) return;
  let processor: TrackProcessor<Track.Kind.Audio, AudioProcessorOptions> | undefined;
  try {
    if (!canSuppressNoiseStrongly()) throw new Error('This browser has no AudioWorklet or no WebAssembly.');
    await captureWithSuppression(track, false);
    const { noiseProcessor } = await import('./noise-processor.js');
    processor = noiseProcessor(NOISE_PROCESSOR_NAME, effectsPath);
    await track.setProcessor(processor);
  } catch (error) {
    if (processor && track.getProcessor() === processor) await track.stopProcessor().catch(() => undefined);
    else await processor?.destroy().catch(() => undefined);
    await captureWithSuppression(track, true).catch(() => undefined);
    const message = error instanceof Error ? error.message : String(error);
    throw new VisioError('noise-suppression-failed', `Strong noise suppression could not start; the browser's own is on: ${message}`, { cause: error });
  }
}
