import { VisioEvent } from './visio-event.js';

export interface VisioJoinRequestDetail {
  /** The room about to be joined. */
  room: string;
  /** The display name about to be used. */
  name: string;
}

/**
 * The call is about to join (join button, `autojoin` or `join()`). Cancelable: `preventDefault()`
 * keeps it from joining, for example until the host has asked for consent.
 */
export class VisioJoinRequestEvent extends VisioEvent<VisioJoinRequestDetail> {
  constructor(detail: VisioJoinRequestDetail) {
    super('visio-join-request', detail, { cancelable: true });
  }
}
