import type { VisioErrorCode } from '../core/errors.js';
import { VisioEvent } from './visio-event.js';

export interface VisioErrorDetail {
  /** Stable code, see `core/errors.ts`. */
  code: VisioErrorCode;
  /** The message shown to the user, in the element's language. */
  message: string;
  /** The error as thrown, for logs. */
  error: Error;
}

/** Something failed. The same message is shown in the element. */
export class VisioErrorEvent extends VisioEvent<VisioErrorDetail> {
  constructor(detail: VisioErrorDetail) {
    super('visio-error', detail);
  }
}
