import type { Room } from 'livekit-client';
import { VisioEvent } from './visio-event.js';

export interface VisioConnectedDetail {
  room: Room;
}

/** The call is connected (first join or rejoin). */
export class VisioConnectedEvent extends VisioEvent<VisioConnectedDetail> {
  constructor(detail: VisioConnectedDetail) {
    super('visio-connected', detail);
  }
}
