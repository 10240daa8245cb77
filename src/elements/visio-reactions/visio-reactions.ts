import type { Room } from 'livekit-client';
import { css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { DisclosureController } from '../../controllers/disclosure-controller.js';
import type { MenuEntry } from '../../controllers/overflow-controller.js';
import { SubscriptionController } from '../../controllers/subscription-controller.js';
import { onReaction, REACTION_DURATION, REACTION_EMOJIS, sendReaction, type Reaction, type ReactionEmoji } from '../../core/reactions.js';
import { reactionIcon } from '../../internal/icons.js';
import { RoomElement } from '../../internal/room-element.js';
import { controlStyles, visuallyHidden } from '../../styles/shared.js';

const NAMES = {
  '👍': 'reactionThumbsUp',
  '👎': 'reactionThumbsDown',
  '👏': 'reactionClap',
  '❤️': 'reactionHeart',
  '😂': 'reactionLaugh',
  '😮': 'reactionSurprise',
  '🎉': 'reactionParty',
  '🙏': 'reactionThanks',
} as const satisfies Record<ReactionEmoji, string>;

/**
 * Reactions as `suitenumerique/meet` sends them: a button that opens the emoji picker, and the
 * reactions of everyone floating briefly over the call (still, when the user prefers reduced
 * motion), announced to screen readers. Sending is rate-limited.
 *
 * @csspart button - The button that opens the picker.
 * @csspart picker - The row of emoji buttons, above the nearest positioned ancestor (the control bar), so a scrolling bar does not clip it.
 * @csspart reactions - Where reactions float (positioned against the nearest positioned ancestor).
 * @fires visio-error - When a reaction cannot be sent (`reaction-send-failed`).
 */
export class VisioReactionsElement extends RoomElement {
  static override styles = [
    ...controlStyles,
    visuallyHidden,
    css`
      :host {
        display: inline-block;
      }
      /* Moved into the control bar's "more" menu: the button goes, the reactions still float. */
      :host([data-visio-moved]) {
        margin-inline-start: calc(var(--_gap) * -1);
      }
      :host([data-visio-moved]) .anchor {
        display: none;
      }
      [part='picker'] {
        position: absolute;
        bottom: calc(100% + 0.5rem);
        left: 50%;
        transform: translateX(-50%);
        display: flex;
        gap: 0.125rem;
        padding: 0.25rem;
        border-radius: var(--_radius);
        background: var(--_surface);
        box-shadow: 0 2px 8px rgb(0 0 0 / 0.25);
        z-index: 2;
      }
      [part='picker'] button {
        font-size: 1.25rem;
        padding: 0;
      }
      [part='reactions'] {
        position: absolute;
        inset-inline-start: 1rem;
        bottom: 5rem;
        pointer-events: none;
        display: flex;
        flex-direction: column-reverse;
        gap: 0.25rem;
        z-index: 3;
      }
      .reaction {
        display: flex;
        align-items: center;
        gap: 0.375rem;
        padding: 0.25rem 0.5rem;
        border-radius: 999px;
        background: var(--_surface);
        font-size: 0.875rem;
        animation: float ${REACTION_DURATION}ms ease-out forwards;
      }
      .emoji {
        font-size: 1.75rem;
      }
      @keyframes float {
        from {
          transform: translateY(0);
          opacity: 1;
        }
        80% {
          opacity: 1;
        }
        to {
          transform: translateY(-4rem);
          opacity: 0;
        }
      }
      @media (prefers-reduced-motion: reduce) {
        .reaction {
          animation: none;
        }
      }
    `,
  ];

  private readonly picker = new DisclosureController(this, '[part="button"]');
  @state() private shown: Reaction[] = [];
  @state() private announcement = '';

  private readonly timers = new Set<ReturnType<typeof setTimeout>>();

  constructor() {
    super();
    // Shows each reaction, sent or received, while the element has a room (the controller
    // follows the room and unsubscribes on disconnect).
    new SubscriptionController<Room, Reaction>(
      this,
      () => this.activeRoom,
      (room) => onReaction(room, (reaction) => this.show(reaction)),
    );
  }

  /** Sends a reaction; resolves to whether it was sent (false over the rate limit). Never rejects. */
  async send(emoji: string): Promise<boolean> {
    const room = this.activeRoom;
    if (!room) return false;
    try {
      return await sendReaction(room, emoji);
    } catch (error) {
      this.reportError(error);
      return false;
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.shown = [];
  }

  private show(reaction: Reaction) {
    this.shown = [...this.shown.slice(-9), reaction];
    this.announcement = this.localize.term('reactionFrom', { name: this.nameOf(reaction), reaction: this.label(reaction.emoji) });
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.shown = this.shown.filter((item) => item !== reaction);
    }, REACTION_DURATION);
    this.timers.add(timer);
  }

  private nameOf(reaction: Reaction): string {
    return reaction.isLocal ? this.localize.term('you', { name: reaction.from.name }) : reaction.from.name;
  }

  /** In the control bar's "more" menu: one item per emoji, grouped. */
  menuEntries(): MenuEntry[] {
    const group = this.localize.term('reactions');
    return REACTION_EMOJIS.map((emoji) => ({ label: this.label(emoji), symbol: emoji, group, run: () => void this.send(emoji) }));
  }

  private label(emoji: string): string {
    const key = NAMES[emoji as keyof typeof NAMES];
    return key ? this.localize.term(key) : emoji;
  }

  override render() {
    return html`
      <div class="anchor" @keydown=${this.picker.onKeydown}>
        <button
          part="button"
          aria-expanded=${this.picker.open ? 'true' : 'false'}
          aria-label=${this.localize.term('reactions')}
          title=${this.localize.term('reactions')}
          ?disabled=${!this.activeRoom}
          @click=${() => this.picker.toggle()}
        >
          ${reactionIcon}
        </button>
        ${
          this.picker.open
            ? html`<div part="picker" role="toolbar" aria-label=${this.localize.term('reactions')}>
              ${REACTION_EMOJIS.map(
                (emoji) => html`<button aria-label=${this.label(emoji)} title=${this.label(emoji)} @click=${() => this.send(emoji)}>${emoji}</button>`,
              )}
            </div>`
            : nothing
        }
      </div>
      <div part="reactions" aria-hidden="true">
        ${repeat(
          this.shown,
          (reaction) => reaction.key,
          (reaction) =>
            html`<div class="reaction" data-emoji=${reaction.emoji}><span class="emoji">${reaction.emoji}</span><span>${this.nameOf(reaction)}</span></div>`,
        )}
      </div>
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'visio-reactions': VisioReactionsElement;
  }
}
