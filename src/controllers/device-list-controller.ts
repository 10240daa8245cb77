import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { observeDevices, type DeviceKind } from '../core/devices.js';
import type { Unsubscribe } from '../core/subscribe.js';

/**
 * The devices of one kind on a Lit host, kept current through `devicechange`. `refresh()` lists
 * them again, for changes the browser does not signal (labels revealed once access is granted).
 */
export class DeviceListController implements ReactiveController {
  devices: MediaDeviceInfo[] = [];
  private unsubscribe?: Unsubscribe;
  private subscribedKind?: DeviceKind;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly kind: () => DeviceKind,
    private readonly onChange: (devices: MediaDeviceInfo[], previous: MediaDeviceInfo[]) => void = () => undefined,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.subscribe();
  }

  hostUpdate(): void {
    if (this.unsubscribe && this.kind() !== this.subscribedKind) this.subscribe();
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  refresh(): void {
    this.subscribe();
  }

  private subscribe(): void {
    this.unsubscribe?.();
    const mediaDevices = navigator.mediaDevices;
    if (!mediaDevices) return;
    this.subscribedKind = this.kind();
    this.unsubscribe = observeDevices(mediaDevices, this.subscribedKind, (devices) => {
      const previous = this.devices;
      this.devices = devices;
      this.onChange(devices, previous);
      this.host.requestUpdate();
    });
  }
}
