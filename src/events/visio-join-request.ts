import type { DeviceKind } from '../core/devices.js';
import { VisioEvent } from './visio-event.js';

export interface VisioJoinRequestDetail {
  /** The room about to be joined. */
  room: string;
  /** The display name about to be used. */
  name: string;
  /** Whether the call starts with the microphone on. */
  audioEnabled: boolean;
  /** Whether the call starts with the camera on. */
  videoEnabled: boolean;
  /** The microphone, camera and speaker to use, by device id, where one was chosen or remembered. */
  devices: Partial<Record<DeviceKind, string>>;
}

/**
 * The call is about to join (the prejoin's or the join screen's button, `autojoin` or `join()`).
 * Cancelable: `preventDefault()` keeps it from joining, for example until the host has asked for
 * consent.
 */
export class VisioJoinRequestEvent extends VisioEvent<VisioJoinRequestDetail> {
  constructor(detail: VisioJoinRequestDetail) {
    super('visio-join-request', detail, { cancelable: true });
  }
}
