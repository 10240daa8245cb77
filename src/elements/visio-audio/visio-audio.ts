import type { RemoteAudioTrack, Room } from 'livekit-client';
import { css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { SubscriptionController } from '../../controllers/subscription-controller.js';
import { observeAudioPlayback, observeRemoteAudio } from '../../core/observe.js';
import { attachTrack } from '../../directives/attach-track.js';
import { speakerIcon } from '../../internal/icons.js';
import { RoomElement } from '../../internal/room-element.js';
import { controlStyles } from '../../styles/shared.js';

/** How long playback must stay blocked before the "start audio" prompt shows. */
const PROMPT_DELAY_MS = 1000;

/**
 * Plays every remote participant's audio. When the browser blocks autoplay, shows one
 * "start audio" button that unblocks it.
 *
 * @csspart start-audio - The "start audio" button.
 */
export class VisioAudioElement extends RoomElement {
  static override styles = [
    ...controlStyles,
    css`
      :host {
        display: contents;
      }
      audio {
        display: none;
      }
      .blocked {
        display: flex;
        align-items: center;
        justify-content: center;
        gap: var(--_gap);
        padding: var(--_gap);
      }
    `,
  ];

  private readonly tracks = new SubscriptionController<Room, RemoteAudioTrack[]>(this, () => this.activeRoom, observeRemoteAudio);
  private readonly canPlay = new SubscriptionController<Room, boolean>(this, () => this.activeRoom, observeAudioPlayback);

  /** Whether the "start audio" prompt shows: blocked for longer than `PROMPT_DELAY_MS`. */
  @state() private prompting = false;
  private promptTimer?: ReturnType<typeof setTimeout>;

  protected override willUpdate(): void {
    // The room reports playback blocked for a moment while it sets audio up (its AudioContext may
    // start suspended even after the user's click); only a block that lasts shows the prompt.
    const blocked = this.canPlay.value === false && (this.tracks.value?.length ?? 0) > 0;
    if (!blocked) {
      clearTimeout(this.promptTimer);
      this.promptTimer = undefined;
      this.prompting = false;
    } else if (!this.prompting && !this.promptTimer) {
      this.promptTimer = setTimeout(() => {
        this.promptTimer = undefined;
        this.prompting = true;
      }, PROMPT_DELAY_MS);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.promptTimer);
    this.promptTimer = undefined;
  }

  override render() {
    const blocked = this.prompting;
    return html`
      ${repeat(
        this.tracks.value ?? [],
        (track) => track.sid,
        (track) => html`<audio ${attachTrack(track)}></audio>`,
      )}
      ${
        blocked
          ? html`<div class="blocked" role="status">
            <span>${this.localize.term('audioBlocked')}</span>
            <button part="start-audio" class="primary" @click=${this.startAudio}>${speakerIcon}${this.localize.term('startAudio')}</button>
          </div>`
          : nothing
      }
    `;
  }

  private startAudio() {
    void this.activeRoom?.startAudio().catch(() => undefined);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'visio-audio': VisioAudioElement;
  }
}
