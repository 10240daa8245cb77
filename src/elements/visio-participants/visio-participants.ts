import type { Room } from 'livekit-client';
import { html } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { SubscriptionController } from '../../controllers/subscription-controller.js';
import { observeParticipantInfos, type ParticipantInfo } from '../../core/call-state.js';
import { cameraIcon, cameraOffIcon, microphoneIcon, microphoneOffIcon, screenShareIcon } from '../../internal/icons.js';
import { RoomElement } from '../../internal/room-element.js';
import { tokens } from '../../styles/shared.js';
import { participantsStyles } from './visio-participants.styles.js';

/**
 * The people in the call, the local participant first, each with their microphone and camera
 * state (and screen share, when they share), named for screen readers.
 *
 * @csspart heading - The heading with the number of participants.
 * @csspart list - The list.
 * @csspart participant - One person's row.
 */
export class VisioParticipantsElement extends RoomElement {
  static override styles = [tokens, participantsStyles];

  private readonly participants = new SubscriptionController<Room, ParticipantInfo[]>(this, () => this.activeRoom, observeParticipantInfos);

  override render() {
    const participants = this.participants.value ?? [];
    const term = this.localize.term.bind(this.localize);
    return html`
      <h2 part="heading" id="heading">${term('participantCount', { count: participants.length })}</h2>
      <ul part="list" aria-labelledby="heading">
        ${repeat(
          participants,
          (participant) => participant.identity,
          (participant) => html`<li part="participant">
            <span class="name" title=${participant.name}>${participant.isLocal ? term('you', { name: participant.name }) : participant.name}</span>
            ${participant.screenShare ? this.state(true, screenShareIcon, term('sharingScreen')) : ''}
            ${this.state(participant.microphone, participant.microphone ? microphoneIcon : microphoneOffIcon, term(participant.microphone ? 'microphoneOn' : 'microphoneMuted'))}
            ${this.state(participant.camera, participant.camera ? cameraIcon : cameraOffIcon, term(participant.camera ? 'cameraOn' : 'cameraOff'))}
          </li>`,
        )}
      </ul>
    `;
  }

  private state(on: boolean, icon: unknown, label: string) {
    return html`<span class="state ${on ? 'on' : 'off'}" role="img" aria-label=${label} title=${label}>${icon}</span>`;
  }
}
