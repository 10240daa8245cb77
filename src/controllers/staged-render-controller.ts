import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Unsubscribe } from '../core/subscribe.js';

/** The longest the rest of the call waits for `until` (ms): a video slow to come does not leave the call without its controls. */
const MOST_WAIT = 1000;

/**
 * Renders a call in two steps when it joins by itself: its first render in the call shows what the
 * first video needs (the tiles), and the rest (control bar, menus, panels, settings, notices) comes
 * once `until` says so (the first remote video plays) or after `MOST_WAIT`, in a task of its own
 * after the next frame. Rendering the rest then does not hold the main thread while the first
 * video's messages and frame come in. Once done, later renders show everything at once (a rejoin
 * included).
 */
export class StagedRenderController implements ReactiveController {
  private done = false;
  private stopWaiting?: Unsubscribe;
  private frame?: number;
  private timer?: ReturnType<typeof setTimeout>;

  /**
   * `staged`: whether the first render in the call should wait (read at that render). `until`:
   * calls its argument when the rest may come, and returns how to stop listening.
   */
  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly staged: () => boolean,
    private readonly until: (go: () => void) => Unsubscribe,
  ) {
    host.addController(this);
  }

  /**
   * Whether the rest of the call may render now. The first time it is asked (in a render) while
   * `staged()`, it answers false and starts waiting.
   */
  get ready(): boolean {
    if (this.done) return true;
    if (!this.staged()) return (this.done = true);
    if (this.timer === undefined) {
      this.timer = setTimeout(() => this.go(), MOST_WAIT);
      this.stopWaiting = this.until(() => this.go());
    }
    return false;
  }

  hostDisconnected(): void {
    // Moved or removed before the second step: the next render in the call shows everything.
    this.stop();
    this.done = true;
  }

  /** The rest renders in a task after the next frame (the one that shows the video). */
  private go(): void {
    if (this.frame !== undefined) return;
    this.stop();
    this.frame = requestAnimationFrame(() => {
      this.timer = setTimeout(() => {
        this.done = true;
        this.host.requestUpdate();
      });
    });
  }

  private stop(): void {
    this.stopWaiting?.();
    clearTimeout(this.timer);
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
  }
}
