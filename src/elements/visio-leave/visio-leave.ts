import { html } from 'lit';
import { VisioLeaveRequestEvent } from '../../events/visio-leave-request.js';
import { leaveIcon } from '../../internal/icons.js';
import { RoomElement } from '../../internal/room-element.js';
import { inlineControlStyles } from '../../styles/shared.js';

/**
 * Leaves the call, after a cancelable `visio-leave-request` (a host that calls `preventDefault()`
 * keeps the call).
 *
 * @csspart button - The button.
 * @fires visio-leave-request - Before leaving; cancelable.
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
    if (!this.dispatchEvent(new VisioLeaveRequestEvent({ source: 'button' }))) return;
    void this.activeRoom?.disconnect();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'visio-leave': VisioLeaveElement;
  }
}
