/**
 * The part of background effects that does the work, in its own module so that it (and
 * `@livekit/track-processors` with MediaPipe) is loaded only when a user turns an effect on
 * (`import()` from `background.ts`; the bundle makes it a chunk).
 */
import { BackgroundProcessor, BackgroundProcessorWrapper, type SwitchBackgroundProcessorOptions } from '@livekit/track-processors';
import type { LocalVideoTrack } from 'livekit-client';
import type { BackgroundChoice, SegmentationAssets } from './background.js';

/** How strong the blur is (the library's unit; 10 is its default, enough to hide a room). */
const BLUR_RADIUS = 10;

/** Loads `src` as an image first, so that one that does not load fails here, not silently in the library. */
async function loadImage(src: string): Promise<void> {
  const image = new Image();
  image.crossOrigin = 'anonymous';
  image.src = src;
  await image.decode();
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
    await track.setProcessor(processor);
  } catch (error) {
    await processor.destroy().catch(() => undefined);
    throw error;
  }
}
