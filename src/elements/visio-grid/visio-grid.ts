import type { Participant, Room } from 'livekit-client';
import { html } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { styleMap } from 'lit/directives/style-map.js';
import { SubscriptionController } from '../../controllers/subscription-controller.js';
import { observeParticipants } from '../../core/observe.js';
import { RoomElement } from '../../internal/room-element.js';
import { tokens } from '../../styles/shared.js';
import { gridStyles } from './visio-grid.styles.js';

/**
 * Every participant of the room as a `<visio-tile>`, the local one first, in a grid that stays
 * roughly square.
 *
 * @csspart grid - The grid container.
 * @cssprop --visio-gap - Space between tiles.
 */
export class VisioGridElement extends RoomElement {
  static override styles = [tokens, gridStyles];

  private readonly participants = new SubscriptionController<Room, Participant[]>(this, () => this.activeRoom, observeParticipants);

  override render() {
    const participants = this.participants.value ?? [];
    const columns = Math.max(1, Math.ceil(Math.sqrt(participants.length)));
    const rows = Math.max(1, Math.ceil(participants.length / columns));
    return html`
      <div
        class="grid"
        part="grid"
        role="list"
        aria-label=${this.localize.term('participantCount', { count: participants.length })}
        style=${styleMap({ '--_columns': String(columns), '--_rows': String(rows) })}
      >
        ${repeat(
          participants,
          (participant) => participant.identity,
          (participant) => html`<visio-tile role="listitem" .participant=${participant}></visio-tile>`,
        )}
      </div>
    `;
  }
}
