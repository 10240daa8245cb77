import type { Room } from 'livekit-client';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { DeviceListController } from '../../controllers/device-list-controller.js';
import { SubscriptionController } from '../../controllers/subscription-controller.js';
import { canSelectAudioOutput, chooseDevice, isDeviceMissing, observeActiveDevice, rememberDevice, switchDevice, type DeviceKind } from '../../core/devices.js';
import { VisioDeviceChangeEvent } from '../../events/visio-device-change.js';
import { RoomElement } from '../../internal/room-element.js';
import { focusRing, tokens, visuallyHidden } from '../../styles/shared.js';
import { deviceSelectStyles } from './visio-device-select.styles.js';

const NAMES = { audioinput: 'microphone', videoinput: 'camera', audiooutput: 'speaker' } as const;

/**
 * Chooses the microphone, camera or speaker. In a call (a `room` property or a surrounding
 * `<visio-room>`) it switches the room's device without leaving the call; on its own (in the
 * prejoin) it only sets `value` and fires `visio-device-change`. The list follows devices plugged
 * in and out; when the device in use goes away, the default one replaces it, with a notice.
 * Speakers are listed only where the browser can choose where audio plays.
 *
 * @fires visio-device-change - Another device is in use; `detail.reason` is `user` or `unplugged`.
 * @fires visio-error - The device could not be switched to.
 * @csspart label - The label.
 * @csspart select - The `<select>`.
 * @csspart notice - The notice shown when a device was unplugged.
 */
export class VisioDeviceSelectElement extends RoomElement {
  static override styles = [tokens, focusRing, visuallyHidden, deviceSelectStyles];

  /** `audioinput`, `videoinput` or `audiooutput`. */
  @property({ reflect: true }) kind: DeviceKind = 'audioinput';
  /** The chosen device id. In a call it follows the room's active device. */
  @property() value = '';
  /** Hides the label visually (it still names the list) and narrows the list, for a control bar. */
  @property({ type: Boolean, reflect: true }) compact = false;

  @state() private notice?: string;

  /** Labels of every device seen, so a notice can name the one that went away. */
  private readonly labels = new Map<string, string>();
  private readonly list = new DeviceListController(
    this,
    () => this.kind,
    (devices) => this.onDevices(devices),
  );
  private readonly active = new SubscriptionController<Room, string | undefined>(
    this,
    () => this.activeRoom,
    (room, next) => observeActiveDevice(room, this.kind, next),
  );

  /** The device in use: the room's, else `value`. */
  get selected(): string {
    return this.active.value ?? this.value;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.kind === 'audiooutput' && !canSelectAudioOutput()) this.hidden = true;
    // A new value may follow a permission just granted: labels and ids may be revealed.
    if (changed.has('value') && changed.get('value') !== undefined) this.list.refresh();
  }

  override render() {
    if (this.kind === 'audiooutput' && !canSelectAudioOutput()) return nothing;
    const devices = this.list.devices;
    const selected = chooseDevice(devices, this.selected) ?? '';
    const name = this.localize.term(this.kindName);
    return html`
      <label part="label" for="select" class=${this.compact ? 'visually-hidden' : ''}>${name}</label>
      <select id="select" part="select" title=${name} ?disabled=${devices.length === 0} @change=${this.onChange}>
        ${
          devices.length === 0
            ? html`<option value="">${this.localize.term('noDeviceFound')}</option>`
            : devices.map(
                (device, index) => html`<option value=${device.deviceId} ?selected=${device.deviceId === selected}>${this.label(device, index)}</option>`,
              )
        }
      </select>
      ${this.notice ? html`<p class="notice" part="notice" role="status">${this.notice}</p>` : nothing}
    `;
  }

  /** What the list chooses (an unknown `kind` reads as the microphone, as its devices are none). */
  private get kindName() {
    return Object.hasOwn(NAMES, this.kind) ? NAMES[this.kind] : 'microphone';
  }

  private label(device: MediaDeviceInfo, index: number): string {
    return device.label || this.localize.term('deviceNumbered', { kind: this.localize.term(this.kindName), number: index + 1 });
  }

  private onChange(event: Event) {
    const deviceId = (event.target as HTMLSelectElement).value;
    this.notice = undefined;
    void this.use(deviceId, 'user');
  }

  /** When the device in use has gone, the default one takes over, and the user is told. */
  private onDevices(devices: MediaDeviceInfo[]) {
    const selected = this.selected;
    if (isDeviceMissing(devices, selected)) {
      const fallback = chooseDevice(devices);
      const gone = this.labels.get(selected);
      if (fallback !== undefined) {
        const label = devices.find((device) => device.deviceId === fallback)?.label || fallback;
        // A device remembered from an earlier visit is replaced silently; one unplugged now is announced.
        void this.use(fallback, 'unplugged', gone ? this.localize.term('deviceUnplugged', { device: gone, fallback: label }) : undefined);
      }
    }
    for (const device of devices) if (device.label) this.labels.set(device.deviceId, device.label);
  }

  private async use(deviceId: string, reason: 'user' | 'unplugged', message?: string) {
    const room = this.activeRoom;
    if (room && room.state !== 'disconnected') {
      try {
        await switchDevice(room, this.kind, deviceId, reason === 'user');
      } catch (error) {
        this.reportError(error);
        return;
      }
    } else if (reason === 'user') {
      rememberDevice(this.kind, deviceId);
    }
    this.value = deviceId;
    this.notice = message;
    this.dispatchEvent(new VisioDeviceChangeEvent({ kind: this.kind, deviceId, reason, message }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'visio-device-select': VisioDeviceSelectElement;
  }
}
