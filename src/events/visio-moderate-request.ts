import type { ModerationAction } from '../core/moderation.js';
import { VisioEvent } from './visio-event.js';

export interface VisioModerateRequestDetail {
  action: ModerationAction;
  /** The participant to act on. */
  identity: string;
}

/**
 * The user chose a moderation item in a tile's menu or the participant list. `<visio-call>` does
 * it through its backend (and stops the event); elsewhere, the page may do it itself.
 */
export class VisioModerateRequestEvent extends VisioEvent<VisioModerateRequestDetail> {
  constructor(detail: VisioModerateRequestDetail) {
    super('visio-moderate-request', detail);
  }
}
