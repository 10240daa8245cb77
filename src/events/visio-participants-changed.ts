import type { ParticipantInfo } from '../core/observe.js';
import { VisioEvent } from './visio-event.js';

export interface VisioParticipantsChangedDetail {
  /** Everyone in the call, the local participant first, with their microphone, camera and screen share. */
  participants: ParticipantInfo[];
}

/** Someone joined or left, or turned their microphone, camera or screen share on or off. */
export class VisioParticipantsChangedEvent extends VisioEvent<VisioParticipantsChangedDetail> {
  constructor(detail: VisioParticipantsChangedDetail) {
    super('visio-participants-changed', detail);
  }
}
