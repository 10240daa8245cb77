/**
 * The part of background effects that does the work, in its own module so that it (and
 * `@livekit/track-processors` with MediaPipe) is loaded only when a user turns an effect on
 * (`import()` from `background.ts`; the bundle makes it a chunk).
 */
import { BackgroundProcessor, BackgroundProcessorWrapper, type SwitchBackgroundProcessorOptions } from '@livekit/track-processors';
import type { LocalVideoTrack } from 'livekit-client';
import type { BackgroundChoice, SegmentationAssets } from './background-types.js';

/** How strong the blur is (the library's unit; 10 is its default, enough to hide a room). */
const BLUR_RADIUS = 10;

/** Loads `src` as an image first, so that one that does not load fails here, not silently in the library. */
async function loadImage(src: string): Promise<void> {
  const image = new Image();
  image.crossOrigin = 'anonymous';
  image.src = src;
  await image.decode();
}

/** How many effects are starting now, with MediaPipe's loader script URL made trusted. */
let trusting = 0;
const scriptSrc = typeof HTMLScriptElement === 'undefined' ? undefined : Object.getOwnPropertyDescriptor(HTMLScriptElement.prototype, 'src');

/**
 * Runs `start` while a script's `src` set to a URL inside `folder` goes through `trust` first.
 * MediaPipe adds its WebAssembly loader as a classic `<script>` whose `src` it sets as a plain
 * string, which a page that enforces Trusted Types refuses; the library's own policy
 * (`visio-elements`, own-origin `.js` URLs only) accepts it. Any other script URL is left as it
 * is, and the property is restored once no effect is starting.
 */
async function withTrustedLoader<T>(folder: string, trust: ((url: URL) => unknown) | undefined, start: () => Promise<T>): Promise<T> {
  const original = scriptSrc;
  if (!trust || !original?.set || !('trustedTypes' in globalThis)) return start();
  if (trusting++ === 0) {
    Object.defineProperty(HTMLScriptElement.prototype, 'src', {
      ...original,
      set(this: HTMLScriptElement, value: unknown) {
        const inFolder = typeof value === 'string' && value.startsWith(`${folder}/`);
        original.set!.call(this, inFolder ? trust(new URL(value)) : value);
      },
    });
  }
  try {
    return await start();
  } finally {
    if (--trusting === 0) Object.defineProperty(HTMLScriptElement.prototype, 'src', original);
  }
}

/**
 * Blurs or replaces the background on `track`: switches the effect already on it, or starts one
 * with the segmentation files at `assets` (never the library's default CDN addresses).
 */
export async function startBackground(track: LocalVideoTrack, choice: Exclude<BackgroundChoice, { type: 'none' }>, assets: SegmentationAssets): Promise<void> {
  if (choice.type === 'image') await loadImage(choice.src);
  const mode: SwitchBackgroundProcessorOptions =
    choice.type === 'blur' ? { mode: 'background-blur', blurRadius: BLUR_RADIUS } : { mode: 'virtual-background', imagePath: choice.src };
  const current = track.getProcessor();
  if (current instanceof BackgroundProcessorWrapper) {
    await current.switchTo(mode);
    return;
  }
  // MediaPipe appends `/vision_wasm_internal.js` (and `.wasm`) to the folder it is given.
  const folder = assets.wasm.href.replace(/\/$/, '');
  const processor = BackgroundProcessor({ ...mode, assetPaths: { tasksVisionFileSet: folder, modelAssetPath: assets.model.href } });
  try {
    await withTrustedLoader(folder, assets.scriptURL, () => track.setProcessor(processor));
  } catch (error) {
    await processor.destroy().catch(() => undefined);
    throw error;
  }
}
