import { VisioEvent } from './visio-event.js';

export interface VisioHandRaisedDetail {
  identity: string;
  name: string;
  isLocal: boolean;
  /** `true` when the hand went up, `false` when it went down. */
  raised: boolean;
  /** When it was raised (ISO time), while raised. */
  raisedAt?: string;
}

/** Someone, the local participant included, raised or lowered their hand. */
export class VisioHandRaisedEvent extends VisioEvent<VisioHandRaisedDetail> {
  constructor(detail: VisioHandRaisedDetail) {
    super('visio-hand-raised', detail);
  }
}
