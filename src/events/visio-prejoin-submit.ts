import type { LocalTrack } from 'livekit-client';
import type { DeviceKind } from '../core/devices.js';
import type { NoiseSuppression } from '../core/effects/noise-suppression.js';
import { VisioEvent } from './visio-event.js';

/** What the user chose in the prejoin. */
export interface VisioPrejoinSubmitDetail {
  name: string;
  audioEnabled: boolean;
  videoEnabled: boolean;
  /** The chosen microphone, camera and speaker, by device id. */
  devices: Partial<Record<DeviceKind, string>>;
  /** The noise suppression chosen: `off`, `browser` (the browser's own) or `strong` (RNNoise). */
  noiseSuppression: NoiseSuppression;
  /**
   * The preview's live tracks, for the call to publish without opening the devices again. Whoever
   * handles the event owns them (and stops them when done), unless it calls `preventDefault()`:
   * then the join did not happen and they stay with the preview.
   */
  tracks: LocalTrack[];
}

/**
 * The user pressed "join" in `<visio-prejoin>`. `<visio-call>` handles it (and then fires its own
 * cancelable `visio-join-request`); a page using `<visio-prejoin>` alone joins with these choices.
 * Cancelable: `preventDefault()` says the join did not happen, and the preview keeps its camera
 * and microphone.
 */
export class VisioPrejoinSubmitEvent extends VisioEvent<VisioPrejoinSubmitDetail> {
  constructor(detail: VisioPrejoinSubmitDetail) {
    super('visio-prejoin-submit', detail, { cancelable: true });
  }
}
