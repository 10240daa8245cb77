// The media-effect files the build copies from their npm packages into dist/effects/ (beside the
// ESM build and the self-contained bundle; src/effects-url.ts resolves them). Each entry:
// `from` is `<package>/<path inside it>`, `to` the path under dist/effects/. They ship with our
// package so that no page ever fetches them from a CDN.
export const EFFECTS_ASSETS = [
  // Background blur and replacement (segmentation): appended by the effects work.
  // Noise suppression: appended by the audio work.
];
