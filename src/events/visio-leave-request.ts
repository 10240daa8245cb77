import { VisioEvent } from './visio-event.js';

export interface VisioLeaveRequestDetail {
  /** `button`: the user pressed the leave button; `method`: code called `leave()`. */
  source: 'button' | 'method';
}

/**
 * The user (or code) is about to leave the call. Cancelable: `preventDefault()` keeps the call,
 * for example to ask "end the call for everyone?" first.
 */
export class VisioLeaveRequestEvent extends VisioEvent<VisioLeaveRequestDetail> {
  constructor(detail: VisioLeaveRequestDetail) {
    super('visio-leave-request', detail, { cancelable: true });
  }
}
