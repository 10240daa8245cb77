import type { CallStatus } from '../core/call-session.js';
import type { VisioErrorCode } from '../core/errors.js';
import { VisioEvent } from './visio-event.js';

export interface VisioStatusChangedDetail {
  /** `idle`, `connecting`, `connected`, `reconnecting`, `left` or `error`. */
  status: CallStatus;
  /** Set when `status` is `error`. */
  error?: VisioErrorCode;
}

/** The call's status changed (see `VisioCallElement.status`). */
export class VisioStatusChangedEvent extends VisioEvent<VisioStatusChangedDetail> {
  constructor(detail: VisioStatusChangedDetail) {
    super('visio-status-changed', detail);
  }
}
