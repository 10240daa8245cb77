import type { RemoteParticipant } from 'livekit-client';
import { VisioEvent } from './visio-event.js';

export interface VisioParticipantDetail {
  identity: string;
  name: string;
  participant: RemoteParticipant;
}

/** A remote participant joined the call. */
export class VisioParticipantJoinedEvent extends VisioEvent<VisioParticipantDetail> {
  constructor(detail: VisioParticipantDetail) {
    super('visio-participant-joined', detail);
  }
}
