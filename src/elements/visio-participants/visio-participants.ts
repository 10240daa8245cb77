import type { Room } from 'livekit-client';
import { html } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { SubscriptionController } from '../../controllers/subscription-controller.js';
import { observeParticipantInfos, type ParticipantInfo } from '../../core/observe.js';
import { orderByRaisedHand } from '../../core/hand.js';
import { cameraIcon, cameraOffIcon, handIcon, microphoneIcon, microphoneOffIcon, screenShareIcon } from '../../internal/icons.js';
import { RoomElement } from '../../internal/room-element.js';
import { tokens } from '../../styles/shared.js';
import { participantsStyles } from './visio-participants.styles.js';

/**
 * The people in the call: raised hands first, in the order they were raised, then the local
 * participant, then everyone else. Each with their hand, microphone and camera state (and screen
 * share, when they share), named for screen readers.
 *
 * @csspart heading - The heading with the number of participants.
 * @csspart list - The list.
 * @csspart participant - One person's row.
 * @cssprop --visio-hand-color - The raised-hand icon. Default a dark orange.
 */
export class VisioParticipantsElement extends RoomElement {
  static override styles = [tokens, participantsStyles];

  private readonly participants = new SubscriptionController<Room, ParticipantInfo[]>(this, () => this.activeRoom, observeParticipantInfos);

  override render() {
    const participants = orderByRaisedHand(this.participants.value ?? []);
    const term = this.localize.term.bind(this.localize);
    return html`
      <h2 part="heading" id="heading">${term('participantCount', { count: participants.length })}</h2>
      <ul part="list" aria-labelledby="heading">
        ${repeat(
          participants,
          (participant) => participant.identity,
          (participant) => html`<li part="participant" data-identity=${participant.identity}>
            <span class="name" title=${participant.name}>${participant.isLocal ? term('you', { name: participant.name }) : participant.name}</span>
            ${participant.handRaisedAt ? this.state('hand', handIcon, term('handRaised')) : ''}
            ${participant.screenShare ? this.state('on', screenShareIcon, term('sharingScreen')) : ''}
            ${this.state(participant.microphone ? 'on' : 'off', participant.microphone ? microphoneIcon : microphoneOffIcon, term(participant.microphone ? 'microphoneOn' : 'microphoneMuted'))}
            ${this.state(participant.camera ? 'on' : 'off', participant.camera ? cameraIcon : cameraOffIcon, term(participant.camera ? 'cameraOn' : 'cameraOff'))}
          </li>`,
        )}
      </ul>
    `;
  }

  private state(kind: 'on' | 'off' | 'hand', icon: unknown, label: string) {
    return html`<span class="state ${kind}" role="img" aria-label=${label} title=${label}>${icon}</span>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'visio-participants': VisioParticipantsElement;
  }
}
