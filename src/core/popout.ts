/** How the call pops out: its own small window (Document Picture-in-Picture), or one video's picture-in-picture. */
export type PopOutMode = 'document' | 'video';

/** What this page can do: a pop-out `document` window, a `video`'s picture-in-picture, or `none`. */
export type PopOutSupport = PopOutMode | 'none';

/**
 * What the page allows. Document Picture-in-Picture only opens from a top-level page (never
 * from inside a frame: the browser refuses it there); a video's picture-in-picture needs the
 * `picture-in-picture` permission policy, which a frame of someone else's page may not grant
 * (`document.pictureInPictureEnabled` is false then). Otherwise: `none`.
 */
export function popOutSupport(view: Window = window): PopOutSupport {
  let topLevel: boolean;
  try {
    topLevel = view.top === view;
  } catch {
    topLevel = false;
  }
  if (topLevel && 'documentPictureInPicture' in view) return 'document';
  const video = (view as Window & { HTMLVideoElement?: typeof HTMLVideoElement }).HTMLVideoElement;
  if (view.document.pictureInPictureEnabled && video && 'requestPictureInPicture' in video.prototype) return 'video';
  return 'none';
}
