import { consume } from '@lit/context';
import { ConnectionQuality, type Participant, type RemoteParticipant, type Track } from 'livekit-client';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state as reactiveState } from 'lit/decorators.js';
import { moderationContext } from '../../context/moderation-context.js';
import { MenuController } from '../../controllers/menu-controller.js';
import { SubscriptionController } from '../../controllers/subscription-controller.js';
import type { ModerationAction } from '../../core/moderation.js';
import { observeParticipant, type ParticipantView } from '../../core/observe.js';
import { attachTrack } from '../../directives/attach-track.js';
import { cameraOffIcon, handIcon, microphoneOffIcon, moreIcon, pinIcon, signalIcon } from '../../internal/icons.js';
import { VisioPinEvent } from '../../events/visio-pin.js';
import { moderationItems, moderationItemsFor } from '../../internal/moderation-menu.js';
import { VisioElement } from '../../internal/visio-element.js';
import { focusRing, tokens, visuallyHidden } from '../../styles/shared.js';
import { tileMenuStyles, tileStyles } from './visio-tile.styles.js';

/**
 * One participant: camera video (or initials when the camera is off), name, muted microphone and
 * camera, connection quality, a speaking outline, and a menu to pin them and (for others) set
 * their volume. With `source="screen_share"`, their shared screen instead, labelled "Screen of…".
 * For a host in a `<visio-call>` whose backend offers it, the menu of someone else's camera tile
 * also moderates: mute, lower the hand, make administrator or member, remove (confirmed first).
 * The menu opens with Enter, Space or the arrow keys; arrows move between its items; Escape
 * closes it and gives the focus back to its button.
 *
 * @fires visio-pin - The user chose "pin" or "unpin" in the menu (`detail.identity`, `null` to unpin).
 * @fires visio-moderate-request - The user chose a moderation item (`detail.action`, `detail.identity`); `<visio-call>` does it.
 * @csspart menu-button - The button that opens the tile's menu.
 * @csspart menu - The popup with the menu and the volume.
 * @csspart moderation-item - A moderation item of the menu.
 * @csspart confirm - The question before removing someone.
 * @csspart quality - The connection quality icon (focusable: on focus and hover it explains itself).
 * @csspart quality-description - What the connection quality means, in words, shown on focus and hover.
 * @csspart video - The `<video>` element.
 * @csspart placeholder - What shows instead of the video when the camera is off, and over it until its first frame.
 * @csspart label - The box with the name and the muted icon.
 * @csspart name - The participant's name.
 * @csspart hand - The raised hand, while the participant's hand is up.
 * @cssprop --visio-tile-background - Behind the video and the initials.
 * @cssprop --visio-tile-aspect-ratio - Default `16 / 9`.
 * @cssprop --visio-tile-video-fit - `cover` (default) or `contain`.
 * @cssprop --visio-avatar-background - The initials' circle.
 * @cssprop --visio-speaking-color - The outline while the participant speaks.
 */
export class VisioTileElement extends VisioElement {
  static override styles = [tokens, focusRing, visuallyHidden, tileStyles, tileMenuStyles];

  /** The participant to show. */
  @property({ attribute: false }) participant?: Participant;

  /** Reflects whether the participant is speaking, for styling. */
  @property({ type: Boolean, reflect: true }) speaking = false;
  /** Reflects whether the microphone is off. */
  @property({ type: Boolean, reflect: true }) muted = false;
  /** Reflects whether this is the local participant. */
  @property({ type: Boolean, reflect: true }) local = false;
  /** What to show: the participant's `camera` (default) or their `screen_share`. */
  @property({ reflect: true }) source: 'camera' | 'screen_share' = 'camera';
  /** Whether the participant is pinned (set by the layout; the menu offers "unpin"). */
  @property({ type: Boolean, reflect: true }) pinned = false;

  @reactiveState() private volume = 1;
  /**
   * The video whose first frame is in. Until then the initials stay over it, so that a camera
   * still starting, or one that sends nothing (a broken or hostile peer), shows a person, not a
   * black box.
   */
  @reactiveState() private framed?: Track;
  /** The menu asks whether to remove the participant. */
  /** What the local participant may do to others (from `<visio-call>`). */
  @consume({ context: moderationContext, subscribe: true })
  @reactiveState()
  private moderation?: readonly ModerationAction[];
  private readonly menu = new MenuController(this, '.menu-button');

  private readonly state = new SubscriptionController<Participant, ParticipantView>(this, () => this.participant, observeParticipant);

  protected override willUpdate(_changed: PropertyValues<this>): void {
    const state = this.state.value;
    this.speaking = state?.isSpeaking ?? false;
    this.muted = state ? !state.microphone : false;
    this.local = state?.isLocal ?? false;
    // A video taken away (turned off, unsubscribed) waits for a new first frame when it comes back.
    if (!this.track) this.framed = undefined;
  }

  /** The video this tile shows: the camera, or the screen share for a screen-share tile. */
  private get track(): Track | undefined {
    const state = this.state.value;
    return this.source === 'screen_share' ? state?.screenShareTrack : state?.cameraTrack;
  }

  override render() {
    const state = this.state.value;
    if (!state) return nothing;
    const screen = this.source === 'screen_share';
    const name = state.isLocal ? this.localize.term('you', { name: state.name }) : state.name;
    const label = screen ? this.localize.term('screenOf', { name }) : name;
    const track = this.track;
    const firstFrame = () => (this.framed = track);
    return html`
      <video part="video" ?hidden=${!track} ${attachTrack(track)} @loadeddata=${firstFrame} @resize=${firstFrame} playsinline muted></video>
      ${
        track && this.framed === track
          ? nothing
          : html`<div class="placeholder" part="placeholder">
            <span class="initials" aria-hidden="true">${initials(state.name)}</span>
            ${track ? nothing : html`<span class="visually-hidden">${this.localize.term('cameraOff')}</span>`}
          </div>`
      }
      <div class="label" part="label">
        ${this.renderQuality(state.connectionQuality)}
        ${
          state.handRaisedAt && !screen
            ? html`<span class="hand" part="hand" role="img" aria-label=${this.localize.term('handRaised')}>${handIcon}</span>`
            : nothing
        }
        ${
          state.microphone || screen
            ? nothing
            : html`<span class="muted" role="img" aria-label=${this.localize.term('microphoneMuted')}>${microphoneOffIcon}</span>`
        }
        ${state.camera || track || screen ? nothing : html`<span class="muted" role="img" aria-label=${this.localize.term('cameraOff')}>${cameraOffIcon}</span>`}
        <span class="name" part="name" title=${label}>${label}</span>
        ${state.isSpeaking && !screen ? html`<span class="visually-hidden">${this.localize.term('speaking')}</span>` : nothing}
      </div>
      ${this.renderMenu(state.identity, name, state.isLocal || screen)}
    `;
  }

  private renderQuality(quality: ConnectionQuality) {
    const levels = {
      [ConnectionQuality.Excellent]: [3, 'qualityExcellent', 'qualityExcellentDetail'],
      [ConnectionQuality.Good]: [2, 'qualityGood', 'qualityGoodDetail'],
      [ConnectionQuality.Poor]: [1, 'qualityPoor', 'qualityPoorDetail'],
      [ConnectionQuality.Lost]: [0, 'qualityLost', 'qualityLostDetail'],
    } as const;
    const level = levels[quality as keyof typeof levels];
    if (!level) return nothing;
    // Reachable with the keyboard: on focus (and hover) it says in words what the bars mean.
    return html`<span class="quality" part="quality" data-quality=${quality} role="img" tabindex="0" aria-label=${this.localize.term(level[1])}
      aria-describedby="quality-description">${signalIcon(level[0])}<span id="quality-description" class="quality-description" part="quality-description"
        >${this.localize.term(level[2])}</span></span
    >`;
  }

  private renderMenu(identity: string, name: string, noVolume: boolean) {
    const open = this.menu.open;
    const actions = this.source === 'screen_share' ? [] : moderationItemsFor(this.moderation, this.state.value);
    return html`
      <div class="menu-area" @keydown=${this.menu.onMenuKeydown} @focusout=${this.menu.onFocusout}>
        <button
          class="menu-button"
          part="menu-button"
          aria-haspopup="menu"
          aria-expanded=${open ? 'true' : 'false'}
          aria-label=${this.localize.term('tileMenu', { name })}
          title=${this.localize.term('tileMenu', { name })}
          @click=${() => this.toggleMenu()}
        >
          ${this.pinned ? pinIcon : moreIcon}
        </button>
        ${
          open
            ? html`<div class="menu" part="menu" tabindex="-1">
              <div role="menu" aria-label=${this.localize.term('tileMenu', { name })}>
                ${
                  this.menu.confirming
                    ? nothing
                    : html`<button class="pin" role="menuitemcheckbox" aria-checked=${this.pinned ? 'true' : 'false'} @click=${() => this.togglePin(identity)}>
                      ${pinIcon}${this.localize.term(this.pinned ? 'unpin' : 'pin', { name })}
                    </button>`
                }
                ${moderationItems({ localize: this.localize, host: this, identity, name, actions, menu: this.menu })}
              </div>
              ${
                noVolume || this.menu.confirming
                  ? nothing
                  : html`<label class="volume">
                    <span>${this.localize.term('volumeOf', { name })}</span>
                    <input type="range" min="0" max="1" step="0.05" .value=${String(this.volume)} @input=${this.onVolume} />
                  </label>`
              }
            </div>`
            : nothing
        }
      </div>
    `;
  }

  private toggleMenu() {
    this.menu.toggle();
  }

  private togglePin(identity: string) {
    this.dispatchEvent(new VisioPinEvent({ identity: this.pinned ? null : identity }));
    void this.menu.close();
  }

  private onVolume(event: Event) {
    this.volume = Number((event.target as HTMLInputElement).value);
    (this.participant as RemoteParticipant | undefined)?.setVolume?.(this.volume);
  }
}

/** "Camille Dupont" → "CD", "élise" → "É". */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : words;
  return letters.map((word) => [...word][0]?.toLocaleUpperCase() ?? '').join('');
}

declare global {
  interface HTMLElementTagNameMap {
    'visio-tile': VisioTileElement;
  }
}
