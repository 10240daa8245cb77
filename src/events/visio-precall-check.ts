import type { PrecallCheckResult } from '../core/precall-check.js';
import { VisioEvent } from './visio-event.js';

/**
 * The pre-call check finished (in the prejoin, after "Check again", or `checkConnection()`):
 * whether the LiveKit server is reachable and over what (`detail.connection`), and whether the
 * selected microphone picks up sound (`detail.microphone`). A result, not an error: the user can
 * still try to join.
 */
export class VisioPrecallCheckEvent extends VisioEvent<PrecallCheckResult> {
  constructor(detail: PrecallCheckResult) {
    super('visio-precall-check', detail);
  }
}
