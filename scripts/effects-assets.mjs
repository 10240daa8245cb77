// The media-effect files the build copies from their npm packages into dist/effects/ (beside the
// ESM build and the self-contained bundle; src/effects-url.ts resolves them). Each entry:
// `from` is `<package>/<path inside it>`, `to` the path under dist/effects/, and `via` (optional)
// the package whose dependency it is, to take the copy that package resolves; `transform`
// (optional) changes the file's bytes on the way. They ship with our package so that no page
// ever fetches them from a CDN.
import { selfieSegmentationForTasks } from './segmentation-model.mjs';

export const EFFECTS_ASSETS = [
  // Background blur and replacement (segmentation): appended by the effects work.
  // MediaPipe's vision WebAssembly at the version @livekit/track-processors pins (0.10.14; a
  // node test checks the copy is that one). Only the SIMD build: every browser that has the
  // VideoFrame and WebGL 2 the effect needs has WebAssembly SIMD, so the no-SIMD pair (9 MB) is left out.
  { from: '@mediapipe/tasks-vision/wasm/vision_wasm_internal.js', to: 'segmentation/vision_wasm_internal.js', via: '@livekit/track-processors' },
  { from: '@mediapipe/tasks-vision/wasm/vision_wasm_internal.wasm', to: 'segmentation/vision_wasm_internal.wasm', via: '@livekit/track-processors' },
  // The selfie segmentation model (256×256, general: for a person close to the camera), with the
  // input normalization metadata MediaPipe Tasks needs and the package's file lacks (see
  // scripts/segmentation-model.mjs).
  {
    from: '@mediapipe/selfie_segmentation/selfie_segmentation.tflite',
    to: 'segmentation/selfie_segmentation.tflite',
    transform: selfieSegmentationForTasks,
  },
  // Noise suppression: appended by the audio work.
  // RNNoise (strong noise suppression): the WebAssembly, with and without SIMD, and the AudioWorklet that runs it.
  { from: '@sapphi-red/web-noise-suppressor/dist/rnnoise.wasm', to: 'noise/rnnoise.wasm' },
  { from: '@sapphi-red/web-noise-suppressor/dist/rnnoise_simd.wasm', to: 'noise/rnnoise_simd.wasm' },
  { from: '@sapphi-red/web-noise-suppressor/dist/rnnoise/workletProcessor.js', to: 'noise/rnnoise/workletProcessor.js' },
];
