import { html } from 'lit';
import { leaveIcon } from '../../internal/icons.js';
import { RoomElement } from '../../internal/room-element.js';
import { inlineControlStyles } from '../../styles/shared.js';

/**
 * Leaves the call.
 *
 * @csspart button - The button.
 */
export class VisioLeaveElement extends RoomElement {
  static override styles = inlineControlStyles;

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
