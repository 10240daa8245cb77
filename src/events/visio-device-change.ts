import type { DeviceKind } from '../core/devices.js';
import { VisioEvent } from './visio-event.js';

export interface VisioDeviceChangeDetail {
  kind: DeviceKind;
  deviceId: string;
  /** `user`: chosen in the list; `unplugged`: the device in use went away and this one replaces it. */
  reason: 'user' | 'unplugged';
  /** The message shown to the user when `reason` is `unplugged`. */
  message?: string;
}

/** A `<visio-device-select>` changed device. */
export class VisioDeviceChangeEvent extends VisioEvent<VisioDeviceChangeDetail> {
  constructor(detail: VisioDeviceChangeDetail) {
    super('visio-device-change', detail);
  }
}
