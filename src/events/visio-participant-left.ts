import { VisioEvent } from './visio-event.js';
import type { VisioParticipantDetail } from './visio-participant-joined.js';

/** A remote participant left the call. */
export class VisioParticipantLeftEvent extends VisioEvent<VisioParticipantDetail> {
  constructor(detail: VisioParticipantDetail) {
    super('visio-participant-left', detail);
  }
}
