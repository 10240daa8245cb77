import { nothing, render, type CSSResultOrNative, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { VisioError } from '../core/errors.js';
import { listen, type Unsubscribe } from '../core/subscribe.js';
import { popOutSupport, type PopOutMode, type PopOutSupport } from '../core/popout.js';
import { stylesFor } from '../internal/foreign-styles.js';

interface DocumentPictureInPicture {
  requestWindow(options?: { width?: number; height?: number }): Promise<Window>;
  readonly window: Window | null;
}

export interface PopOutOptions {
  /** Whether the call is on: once it is not (left, ended, failed), the pop-out closes. */
  active(): boolean;
  /** What the pop-out window shows (rendered again at each update of the host). */
  content(): TemplateResult | typeof nothing;
  /** The styles of the pop-out window's content (`:host` is the content's box). */
  styles: readonly CSSResultOrNative[];
  /** The `lang` and `theme` of the content. */
  attributes(): Record<string, string | undefined>;
  /** For a video's picture-in-picture: the `<video>` of the speaker (or pinned) tile in the page. */
  video(): HTMLVideoElement | undefined;
  /** The pop-out opened or closed. */
  changed(detail: { poppedOut: boolean; mode?: PopOutMode }): void;
  /** It could not open (`pop-out-failed`). */
  error(error: VisioError): void;
  /** After it closed: where the keyboard focus goes back to in the page. */
  focusBack(): void;
}

/**
 * The call in a small always-on-top window while the user works in another tab or window. With
 * Document Picture-in-Picture, the host renders its content into that window's document: the
 * elements and the `Room` stay the page's (one JavaScript realm), so every event still fires on
 * the host in the page. Elsewhere, one video's picture-in-picture. Closing the window (the user,
 * `popIn()`, a leave) puts everything back in the page and the focus back on the page.
 */
export class PopOutController implements ReactiveController {
  /** How it is popped out now, if it is. */
  mode?: PopOutMode;
  private pip?: { window?: Window; root?: ShadowRoot; stop: Unsubscribe };

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: PopOutOptions,
  ) {
    host.addController(this);
  }

  get poppedOut(): boolean {
    return this.mode !== undefined;
  }

  /** What this page can do (see `popOutSupport`). */
  get support(): PopOutSupport {
    return popOutSupport();
  }

  /**
   * Pops the call out. Needs a user's click (the browser's rule): called without one, it fails.
   * Resolves to whether it is popped out; never rejects (`pop-out-failed`).
   */
  async popOut(): Promise<boolean> {
    if (this.poppedOut) return true;
    const support = this.support;
    try {
      if (support === 'document') await this.openWindow();
      else if (support === 'video') await this.openVideo();
      else throw new Error('Neither Document Picture-in-Picture nor a video picture-in-picture is available here.');
    } catch (error) {
      this.pip?.stop();
      this.pip = undefined;
      this.options.error(
        new VisioError('pop-out-failed', `The call could not pop out: ${error instanceof Error ? error.message : String(error)}`, { cause: error }),
      );
      return false;
    }
    this.mode = support;
    this.host.requestUpdate();
    this.options.changed({ poppedOut: true, mode: support });
    return true;
  }

  /** Closes the pop-out; everything is back in the page. Resolves to false when it was not popped out. */
  async popIn(): Promise<boolean> {
    if (!this.poppedOut) return false;
    const pip = this.pip;
    if (pip?.window) pip.window.close();
    else if (document.pictureInPictureElement) await document.exitPictureInPicture().catch(() => undefined);
    // `pagehide` (or `leavepictureinpicture`) may come later: the call is back now.
    this.closed();
    return true;
  }

  hostUpdated(): void {
    if (this.poppedOut && !this.options.active()) {
      void this.popIn();
      return;
    }
    const root = this.pip?.root;
    if (!root) return;
    const box = root.host;
    for (const [name, value] of Object.entries(this.options.attributes())) {
      if (value) box.setAttribute(name, value);
      else box.removeAttribute(name);
    }
    render(this.options.content(), root, { host: this.host });
  }

  hostDisconnected(): void {
    void this.popIn();
  }

  private async openWindow(): Promise<void> {
    const api = (window as Window & { documentPictureInPicture?: DocumentPictureInPicture }).documentPictureInPicture!;
    const pip = await api.requestWindow({ width: 480, height: 360 });
    const doc = pip.document;
    // The content in a shadow root of its own, so that the elements' shared styles (`:host`) apply.
    const box = doc.createElement('div');
    box.className = 'visio-pop-out';
    doc.body.append(box);
    doc.documentElement.style.setProperty('height', '100%');
    doc.body.style.setProperty('margin', '0');
    doc.body.style.setProperty('height', '100%');
    const root = box.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = stylesFor(pip, this.options.styles);
    doc.title = document.title;
    this.pip = { window: pip, root, stop: listen(pip, 'pagehide', () => this.closed()) };
    this.hostUpdated();
  }

  private async openVideo(): Promise<void> {
    const video = this.options.video();
    if (!video) throw new Error('No video to show.');
    await video.requestPictureInPicture();
    this.pip = { stop: listen(video, 'leavepictureinpicture', () => this.closed()) };
  }

  /** The window closed (whoever closed it): its content leaves it, the call is back in the page. */
  private closed(): void {
    const pip = this.pip;
    if (!pip) return;
    this.pip = undefined;
    pip.stop();
    // Removing the content disconnects its elements, which drop their subscriptions to the room.
    if (pip.root) render(nothing, pip.root, { host: this.host });
    pip.root?.host.remove();
    const wasOut = this.poppedOut;
    this.mode = undefined;
    this.host.requestUpdate();
    if (!wasOut) return;
    this.options.changed({ poppedOut: false });
    this.options.focusBack();
  }
}
