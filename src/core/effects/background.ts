import { Track, type LocalVideoTrack, type Room } from 'livekit-client';
import { VisioError } from '../errors.js';
import { loadPreferences, savePreferences } from '../preferences.js';
import { Observable, type Unsubscribe } from '../subscribe.js';
import type { BackgroundChoice, SegmentationAssets } from './background-types.js';

export type { BackgroundChoice, SegmentationAssets } from './background-types.js';

/** One of the host's background images: its URL (same origin, or served with CORS) and its name for users. */
export interface BackgroundImage {
  src: string;
  label: string;
}

/**
 * Why background effects cannot run in this browser: `webgl` (no WebGL 2, often graphics
 * acceleration turned off), `video` (no `VideoFrame` or `OffscreenCanvas`, or no way to process a
 * camera track). `undefined` where they can.
 */
export type BackgroundUnsupportedReason = 'webgl' | 'video';

let webgl2: boolean | undefined;

/**
 * The same checks as `supportsBackgroundProcessors()` of `@livekit/track-processors` (which does
 * the work), made without loading it: WebGL 2, `VideoFrame`, `OffscreenCanvas`,
 * `createImageBitmap`, and either `MediaStreamTrackProcessor` or `canvas.captureStream()`.
 */
export function backgroundUnsupportedReason(): BackgroundUnsupportedReason | undefined {
  const g = globalThis as Record<string, unknown>;
  const frames = typeof g.VideoFrame !== 'undefined' && typeof g.OffscreenCanvas !== 'undefined' && typeof g.createImageBitmap !== 'undefined';
  const processing =
    (typeof g.MediaStreamTrackProcessor !== 'undefined' && typeof g.MediaStreamTrackGenerator !== 'undefined') ||
    (typeof HTMLCanvasElement !== 'undefined' && 'captureStream' in HTMLCanvasElement.prototype);
  if (!frames || !processing) return 'video';
  if (webgl2 === undefined) {
    const context = document.createElement('canvas').getContext('webgl2');
    webgl2 = !!context;
    context?.getExtension('WEBGL_lose_context')?.loseContext();
  }
  return webgl2 ? undefined : 'webgl';
}

/** The camera track `room` publishes, if any (the one a background effect goes on during a call). */
export function localCameraTrack(room: Room | undefined): LocalVideoTrack | undefined {
  return room?.localParticipant.getTrackPublication(Track.Source.Camera)?.videoTrack;
}

/** A short stable key for a choice (what is remembered, and what was applied to a track). */
function keyOf(choice: BackgroundChoice): string {
  return choice.type === 'image' ? `image:${choice.src}` : choice.type;
}

/** What each track has, and the request that runs on it now (one at a time, the last one wins). */
const applied = new WeakMap<LocalVideoTrack, { key: string; queue: Promise<void> }>();
/** The last request made on each track. */
const latest = new WeakMap<LocalVideoTrack, object>();

/**
 * Puts `choice` on `track` (a camera track, published or not: a published one sends the effect).
 * The segmentation code (`@livekit/track-processors` on MediaPipe) is imported the first time an
 * effect is turned on, and its files are loaded from `assets` only. Requests on one track run one
 * after the other, and one overtaken by a newer request is dropped. Rejects with
 * `background-effect-failed` when the effect cannot start (files missing or refused by the page's
 * policy, an image that does not load); the track then goes on without any effect.
 */
export function applyBackground(track: LocalVideoTrack, choice: BackgroundChoice, assets: () => SegmentationAssets): Promise<void> {
  const key = keyOf(choice);
  const entry = applied.get(track) ?? { key: 'none', queue: Promise.resolve() };
  const wanted = { key };
  const run = async () => {
    // A newer request is queued behind this one: it alone runs.
    if (latest.get(track) !== wanted) return;
    const hasEffect = !!track.getProcessor();
    if (entry.key === key && (key === 'none' || hasEffect)) return;
    if (choice.type === 'none') {
      entry.key = 'none';
      if (hasEffect) await track.stopProcessor();
      return;
    }
    try {
      const { startBackground } = await import('./background-processor.js');
      await startBackground(track, choice, assets());
      entry.key = key;
    } catch (error) {
      entry.key = 'none';
      await track.stopProcessor().catch(() => undefined);
      throw new VisioError('background-effect-failed', `The background effect could not start: ${error instanceof Error ? error.message : String(error)}`, {
        cause: error,
      });
    }
  };
  latest.set(track, wanted);
  const result = entry.queue.then(run);
  entry.queue = result.catch(() => undefined);
  applied.set(track, entry);
  return result;
}

/** The largest own image kept (bigger files are refused: a background needs no more). */
export const OWN_IMAGE_MAX_BYTES = 15 * 1024 * 1024;

/**
 * The background choice of one call (or one standalone prejoin): the current choice, the host's
 * images, the user's own image (kept in this browser's IndexedDB, never sent anywhere), and the
 * remembered choice. The prejoin and the call share one, so that the preview and the call show
 * the same effect; each applies it to its own camera track (`applyBackground`).
 */
export class BackgroundEffect {
  private readonly observable = new Observable<BackgroundChoice>({ type: 'none' });
  /** The host's images (`backgrounds` on `<visio-call>`). */
  images: BackgroundImage[] = [];
  /** An object URL of the user's own image, while one is kept. */
  private ownUrl?: string;
  private restored = false;

  get choice(): BackgroundChoice {
    return this.observable.value;
  }

  /** The URL of the user's own image, when there is one (an object URL: it stays on the device). */
  get ownImage(): string | undefined {
    return this.ownUrl;
  }

  /** Current choice first, then each change. */
  subscribe(next: (choice: BackgroundChoice) => void): Unsubscribe {
    return this.observable.subscribe(next);
  }

  /**
   * The remembered choice, once: blur, one of the host's images (if it is still offered), or the
   * user's own image (read back from IndexedDB). Anything else is no effect.
   */
  async restore(): Promise<void> {
    if (this.restored) return;
    this.restored = true;
    const remembered = loadPreferences().background;
    if (!remembered || remembered === 'none') return;
    if (remembered === 'own') {
      const url = await this.loadOwn();
      if (url && this.choice.type === 'none') this.observable.set({ type: 'image', src: url });
      return;
    }
    if (remembered === 'blur') this.observable.set({ type: 'blur' });
    else if (remembered.startsWith('image:')) {
      const src = remembered.slice('image:'.length);
      if (this.images.some((image) => image.src === src)) this.observable.set({ type: 'image', src });
    }
  }

  /** Chooses, and remembers it for the next call unless `remember` is false (a failed effect). */
  set(choice: BackgroundChoice, remember = true): void {
    const normalized: BackgroundChoice = choice.type === 'image' ? { type: 'image', src: choice.src } : { type: choice.type };
    this.restored = true;
    if (keyOf(normalized) === keyOf(this.choice)) return;
    this.observable.set(normalized);
    if (!remember) return;
    const own = normalized.type === 'image' && normalized.src === this.ownUrl;
    savePreferences({ background: own ? 'own' : keyOf(normalized) });
  }

  /**
   * Keeps `file` as the user's own background (in IndexedDB, on this device only) and chooses it.
   * Rejects with `background-effect-failed` when it is not an image or is too large.
   */
  async setOwnImage(file: Blob): Promise<void> {
    if (!file.type.startsWith('image/') || file.size > OWN_IMAGE_MAX_BYTES) {
      throw new VisioError('background-effect-failed', `Not an image, or larger than ${OWN_IMAGE_MAX_BYTES} bytes: ${file.type}, ${file.size} bytes`);
    }
    // Kept for the next call where storage allows; this call uses it either way.
    await import('./own-image.js').then(({ saveOwnImage }) => saveOwnImage(file)).catch(() => undefined);
    this.replaceOwnUrl(URL.createObjectURL(file));
    this.set({ type: 'image', src: this.ownUrl! });
  }

  /** Frees the own image's object URL (the element that made this object left the page). */
  dispose(): void {
    this.replaceOwnUrl(undefined);
    this.observable.clear();
  }

  private async loadOwn(): Promise<string | undefined> {
    const blob = await import('./own-image.js').then(({ loadOwnImage }) => loadOwnImage()).catch(() => undefined);
    if (!blob) return undefined;
    this.replaceOwnUrl(URL.createObjectURL(blob));
    return this.ownUrl;
  }

  private replaceOwnUrl(url: string | undefined) {
    if (this.ownUrl) URL.revokeObjectURL(this.ownUrl);
    this.ownUrl = url;
  }
}
