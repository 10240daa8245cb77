import type { Room } from 'livekit-client';
import { css, html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { SubscriptionController } from '../../controllers/subscription-controller.js';
import { observeRoster } from '../../core/hand.js';
import type { ParticipantState } from '../../core/observe.js';
import { cameraIcon, cameraOffIcon, handIcon, microphoneIcon, microphoneOffIcon } from '../../internal/icons.js';
import { RoomElement } from '../../internal/room-element.js';
import { tokens, visuallyHidden } from '../../styles/shared.js';

/**
 * Everyone in the call with their microphone and camera, raised hands first in the order they were
 * raised, the local participant marked "(you)", the count in the heading.
 *
 * @csspart heading - The heading with the count.
 * @csspart list - The list.
 * @csspart participant - One person.
 */
export class VisioParticipantsElement extends RoomElement {
  static override styles = [
    tokens,
    visuallyHidden,
    css`
      :host {
        display: block;
      }
      h2 {
        font-size: 1rem;
        margin: 0 0 0.5rem;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      li {
        display: flex;
        align-items: center;
        gap: 0.5rem;
        padding: 0.375rem 0;
      }
      .name {
        flex: 1;
        min-width: 0;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      svg {
        width: 1.25rem;
        height: 1.25rem;
        flex: none;
      }
      .hand {
        color: #b34000;
      }
      .off {
        color: var(--_danger);
      }
    `,
  ];

  private readonly roster = new SubscriptionController<Room, ParticipantState[]>(this, () => this.activeRoom, observeRoster);

  override render() {
    const people = this.roster.value ?? [];
    return html`
      <h2 part="heading">${this.localize.term('inCall', { count: people.length })}</h2>
      <ul part="list">
        ${repeat(
          people,
          (person) => person.identity,
          (person) => html`<li part="participant" data-identity=${person.identity}>
            <span class="name" title=${person.name}>${person.isLocal ? this.localize.term('you', { name: person.name }) : person.name}</span>
            ${person.handRaisedAt ? this.icon(handIcon, 'handRaised', 'hand') : nothing}
            ${person.microphoneOn ? this.icon(microphoneIcon, 'microphoneOn') : this.icon(microphoneOffIcon, 'microphoneMuted', 'off')}
            ${person.cameraOn ? this.icon(cameraIcon, 'cameraOn') : this.icon(cameraOffIcon, 'cameraOff', 'off')}
          </li>`,
        )}
      </ul>
    `;
  }

  private icon(icon: unknown, label: 'handRaised' | 'microphoneOn' | 'microphoneMuted' | 'cameraOn' | 'cameraOff', className = '') {
    return html`<span class=${className} role="img" aria-label=${this.localize.term(label)} title=${this.localize.term(label)}>${icon}</span>`;
  }
}
