import type { Room } from 'livekit-client';
import { html, nothing, type PropertyValues } from 'lit';
import { query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { SubscriptionController } from '../../controllers/subscription-controller.js';
import { isChatNotice, observeChat, sendChatMessage, splitLinks, type ChatItem, type ChatMessage, type ChatNotice } from '../../core/chat.js';
import { RoomElement } from '../../internal/room-element.js';
import { controlStyles, visuallyHidden } from '../../styles/shared.js';
import { chatStyles } from './visio-chat.styles.js';

/**
 * The call's chat, on LiveKit's `lk.chat` convention (and the older `lk-chat-topic`, received and
 * sent too): messages with sender and time, links that open in a new tab, an input and a send
 * button (Enter sends). Messages and names are always shown as text. Messages are in the order
 * they arrived; a very long one shows its start, marked as cut; when someone sends too fast, a
 * line says so once and the excess is not shown.
 *
 * @csspart messages - The list of messages.
 * @csspart message - One message.
 * @csspart notice - A line about a sender (their messages arrive too fast).
 * @csspart form - The input and the send button.
 * @fires visio-error - When a message cannot be sent (`detail.code` is `chat-send-failed`).
 */
export class VisioChatElement extends RoomElement {
  static override styles = [...controlStyles, visuallyHidden, chatStyles];

  @state() private sending = false;
  @state() private error = '';
  @query('input') private input?: HTMLInputElement;
  @query('ol') private list?: HTMLOListElement;

  private readonly messages = new SubscriptionController<Room, ChatItem[]>(this, () => this.activeRoom, observeChat);

  /** Sends a message to everyone; resolves to whether it was sent. Never rejects (see `visio-error`). */
  async send(text: string): Promise<boolean> {
    const room = this.activeRoom;
    if (!room || !text.trim()) return false;
    try {
      this.error = '';
      return (await sendChatMessage(room, text)) !== undefined;
    } catch (error) {
      this.error = this.reportError(error);
      return false;
    }
  }

  /** Focuses the message input. */
  override async focus(options?: FocusOptions): Promise<void> {
    await this.updateComplete;
    this.input?.focus(options);
  }

  private async submit(event: Event) {
    event.preventDefault();
    const input = this.input;
    if (!input || this.sending) return;
    this.sending = true;
    const sent = await this.send(input.value);
    this.sending = false;
    if (sent) input.value = '';
    await this.updateComplete;
    input.focus();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // Keep the newest message in view.
    if (this.list) this.list.scrollTop = this.list.scrollHeight;
  }

  override render() {
    const messages = this.messages.value ?? [];
    const time = new Intl.DateTimeFormat(this.localize.lang, { hour: '2-digit', minute: '2-digit' });
    return html`
      <ol part="messages" aria-label=${this.localize.term('chatMessages')} aria-live="polite" aria-relevant="additions" tabindex="0">
        ${messages.length === 0 ? html`<li class="empty">${this.localize.term('noMessages')}</li>` : nothing}
        ${repeat(
          messages,
          // The items themselves: two senders may use one id.
          (item) => item,
          (item) => (isChatNotice(item) ? this.renderNotice(item) : this.renderMessage(item, time)),
        )}
      </ol>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <form part="form" @submit=${this.submit}>
        <label class="visually-hidden" for="message">${this.localize.term('chatInput')}</label>
        <input id="message" autocomplete="off" maxlength="2000" placeholder=${this.localize.term('chatInput')} ?disabled=${!this.activeRoom} />
        <button class="primary" type="submit" ?disabled=${!this.activeRoom || this.sending}>${this.localize.term('send')}</button>
      </form>
    `;
  }

  private renderNotice(notice: ChatNotice) {
    return html`<li part="notice" class="notice">${this.localize.term('chatTooFast', { name: notice.from.name })}</li>`;
  }

  private renderMessage(message: ChatMessage, time: Intl.DateTimeFormat) {
    // Times come from the sender: one that is not a date shows nothing rather than break the list.
    const date = new Date(message.timestamp);
    const valid = !Number.isNaN(date.getTime());
    return html`<li part="message" class=${message.isLocal ? 'local' : ''}>
      <p class="meta">
        <span class="sender">${message.isLocal ? this.localize.term('you', { name: message.from.name }) : message.from.name}</span>
        ${valid ? html`<time datetime=${date.toISOString()}>${time.format(date)}</time>` : nothing}
      </p>
      <p class="text">${splitLinks(message.message).map((part) =>
        part.href ? html`<a href=${part.href} target="_blank" rel="noopener noreferrer">${part.text}</a>` : part.text,
      )}${message.truncated ? html` <span class="truncated">${this.localize.term('chatTruncated')}</span>` : nothing}</p>
    </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'visio-chat': VisioChatElement;
  }
}
