import type { MediaSource } from '../core/media.js';
import type { ParticipantRef } from '../core/participants.js';
import { VisioEvent } from './visio-event.js';

export interface VisioModeratedDetail {
  /** `muted` (the microphone), `permissionsRemoved` (may no longer publish `sources`), or `removed` from the call. */
  action: 'muted' | 'permissionsRemoved' | 'removed';
  /** The local participant's identity: the person acted on. */
  identity: string;
  /** Who said they did it, when a notification came with it (their name is untrusted text). */
  by?: ParticipantRef;
  /** For `permissionsRemoved`: what may no longer be published. */
  sources?: MediaSource[];
}

/** A moderator acted on the local participant, and the user was told why (a notice, announced). */
export class VisioModeratedEvent extends VisioEvent<VisioModeratedDetail> {
  constructor(detail: VisioModeratedDetail) {
    super('visio-moderated', detail);
  }
}
