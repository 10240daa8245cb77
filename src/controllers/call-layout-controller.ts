import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { shownLayout, type CallLayout } from '../core/layout.js';
import type { ParticipantInfo } from '../core/observe.js';

/** What the call shows: the `layout` setting, the layout it resolves to, and who is pinned. */
export interface LayoutChange {
  layout: CallLayout;
  shown: 'grid' | 'stage';
  pinned: string | null;
}

/**
 * The call's layout on a Lit host: who is pinned, and whether the grid or the stage shows (the
 * `layout` setting, a pin, a screen share). Tells the host after each update that changed it.
 */
export class CallLayoutController implements ReactiveController {
  /** Identity of the pinned participant, present or not (see `pinnedHere`). */
  private pinned: string | null = null;
  private before?: LayoutChange;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: {
      layout(): CallLayout;
      participants(): readonly ParticipantInfo[];
      changed(change: LayoutChange): void;
    },
  ) {
    host.addController(this);
  }

  /** Shows this participant large (on the stage); `null` unpins. */
  pin(identity: string | null): void {
    this.pinned = identity;
    this.host.requestUpdate();
  }

  /** The pinned participant, while they are in the call. */
  get pinnedHere(): string | null {
    return this.options.participants().some((participant) => participant.identity === this.pinned) ? this.pinned : null;
  }

  get shown(): 'grid' | 'stage' {
    const screenShared = this.options.participants().some((participant) => participant.screenShare);
    return shownLayout(this.options.layout(), screenShared, this.pinnedHere !== null);
  }

  hostUpdated(): void {
    const now: LayoutChange = { layout: this.options.layout(), shown: this.shown, pinned: this.pinnedHere };
    const before = this.before;
    this.before = now;
    if (before && (before.layout !== now.layout || before.shown !== now.shown || before.pinned !== now.pinned)) this.options.changed(now);
  }
}
