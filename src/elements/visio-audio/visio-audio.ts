import type { RemoteAudioTrack, Room } from 'livekit-client';
import { css, html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { SubscriptionController } from '../../controllers/subscription-controller.js';
import { observeAudioPlayback, observeRemoteAudio } from '../../core/observe.js';
import { attachTrack } from '../../directives/attach-track.js';
import { speakerIcon } from '../../internal/icons.js';
import { RoomElement } from '../../internal/room-element.js';
import { controlStyles } from '../../styles/shared.js';

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

  override render() {
    const blocked = this.canPlay.value === false && (this.tracks.value?.length ?? 0) > 0;
    return html`
      ${repeat(
        this.tracks.value ?? [],
        (track) => track.sid,
        (track) => html`<audio ${attachTrack(track)}></audio>`,
      )}
      ${blocked
        ? html`<div class="blocked" role="status">
            <span>${this.localize.term('audioBlocked')}</span>
            <button part="start-audio" class="primary" @click=${this.startAudio}>${speakerIcon}${this.localize.term('startAudio')}</button>
          </div>`
        : nothing}
    `;
  }

  private startAudio() {
    void this.activeRoom?.startAudio().catch(() => undefined);
  }
}
