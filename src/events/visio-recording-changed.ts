import type { RecordingMode } from '../core/backends/backend.js';
import type { RecordingStatus } from '../core/recording.js';
import { VisioEvent } from './visio-event.js';

export interface VisioRecordingChangedDetail {
  /** `off`, `starting`, `on` or `saving`. */
  status: RecordingStatus;
  /** `transcript` or `screen_recording`, when the deployment says which. */
  mode?: RecordingMode;
}

/** The call started or stopped being recorded or transcribed (from the server's room state). */
export class VisioRecordingChangedEvent extends VisioEvent<VisioRecordingChangedDetail> {
  constructor(detail: VisioRecordingChangedDetail) {
    super('visio-recording-changed', detail);
  }
}
