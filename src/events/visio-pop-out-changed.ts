import type { PopOutMode } from '../core/popout.js';
import { VisioEvent } from './visio-event.js';

export interface VisioPopOutChangedDetail {
  /** Whether the call is in its pop-out window now. */
  poppedOut: boolean;
  /** How it popped out: its own window (`document`) or one video's picture-in-picture (`video`); absent once back. */
  mode?: PopOutMode;
}

/** The call popped out into its own small window, or came back into the page. */
export class VisioPopOutChangedEvent extends VisioEvent<VisioPopOutChangedDetail> {
  constructor(detail: VisioPopOutChangedDetail) {
    super('visio-pop-out-changed', detail);
  }
}
