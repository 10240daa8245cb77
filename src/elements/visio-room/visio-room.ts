import { provide } from '@lit/context';
import type { Room } from 'livekit-client';
import { css, html } from 'lit';
import { property } from 'lit/decorators.js';
import { roomContext } from '../../context/room-context.js';
import { VisioElement } from '../../internal/visio-element.js';
import { tokens } from '../../styles/shared.js';

/**
 * Gives a LiveKit `Room` to every visio element inside it, so they need no `room` property of
 * their own. Use it to compose your own layout around a `Room` you connect yourself.
 *
 * @slot - The elements that use the room.
 */
export class VisioRoomElement extends VisioElement {
  // The tokens, so that a `theme` set here dresses every element inside.
  static override styles = [
    tokens,
    css`
      :host {
        display: contents;
      }
    `,
  ];

  /** The room to provide. */
  @provide({ context: roomContext })
  @property({ attribute: false })
  room?: Room;

  override render() {
    return html`<slot></slot>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'visio-room': VisioRoomElement;
  }
}
