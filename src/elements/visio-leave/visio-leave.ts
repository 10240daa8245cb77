import { css, html } from 'lit';
import { leaveIcon } from '../../internal/icons.js';
import { RoomElement } from '../../internal/room-element.js';
import { buttons, focusRing, tokens } from '../../styles/shared.js';

/**
 * Leaves the call.
 *
 * @csspart button - The button.
 */
export class VisioLeaveElement extends RoomElement {
  static override styles = [
    tokens,
    focusRing,
    buttons,
    css`
      :host {
        display: inline-block;
      }
    `,
  ];

  override render() {
    return html`
      <button part="button" class="danger" aria-label=${this.localize.term('leave')} title=${this.localize.term('leave')} @click=${this.leave}>
        ${leaveIcon}
      </button>
    `;
  }

  private leave() {
    void this.activeRoom?.disconnect();
  }
}
