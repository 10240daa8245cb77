import type { WaitingParticipant } from '../core/backends/backend.js';
import { VisioEvent } from './visio-event.js';

export interface VisioLobbyChangedDetail {
  /** Who waits to be let in now, oldest first (names are untrusted text). */
  waiting: WaitingParticipant[];
}

/** For hosts: someone knocked, was let in or turned away, or stopped waiting. */
export class VisioLobbyChangedEvent extends VisioEvent<VisioLobbyChangedDetail> {
  constructor(detail: VisioLobbyChangedDetail) {
    super('visio-lobby-changed', detail);
  }
}
