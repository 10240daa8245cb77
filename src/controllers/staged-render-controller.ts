import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Renders a call in two steps when it joins by itself: its first render in the call shows what the
 * first video needs (the tiles), and the rest (control bar, menus, panels, settings, notices) comes
 * in a task of its own after the next frame, so that rendering it is not done in the task that
 * handles the join, ahead of the messages that bring the first remote video. Once done, later
 * renders show everything at once (a rejoin included).
 */
export class StagedRenderController implements ReactiveController {
  private done = false;
  private frame?: number;
  private timer?: ReturnType<typeof setTimeout>;

  /** `staged`: whether the first render in the call should wait (read at that render). */
  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly staged: () => boolean,
  ) {
    host.addController(this);
  }

  /**
   * Whether the rest of the call may render now. The first time it is asked (in a render) while
   * `staged()`, it answers false and schedules a render for after the next frame.
   */
  get ready(): boolean {
    if (this.done) return true;
    if (!this.staged()) return (this.done = true);
    this.frame ??= requestAnimationFrame(() => {
      this.timer = setTimeout(() => {
        this.done = true;
        this.host.requestUpdate();
      });
    });
    return false;
  }

  hostDisconnected(): void {
    // Moved or removed before the second step: the next render in the call shows everything.
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    clearTimeout(this.timer);
    this.frame = undefined;
    this.done = true;
  }
}
