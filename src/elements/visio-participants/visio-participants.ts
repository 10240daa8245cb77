import type { Room } from 'livekit-client';
import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { SubscriptionController } from '../../controllers/subscription-controller.js';
import { observeParticipantInfos, type ParticipantInfo } from '../../core/observe.js';
import { orderByRaisedHand } from '../../core/hand.js';
import { setDisplayName } from '../../core/participants.js';
import { cameraIcon, cameraOffIcon, handIcon, microphoneIcon, microphoneOffIcon, screenShareIcon } from '../../internal/icons.js';
import { RoomElement } from '../../internal/room-element.js';
import { tokens } from '../../styles/shared.js';
import { participantsStyles } from './visio-participants.styles.js';

/**
 * The people in the call: raised hands first, in the order they were raised, then the local
 * participant, then everyone else. Each with their hand, microphone and camera state (and screen
 * share, when they share), named for screen readers. The local row has a Rename button that opens
 * an inline field (Enter saves, Escape cancels) when the token lets the participant rename itself.
 * Names are shown as text, whatever they contain.
 *
 * @fires visio-error - When the new name cannot be set (`rename-failed`).
 * @csspart heading - The heading with the number of participants.
 * @csspart list - The list.
 * @csspart participant - One person's row.
 * @csspart rename-button - The local row's button that opens the name field.
 * @csspart name-input - The field for the new name.
 * @cssprop --visio-hand-color - The raised-hand icon. Default a dark orange.
 */
export class VisioParticipantsElement extends RoomElement {
  static override styles = [tokens, participantsStyles];

  private readonly participants = new SubscriptionController<Room, ParticipantInfo[]>(this, () => this.activeRoom, observeParticipantInfos);
  /** The local name field is open. */
  @state() private renaming = false;
  /** Why the last rename failed, shown under the field. */
  @state() private renameError = '';

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
            ${
              participant.isLocal && this.renaming
                ? this.renderNameField(participant.name)
                : html`<span class="name" title=${participant.name}>${participant.isLocal ? term('you', { name: participant.name }) : participant.name}</span>`
            }
            ${participant.isLocal && !this.renaming && this.canRename() ? html`<button part="rename-button" class="rename" @click=${this.openNameField}>${term('rename')}</button>` : nothing}
            ${participant.handRaisedAt ? this.state('hand', handIcon, term('handRaised')) : ''}
            ${participant.screenShare ? this.state('on', screenShareIcon, term('sharingScreen')) : ''}
            ${this.state(participant.microphone ? 'on' : 'off', participant.microphone ? microphoneIcon : microphoneOffIcon, term(participant.microphone ? 'microphoneOn' : 'microphoneMuted'))}
            ${this.state(participant.camera ? 'on' : 'off', participant.camera ? cameraIcon : cameraOffIcon, term(participant.camera ? 'cameraOn' : 'cameraOff'))}
          </li>`,
        )}
      </ul>
    `;
  }

  /** Whether the token lets the local participant change its name (LiveKit's `canUpdateMetadata`). */
  private canRename(): boolean {
    return this.activeRoom?.localParticipant.permissions?.canUpdateMetadata !== false;
  }

  private renderNameField(name: string) {
    const term = this.localize.term.bind(this.localize);
    return html`<form class="rename-form" @submit=${this.onRename} @keydown=${this.onNameKeydown}>
      <input part="name-input" aria-label=${term('newName')} .value=${name} maxlength="128" autocomplete="name" />
      <button type="submit">${term('saveName')}</button>
      <button type="button" @click=${() => this.closeNameField()}>${term('cancelRename')}</button>
    </form>
    ${this.renameError ? html`<p class="rename-error" role="alert">${this.renameError}</p>` : nothing}`;
  }

  private async openNameField() {
    this.renaming = true;
    await this.updateComplete;
    const input = this.renderRoot.querySelector<HTMLInputElement>('[part="name-input"]');
    input?.focus();
    input?.select();
  }

  /** Closes the field and gives the focus back to the Rename button. */
  private async closeNameField() {
    this.renaming = false;
    this.renameError = '';
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>('[part="rename-button"]')?.focus();
  }

  private onNameKeydown(event: KeyboardEvent) {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    void this.closeNameField();
  }

  private async onRename(event: SubmitEvent) {
    event.preventDefault();
    const room = this.activeRoom;
    const name = this.renderRoot.querySelector<HTMLInputElement>('[part="name-input"]')?.value.trim();
    if (!room || !name) return;
    try {
      if (name !== room.localParticipant.name) await setDisplayName(room, name);
      await this.closeNameField();
    } catch (error) {
      this.renameError = this.reportError(error);
    }
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
