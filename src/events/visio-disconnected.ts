import type { VisioErrorCode } from '../core/errors.js';
import { VisioEvent } from './visio-event.js';

export interface VisioDisconnectedDetail {
  /** `left` when the user (or `leave()`) ended the call, else the error code. */
  reason: 'left' | VisioErrorCode;
}

/** The call ended: the user left, or the connection could not be kept. */
export class VisioDisconnectedEvent extends VisioEvent<VisioDisconnectedDetail> {
  constructor(detail: VisioDisconnectedDetail) {
    super('visio-disconnected', detail);
  }
}
