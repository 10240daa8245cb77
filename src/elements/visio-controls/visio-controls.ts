import { css, html, nothing } from 'lit';
import { DisclosureController } from '../../controllers/disclosure-controller.js';
import type { VisioDeviceChangeEvent } from '../../events/visio-device-change.js';
import { settingsIcon } from '../../internal/icons.js';
import { RoomElement } from '../../internal/room-element.js';
import { controlStyles } from '../../styles/shared.js';

/**
 * The call's control bar: microphone, camera, a device-settings button (microphone, camera and
 * speaker lists), screen share (where the browser can share a screen), leave. Add your own
 * buttons in the slot.
 *
 * The device lists stay mounted while their panel is closed, so an unplugged device is still
 * replaced by the default one; the panel then opens to show the notice.
 *
 * @slot - Extra controls, after the built-in ones.
 * @csspart bar - The toolbar.
 * @csspart devices-button - The button that shows or hides the device lists.
 * @csspart devices - The panel with the device lists.
 */
export class VisioControlsElement extends RoomElement {
  static override styles = [
    ...controlStyles,
    css`
      /* One row whatever the width: on a narrow screen the bar scrolls sideways instead of
         growing and taking height from the video. The device panel is placed against the host,
         outside the scrolling row, so that the row does not clip it. */
      :host {
        display: block;
        position: relative;
      }
      [role='toolbar'] {
        display: flex;
        justify-content: safe center;
        flex-wrap: nowrap;
        overflow-x: auto;
        scrollbar-width: thin;
        gap: var(--_gap);
        padding: var(--_gap);
      }
      [role='toolbar'] > * {
        flex: none;
      }
      /* Leaving stays in view while the rest of a long bar scrolls under it. */
      [role='toolbar'] > visio-leave {
        position: sticky;
        inset-inline-end: calc(var(--_gap) * -1);
        z-index: 1;
        margin-inline: calc(var(--_gap) * -1);
        padding-inline: var(--_gap);
        background: var(--_bg);
      }
      [part='devices'] {
        position: absolute;
        bottom: calc(100% + var(--_gap));
        left: 50%;
        transform: translateX(-50%);
        z-index: 2;
        display: grid;
        gap: var(--_gap);
        width: max-content;
        max-width: min(20rem, 90vw);
        padding: calc(var(--_gap) * 2);
        border-radius: var(--_radius);
        background: var(--_surface);
        box-shadow: 0 4px 16px rgb(0 0 0 / 0.25);
      }
      [part='devices'][hidden] {
        display: none;
      }
    `,
  ];

  private readonly devices = new DisclosureController(this, '[part="devices-button"]');

  override render() {
    return html`
      <div role="toolbar" part="bar" aria-label=${this.localize.term('callControls')}>
        <visio-toggle source="microphone" .room=${this.room}></visio-toggle>
        <visio-toggle source="camera" .room=${this.room}></visio-toggle>
        <div class="devices" @keydown=${this.devices.onKeydown} @visio-device-change=${this.onDeviceChange}>
          <button
            part="devices-button"
            aria-expanded=${this.devices.open ? 'true' : 'false'}
            aria-controls="devices"
            aria-label=${this.localize.term('deviceSettings')}
            title=${this.localize.term('deviceSettings')}
            @click=${() => this.devices.toggle()}
          >
            ${settingsIcon}
          </button>
          <div id="devices" part="devices" role="group" aria-label=${this.localize.term('deviceSettings')} ?hidden=${!this.devices.open}>
            <visio-device-select kind="audioinput" .room=${this.room}></visio-device-select>
            <visio-device-select kind="videoinput" .room=${this.room}></visio-device-select>
            <visio-device-select kind="audiooutput" .room=${this.room}></visio-device-select>
          </div>
        </div>
        ${canShareScreen() ? html`<visio-toggle source="screen_share" .room=${this.room}></visio-toggle>` : nothing}
        <slot></slot>
        <visio-leave .room=${this.room}></visio-leave>
      </div>
    `;
  }

  /** A device in use was unplugged: show the lists, where the notice says what replaced it. */
  private onDeviceChange(event: VisioDeviceChangeEvent) {
    if (event.detail.reason === 'unplugged') this.devices.toggle(true);
  }
}

function canShareScreen(): boolean {
  return typeof navigator !== 'undefined' && typeof navigator.mediaDevices?.getDisplayMedia === 'function';
}

declare global {
  interface HTMLElementTagNameMap {
    'visio-controls': VisioControlsElement;
  }
}
