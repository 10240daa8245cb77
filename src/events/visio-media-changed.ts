import type { MediaState } from '../core/media.js';
import { VisioEvent } from './visio-event.js';

/** The local microphone, camera or screen share was turned on or off (by the user or by code). */
export class VisioMediaChangedEvent extends VisioEvent<MediaState> {
  constructor(detail: MediaState) {
    super('visio-media-changed', detail);
  }
}
