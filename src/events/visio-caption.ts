import type { CaptionSegment } from '../core/room-hub.js';
import { VisioEvent } from './visio-event.js';

/** A transcription segment: its id, text so far, speaker, times, and whether it is `final`. */
export type VisioCaptionDetail = CaptionSegment;

/** A caption appeared or changed (interim text, then once more when final). */
export class VisioCaptionEvent extends VisioEvent<VisioCaptionDetail> {
  constructor(detail: VisioCaptionDetail) {
    super('visio-caption', detail);
  }
}
