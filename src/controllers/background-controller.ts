import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { LocalVideoTrack } from 'livekit-client';
import { applyBackground, type BackgroundChoice, type BackgroundEffect } from '../core/effects/background.js';
import { isVisioError, VisioError } from '../core/errors.js';
import type { Unsubscribe } from '../core/subscribe.js';
import { effectsUrl } from '../effects-url.js';
import { scriptURL } from '../internal/trusted-types.js';

export interface BackgroundControllerOptions {
  /** The choice shared by the prejoin and the call. */
  effect: () => BackgroundEffect;
  /** The camera track to put it on, when there is one (the preview's, or the call's published one). */
  track: () => LocalVideoTrack | undefined;
  /** The host's `effects-path` (see `effectsUrl`). */
  effectsPath: () => string | undefined;
  /** A failure, already turned into no effect (`background-effect-failed`). */
  error: (error: VisioError) => void;
}

/**
 * Keeps the background choice on a host's camera track: on each update, when the track or the
 * choice changed, applies the choice (`applyBackground`). When the effect fails, the choice goes
 * back to none (not remembered) and the camera goes on without it.
 */
export class BackgroundController implements ReactiveController {
  private subscribed?: { effect: BackgroundEffect; unsubscribe: Unsubscribe };
  private applied?: { track: LocalVideoTrack; choice: BackgroundChoice };

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: BackgroundControllerOptions,
  ) {
    host.addController(this);
  }

  get effect(): BackgroundEffect {
    return this.options.effect();
  }

  hostConnected(): void {
    this.subscribe();
  }

  hostUpdated(): void {
    this.subscribe();
    const track = this.options.track();
    const choice = this.effect.choice;
    if (!track || (this.applied?.track === track && this.applied.choice === choice)) return;
    this.applied = { track, choice };
    const base = this.options.effectsPath();
    applyBackground(track, choice, () => ({
      wasm: effectsUrl('segmentation/', base),
      model: effectsUrl('segmentation/selfie_segmentation.tflite', base),
      scriptURL,
    })).catch((error: unknown) => {
      if (this.effect.choice === choice) this.effect.set({ type: 'none' }, false);
      this.options.error(isVisioError(error) ? error : new VisioError('background-effect-failed', String(error), { cause: error }));
    });
  }

  hostDisconnected(): void {
    this.subscribed?.unsubscribe();
    this.subscribed = undefined;
    this.applied = undefined;
  }

  private subscribe(): void {
    const effect = this.options.effect();
    if (this.subscribed?.effect === effect) return;
    this.subscribed?.unsubscribe();
    // The current choice is what the host renders now: only changes ask for an update.
    let current = true;
    this.subscribed = { effect, unsubscribe: effect.subscribe(() => (current ? (current = false) : this.host.requestUpdate())) };
    void effect.restore();
  }
}
