// The media-effect files the build copies from their npm packages into dist/effects/ (beside the
// ESM build and the self-contained bundle; src/effects-url.ts resolves them). Each entry:
// `from` is `<package>/<path inside it>`, `to` the path under dist/effects/. They ship with our
// package so that no page ever fetches them from a CDN.
export const EFFECTS_ASSETS = [
  // Background blur and replacement (segmentation): appended by the effects work.
  // Noise suppression: appended by the audio work.
  // RNNoise (strong noise suppression): the WebAssembly, with and without SIMD, and the AudioWorklet that runs it.
  { from: '@sapphi-red/web-noise-suppressor/dist/rnnoise.wasm', to: 'noise/rnnoise.wasm' },
  { from: '@sapphi-red/web-noise-suppressor/dist/rnnoise_simd.wasm', to: 'noise/rnnoise_simd.wasm' },
  { from: '@sapphi-red/web-noise-suppressor/dist/rnnoise/workletProcessor.js', to: 'noise/rnnoise/workletProcessor.js' },
];
