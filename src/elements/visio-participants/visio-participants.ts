import { consume } from '@lit/context';
import type { Room } from 'livekit-client';
import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { moderationContext } from '../../context/moderation-context.js';
import { MenuController } from '../../controllers/menu-controller.js';
import { SubscriptionController } from '../../controllers/subscription-controller.js';
import type { ModerationAction } from '../../core/moderation.js';
import { cssProperties } from '../../directives/css-properties.js';
import { observeParticipantInfos, type ParticipantInfo } from '../../core/observe.js';
import { orderByRaisedHand } from '../../core/hand.js';
import { setDisplayName } from '../../core/participants.js';
import { cameraIcon, cameraOffIcon, handIcon, microphoneIcon, microphoneOffIcon, moreIcon, screenShareIcon } from '../../internal/icons.js';
import { moderationItems, moderationItemsFor } from '../../internal/moderation-menu.js';
import { RoomElement } from '../../internal/room-element.js';
import { tokens } from '../../styles/shared.js';
import { participantsStyles } from './visio-participants.styles.js';

/**
 * The people in the call: raised hands first, in the order they were raised, then the local
 * participant, then everyone else. Each with their hand, microphone and camera state (and screen
 * share, when they share), named for screen readers. The local row has a Rename button that opens
 * an inline field (Enter saves, Escape cancels) when the token lets the participant rename itself.
 * Names are shown as text, whatever they contain. Administrators and owners are marked. For a host
 * in a `<visio-call>` whose backend offers it, each other row has a menu button: mute, lower the
 * hand, make administrator or member, remove (confirmed first); arrows move in the menu, Escape
 * closes it and gives the focus back to its button.
 * A long list (more than 20 people) is virtualised: only the rows in view (and a few around them)
 * exist, each with its position in the whole list (`aria-posinset`, `aria-setsize`); scrolling the
 * element, or the page, shows the others.
 *
 * @fires visio-error - When the new name cannot be set (`rename-failed`).
 * @fires visio-moderate-request - The user chose a moderation item (`detail.action`, `detail.identity`); `<visio-call>` does it.
 * @csspart heading - The heading with the number of participants.
 * @csspart list - The list.
 * @csspart participant - One person's row.
 * @csspart rename-button - The local row's button that opens the name field.
 * @csspart name-input - The field for the new name.
 * @csspart role - "Administrator" or "Owner", next to their name.
 * @csspart menu-button - A row's button that opens its moderation menu.
 * @csspart menu - The moderation menu.
 * @csspart moderation-item - One of its items.
 * @csspart confirm - The question before removing someone.
 * @cssprop --visio-hand-color - The raised-hand icon. Default a dark orange.
 */
export class VisioParticipantsElement extends RoomElement {
  static override styles = [tokens, participantsStyles];

  private readonly participants = new SubscriptionController<Room, ParticipantInfo[]>(this, () => this.activeRoom, observeParticipantInfos);
  /** The local name field is open. */
  @state() private renaming = false;
  /** Why the last rename failed, shown under the field. */
  @state() private renameError = '';
  /** What the local participant may do to others (from `<visio-call>`). */
  @consume({ context: moderationContext, subscribe: true })
  @state()
  private moderation?: readonly ModerationAction[];
  /** Whose moderation menu is open (when `menu.open`), and whether it asks to confirm a removal. */
  @state() private menuFor = '';
  private readonly menu = new MenuController(this, () => `li[data-identity="${CSS.escape(this.menuFor)}"] .menu-button`);
  /** The rows in view, in a virtualised list: [first, end). */
  @state() private window: [number, number] = [0, VIRTUALISE_ABOVE];
  /** Distance between the tops of two rows, in CSS pixels (measured once rows exist). */
  private rowPitch = 40;
  private readonly onScroll = () => this.measureWindow();
  private readonly resizeObserver = new ResizeObserver(() => this.measureWindow());

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('scroll', this.onScroll, { passive: true });
    window.addEventListener('scroll', this.onScroll, { passive: true, capture: true });
    this.resizeObserver.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('scroll', this.onScroll);
    window.removeEventListener('scroll', this.onScroll, { capture: true });
    this.resizeObserver.disconnect();
  }

  protected override updated(): void {
    const rows = this.renderRoot.querySelectorAll<HTMLElement>('li');
    if (rows.length > 1) this.rowPitch = rows[1].offsetTop - rows[0].offsetTop || this.rowPitch;
    this.measureWindow();
  }

  /** Which rows are in view: of the list, the part inside both this element and the viewport. */
  private measureWindow(): void {
    const list = this.renderRoot.querySelector('ul');
    const count = this.participants.value?.length ?? 0;
    if (!list || count <= VIRTUALISE_ABOVE) return;
    const host = this.getBoundingClientRect();
    const top = Math.max(host.top, 0);
    const bottom = Math.min(host.bottom, window.innerHeight);
    const listTop = list.getBoundingClientRect().top;
    const first = Math.max(0, Math.floor((top - listTop) / this.rowPitch) - OVERSCAN);
    const end = Math.min(count, Math.max(first, Math.ceil((bottom - listTop) / this.rowPitch)) + OVERSCAN);
    if (first !== this.window[0] || end !== this.window[1]) this.window = [first, end];
  }

  override render() {
    const participants = orderByRaisedHand(this.participants.value ?? []);
    const term = this.localize.term.bind(this.localize);
    const virtual = participants.length > VIRTUALISE_ABOVE;
    const [first, end] = virtual ? [Math.min(this.window[0], participants.length), Math.min(this.window[1], participants.length)] : [0, participants.length];
    const pitch = `${this.rowPitch}px`;
    return html`
      <h2 part="heading" id="heading">${term('participantCount', { count: participants.length })}</h2>
      <ul part="list" aria-labelledby="heading" ${cssProperties({ '--_rows-before': first, '--_rows-after': participants.length - end, '--_row-pitch': pitch })}>
        ${repeat(
          participants.slice(first, end),
          (participant) => participant.identity,
          (
            participant,
            index,
          ) => html`<li part="participant" data-identity=${participant.identity} @keydown=${this.menu.onMenuKeydown} @focusout=${this.menu.onFocusout}
             aria-posinset=${virtual ? first + index + 1 : nothing} aria-setsize=${virtual ? participants.length : nothing}>
            ${
              participant.isLocal && this.renaming
                ? this.renderNameField(participant.name)
                : html`<span class="name" title=${participant.name}>${participant.isLocal ? term('you', { name: participant.name }) : participant.name}</span>`
            }
            ${participant.role === 'owner' || participant.role === 'administrator' ? html`<span class="role" part="role">${term(participant.role === 'owner' ? 'roleOwner' : 'roleAdministrator')}</span>` : nothing}
            ${participant.isLocal && !this.renaming && this.canRename() ? html`<button part="rename-button" class="rename" @click=${this.openNameField}>${term('rename')}</button>` : nothing}
            ${participant.handRaisedAt ? this.state('hand', handIcon, term('handRaised')) : ''}
            ${participant.screenShare ? this.state('on', screenShareIcon, term('sharingScreen')) : ''}
            ${this.state(participant.microphone ? 'on' : 'off', participant.microphone ? microphoneIcon : microphoneOffIcon, term(participant.microphone ? 'microphoneOn' : 'microphoneMuted'))}
            ${this.state(participant.camera ? 'on' : 'off', participant.camera ? cameraIcon : cameraOffIcon, term(participant.camera ? 'cameraOn' : 'cameraOff'))}
            ${this.renderModeration(participant)}
          </li>`,
        )}
      </ul>
    `;
  }

  /** A remote row's menu button and, while it is open, its moderation menu; nothing without moderation items. */
  private renderModeration(participant: ParticipantInfo) {
    const actions = moderationItemsFor(this.moderation, participant);
    if (!actions.length) return nothing;
    const { identity, name } = participant;
    const open = this.menu.open && this.menuFor === identity;
    const label = this.localize.term('tileMenu', { name });
    return html`<button class="menu-button" part="menu-button" aria-haspopup="menu" aria-expanded=${open ? 'true' : 'false'} aria-label=${label}
        title=${label} @click=${() => this.toggleMenu(identity)}>${moreIcon}</button>
      ${
        open
          ? html`<div class="menu" part="menu" role="menu" aria-label=${label}>
            ${moderationItems({ localize: this.localize, host: this, identity, name, actions, menu: this.menu })}
          </div>`
          : nothing
      }`;
  }

  private toggleMenu(identity: string) {
    const open = !(this.menu.open && this.menuFor === identity);
    this.menuFor = identity;
    this.menu.toggle(open);
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

/** Above this many people, only the rows in view are rendered. */
const VIRTUALISE_ABOVE = 20;
/** Rows rendered beyond each edge of the view, so that scrolling never shows an empty gap. */
const OVERSCAN = 5;

declare global {
  interface HTMLElementTagNameMap {
    'visio-participants': VisioParticipantsElement;
  }
}
