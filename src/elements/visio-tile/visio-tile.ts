import type { Participant } from 'livekit-client';
import { html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { SubscriptionController } from '../../controllers/subscription-controller.js';
import { observeParticipant, type ParticipantState } from '../../core/observe.js';
import { attachTrack } from '../../directives/attach-track.js';
import { handIcon, microphoneOffIcon } from '../../internal/icons.js';
import { VisioElement } from '../../internal/visio-element.js';
import { tokens, visuallyHidden } from '../../styles/shared.js';
import { tileStyles } from './visio-tile.styles.js';

/**
 * One participant: camera video (or initials when the camera is off), name, muted microphone and
 * a speaking outline.
 *
 * @csspart video - The `<video>` element.
 * @csspart placeholder - What shows instead of the video when the camera is off.
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
  static override styles = [tokens, visuallyHidden, tileStyles];

  /** The participant to show. */
  @property({ attribute: false }) participant?: Participant;

  /** Reflects whether the participant is speaking, for styling. */
  @property({ type: Boolean, reflect: true }) speaking = false;
  /** Reflects whether the microphone is off. */
  @property({ type: Boolean, reflect: true }) muted = false;
  /** Reflects whether this is the local participant. */
  @property({ type: Boolean, reflect: true }) local = false;

  private readonly state = new SubscriptionController<Participant, ParticipantState>(this, () => this.participant, observeParticipant);

  protected override willUpdate(_changed: PropertyValues<this>): void {
    const state = this.state.value;
    this.speaking = state?.isSpeaking ?? false;
    this.muted = state ? !state.microphoneOn : false;
    this.local = state?.isLocal ?? false;
  }

  override render() {
    const state = this.state.value;
    if (!state) return nothing;
    const name = state.isLocal ? this.localize.term('you', { name: state.name }) : state.name;
    return html`
      <video part="video" ?hidden=${!state.cameraOn} ${attachTrack(state.cameraTrack)} playsinline muted></video>
      ${state.cameraOn
        ? nothing
        : html`<div class="placeholder" part="placeholder">
            <span class="initials" aria-hidden="true">${initials(state.name)}</span>
            <span class="visually-hidden">${this.localize.term('cameraOff')}</span>
          </div>`}
      <div class="label" part="label">
        ${state.handRaisedAt ? html`<span class="hand" part="hand" role="img" aria-label=${this.localize.term('handRaised')}>${handIcon}</span>` : nothing}
        ${state.microphoneOn
          ? nothing
          : html`<span class="muted" role="img" aria-label=${this.localize.term('microphoneMuted')}>${microphoneOffIcon}</span>`}
        <span class="name" part="name" title=${name}>${name}</span>
        ${state.isSpeaking ? html`<span class="visually-hidden">${this.localize.term('speaking')}</span>` : nothing}
      </div>
    `;
  }
}

/** "Camille Dupont" → "CD", "élise" → "É". */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : words;
  return letters.map((word) => [...word][0]?.toLocaleUpperCase() ?? '').join('');
}
