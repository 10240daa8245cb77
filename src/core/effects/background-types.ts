// The background choice and where segmentation's files are: shared by core/effects/background.ts
// and the chunk it loads on demand (background-processor.ts), which must not import each other.

/**
 * What is behind the person on the local camera: the picture as it is (`none`, the default), a
 * blur, or an image (one of the host's `backgrounds`, or the user's own, kept on the device).
 */
export type BackgroundChoice = { type: 'none' } | { type: 'blur' } | { type: 'image'; src: string };

/**
 * Where the segmentation files are: the folder of MediaPipe's WebAssembly, and the model file;
 * and how to make its loader script's URL acceptable to a page that enforces Trusted Types.
 */
export interface SegmentationAssets {
  wasm: URL;
  model: URL;
  scriptURL?: (url: URL) => unknown;
}
