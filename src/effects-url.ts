/**
 * Where the media-effect files live: the segmentation model and its WebAssembly (background blur
 * and replacement), the noise suppression worklet and its WebAssembly. The build copies them from
 * their npm packages into `effects/` beside the ESM build and the self-contained bundle (see
 * scripts/effects-assets.mjs), so a page loads them from its own origin, and only when a user
 * turns an effect on. A host that serves them elsewhere (a path of its own, a versioned folder)
 * sets `effects-path` on `<visio-call>`; nothing is ever fetched from a third party.
 */

// dist/effects/ beside this module in the ESM build; the bundle, whose chunks live one folder
// down, names its own folder with setDefaultEffectsBase() (see src/bundle.ts).
let defaultBase = new URL('./effects/', import.meta.url);

/** Sets the folder used when a call names none (the self-contained bundle's `effects/`). */
export function setDefaultEffectsBase(base: URL): void {
  defaultBase = base;
}

/** The URL of `file` in the effects folder: `base` (the host's `effects-path`) or the default. */
export function effectsUrl(file: string, base?: string): URL {
  const root = base ? new URL(base.endsWith('/') ? base : `${base}/`, document.baseURI) : defaultBase;
  return new URL(file, root);
}
