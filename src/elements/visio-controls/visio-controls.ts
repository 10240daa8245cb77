import { css, html, nothing } from 'lit';
import { RoomElement } from '../../internal/room-element.js';
import { tokens } from '../../styles/shared.js';

/**
 * The call's control bar: microphone, camera, screen share (where the browser can share a screen),
 * leave. Add your own buttons in the slot.
 *
 * @slot - Extra controls, after the built-in ones.
 * @csspart bar - The toolbar.
 */
export class VisioControlsElement extends RoomElement {
  static override styles = [
    tokens,
    css`
      :host {
        display: block;
      }
      [role='toolbar'] {
        display: flex;
        justify-content: center;
        flex-wrap: wrap;
        gap: var(--_gap);
        padding: var(--_gap);
      }
    `,
  ];

  override render() {
    return html`
      <div role="toolbar" part="bar" aria-label=${this.localize.term('callControls')}>
        <visio-toggle source="microphone" .room=${this.room}></visio-toggle>
        <visio-toggle source="camera" .room=${this.room}></visio-toggle>
        ${canShareScreen() ? html`<visio-toggle source="screen_share" .room=${this.room}></visio-toggle>` : nothing}
        <slot></slot>
        <visio-leave .room=${this.room}></visio-leave>
      </div>
    `;
  }
}

// layout
function canShareScreen(): boolean {
  return typeof navigator !== 'undefined' && typeof navigator.mediaDevices?.getDisplayMedia === 'function';
}
