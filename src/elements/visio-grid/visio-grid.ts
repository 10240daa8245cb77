import type { Participant, Room } from 'livekit-client';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { cssProperties } from '../../directives/css-properties.js';
import { SubscriptionController } from '../../controllers/subscription-controller.js';
import { gridSize, orderParticipants, paginate, type GridSize, type Page } from '../../core/layout.js';
import { isPublished } from '../../core/media.js';
import { observeRoomSpeakers, type RoomSpeakers } from '../../core/observe.js';
import { chevronLeftIcon, chevronRightIcon } from '../../internal/icons.js';
import { RoomElement } from '../../internal/room-element.js';
import { buttons, focusRing, tokens } from '../../styles/shared.js';
import { gridStyles } from './visio-grid.styles.js';

/** Height of the page controls, taken from the grid when there is more than one page. */
const PAGE_CONTROLS_HEIGHT = 52;

/**
 * Every participant of the room as a `<visio-tile>`, in as many columns and rows as the element's
 * size allows (up to 5×5), with pages when they do not all fit. The local participant comes first,
 * and someone who speaks from another page takes the place of the quietest person on the first
 * page (nobody who spoke in the last few seconds gives way); people with their camera on come to
 * the first page before people with it off. Only the current page's tiles exist,
 * so the others receive no video.
 *
 * @csspart grid - The grid container.
 * @csspart pages - The page controls (previous, "page x of y", next), when there are pages.
 * @cssprop --visio-gap - Space between tiles.
 * @cssprop --visio-tile-aspect-ratio - Shape of the tiles (default `16 / 9`): a tile is never wider than that at its row's height.
 */
export class VisioGridElement extends RoomElement {
  static override styles = [tokens, focusRing, buttons, gridStyles];

  /** Identity of the pinned participant, if any: their tile's menu offers "unpin". */
  @property({ attribute: false }) pinned: string | null = null;

  /** The page shown, from 0. */
  @state() private page = 0;
  @state() private size = { width: 0, height: 0 };

  private order: string[] = [];
  private layout: GridSize = { columns: 1, rows: 1, pageSize: 1 };
  private current: Page<Participant> = { items: [], page: 0, pageCount: 1 };

  private readonly speakers = new SubscriptionController<Room, RoomSpeakers>(this, () => this.activeRoom, observeRoomSpeakers);

  private readonly resizeObserver = new ResizeObserver(([entry]) => {
    const { width, height } = entry.contentRect;
    if (width !== this.size.width || height !== this.size.height) this.size = { width, height };
  });

  override connectedCallback(): void {
    super.connectedCallback();
    this.resizeObserver.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver.disconnect();
  }

  /** Number of pages now. */
  get pageCount(): number {
    return this.current.pageCount;
  }

  /** The page shown, from 0. Setting it shows that page (clamped to the pages there are). */
  get currentPage(): number {
    return this.current.page;
  }

  set currentPage(page: number) {
    this.page = page;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const { participants = [], activeSpeakers = [] } = this.speakers.value ?? {};
    const { width, height } = this.size;
    // Unsized (height 0): as many rows as needed, up to five.
    const available = height > 0 ? height : Number.MAX_SAFE_INTEGER;
    let layout = gridSize(width, available, participants.length);
    if (layout.pageSize < participants.length) layout = gridSize(width, available - PAGE_CONTROLS_HEIGHT, participants.length);
    this.layout = layout;
    const speaking = new Set(activeSpeakers.map((participant) => participant.identity));
    this.order = orderParticipants(
      this.order,
      participants.map((participant) => ({
        identity: participant.identity,
        isLocal: participant.isLocal,
        isSpeaking: speaking.has(participant.identity),
        lastSpokeAt: participant.lastSpokeAt?.getTime(),
        hasVideo: isPublished(participant, 'camera'),
      })),
      { pageSize: layout.pageSize, now: Date.now() },
    );
    const byIdentity = new Map(participants.map((participant) => [participant.identity, participant]));
    this.current = paginate(
      this.order.map((identity) => byIdentity.get(identity)!),
      layout.pageSize,
      this.page,
    );
  }

  override render() {
    const { items, page, pageCount } = this.current;
    const { columns } = this.layout;
    const rows = Math.max(1, Math.ceil(items.length / columns));
    const participantCount = this.speakers.value?.participants.length ?? 0;
    return html`
      <div
        class="grid"
        part="grid"
        role="list"
        aria-label=${this.localize.term('participantCount', { count: participantCount })}
        ${cssProperties({ '--_columns': columns, '--_rows': rows })}
      >
        ${repeat(
          items,
          (participant) => participant.identity,
          (participant) => html`<visio-tile role="listitem" .participant=${participant} ?pinned=${participant.identity === this.pinned}></visio-tile>`,
        )}
      </div>
      ${
        pageCount > 1
          ? html`<div class="pages" part="pages">
            <button class="previous" aria-label=${this.localize.term('previousPage')} ?disabled=${page === 0} @click=${() => this.showPage(page - 1)}>
              ${chevronLeftIcon}
            </button>
            <span role="status" aria-live="polite">${this.localize.term('pageOf', { page: page + 1, count: pageCount })}</span>
            <button class="next" aria-label=${this.localize.term('nextPage')} ?disabled=${page === pageCount - 1} @click=${() => this.showPage(page + 1)}>
              ${chevronRightIcon}
            </button>
          </div>`
          : nothing
      }
    `;
  }

  private showPage(page: number) {
    this.page = Math.min(Math.max(0, page), this.current.pageCount - 1);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'visio-grid': VisioGridElement;
  }
}
