import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** How long a toast stays over the call, in milliseconds. */
export const TOAST_DURATION = 5000;

export interface Toast {
  kind: 'hand' | 'chat';
  text: string;
}

/**
 * What the call tells its user besides its layout: the polite live-region announcement, the
 * notice banner (a non-fatal failure), the brief toast over the call, and the chat's unread count.
 */
export class CallNoticesController implements ReactiveController {
  /** Read by screen readers from a polite live region. */
  announcement = '';
  /** A non-fatal failure shown over the call until dismissed (a camera that would not start). */
  notice?: string;
  /** The brief notice over the call: a raised hand, or a message while the chat is closed. */
  toast?: Toast;
  /** Chat messages received while the chat was closed. */
  unread = 0;
  private timer?: ReturnType<typeof setTimeout>;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  announce(text: string): void {
    this.announcement = text;
    this.host.requestUpdate();
  }

  /** Shows `text` in the banner, or hides it (`undefined`). */
  showNotice(text: string | undefined): void {
    this.notice = text;
    this.host.requestUpdate();
  }

  /** Shows `text` over the call for a few seconds (replacing any other) and announces it. */
  showToast(kind: Toast['kind'], text: string): void {
    this.announce(text);
    this.toast = { kind, text };
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.toast = undefined;
      this.host.requestUpdate();
    }, TOAST_DURATION);
  }

  /** One more unread message, or none (`clear`). */
  countUnread(clear = false): void {
    this.unread = clear ? 0 : this.unread + 1;
    this.host.requestUpdate();
  }

  hostDisconnected(): void {
    clearTimeout(this.timer);
    this.toast = undefined;
  }
}
