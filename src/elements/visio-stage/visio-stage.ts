import type { Participant, Room } from 'livekit-client';
import { html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { SubscriptionController } from '../../controllers/subscription-controller.js';
import { observeRoomSpeakers, type RoomSpeakers } from '../../core/observe.js';
import { RoomElement } from '../../internal/room-element.js';
import { tokens } from '../../styles/shared.js';
import { stageStyles } from './visio-stage.styles.js';

interface StageTile {
  participant: Participant;
  source: 'camera' | 'screen_share';
}

/**
 * A focus layout: one large tile and a scrollable strip of the others. The large tile is the
 * latest screen share, else the pinned participant, else whoever spoke last (another person
 * before yourself). Tiles scrolled out of the strip receive no video (adaptive stream).
 *
 * @csspart main - The large tile's area.
 * @csspart strip - The strip of the other tiles.
 * @cssprop --visio-gap - Space between tiles.
 * @cssprop --visio-stage-strip-tile-width - Width of a tile in the strip (default `10rem`).
 */
export class VisioStageElement extends RoomElement {
  static override styles = [tokens, stageStyles];

  /** Identity of the pinned participant: shown large unless someone shares a screen. */
  @property({ attribute: false }) pinned: string | null = null;

  private readonly speakers = new SubscriptionController<Room, RoomSpeakers>(this, () => this.activeRoom, observeRoomSpeakers);
  private lastSpeaker?: string;
  private main?: StageTile;
  private strip: StageTile[] = [];

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const { participants = [], activeSpeakers = [], screenSharers = [] } = this.speakers.value ?? {};
    const speaker = activeSpeakers.find((participant) => !participant.isLocal) ?? activeSpeakers[0];
    if (speaker) this.lastSpeaker = speaker.identity;
    const find = (identity: string | null | undefined) => participants.find((participant) => participant.identity === identity);
    const focus = find(this.pinned) ?? find(this.lastSpeaker) ?? participants.find((participant) => !participant.isLocal) ?? participants[0];
    this.main = screenSharers[0] ? { participant: screenSharers[0], source: 'screen_share' } : focus && { participant: focus, source: 'camera' };
    const others: StageTile[] = [
      ...screenSharers.slice(1).map((participant) => ({ participant, source: 'screen_share' as const })),
      ...participants.map((participant) => ({ participant, source: 'camera' as const })),
    ];
    this.strip = others.filter((tile) => !(tile.participant === this.main?.participant && tile.source === this.main.source));
  }

  override render() {
    return html`
      <div class="main" part="main">${this.main ? this.tile(this.main) : nothing}</div>
      ${
        this.strip.length
          ? html`<div class="strip" part="strip" role="list" aria-label=${this.localize.term('otherParticipants')}>
            ${repeat(
              this.strip,
              ({ participant, source }) => `${source}:${participant.identity}`,
              (tile) => this.tile(tile, 'listitem'),
            )}
          </div>`
          : nothing
      }
    `;
  }

  private tile({ participant, source }: StageTile, role?: string) {
    return html`<visio-tile
      role=${role ?? nothing}
      .participant=${participant}
      source=${source}
      ?pinned=${participant.identity === this.pinned}
    ></visio-tile>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'visio-stage': VisioStageElement;
  }
}
