import type { Room } from 'livekit-client';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { onCaption } from '../core/captions.js';
import { onChatMessage, onHistoryCleared, type ChatMessage } from '../core/chat.js';
import { onHandChanged } from '../core/hand.js';
import { who } from '../core/participants.js';
import { roomHub, type CaptionSegment } from '../core/room-hub.js';
import type { Unsubscribe } from '../core/subscribe.js';

/** How long a toast stays over the call, in milliseconds. */
export const TOAST_DURATION = 5000;

export interface Toast {
  /** `info`: anything else (a request to record, a limit reached). */
  kind: 'hand' | 'chat' | 'info';
  text: string;
}

type EventClass<D> = new (detail: D) => Event;

export interface CallNoticesOptions {
  /** The DOM events fired on the host, one class each (from `src/events/`: controllers import only core). */
  events: {
    chatMessage: EventClass<ChatMessage>;
    caption: EventClass<CaptionSegment>;
    handRaised: EventClass<{ identity: string; name: string; isLocal: boolean; raised: boolean; raisedAt?: string }>;
  };
  /** The host's translation of a toast. */
  term(...toast: ['newMessage', { name: string; message: string }] | ['handRaisedBy', { name: string }]): string;
  /** Whether the chat is open (its messages are then neither counted nor shown as a toast). */
  chatOpen(): boolean;
}

/**
 * What the call tells its user besides its layout: the polite live-region announcement, the
 * notice banner (a non-fatal failure), the brief toast (someone raised a hand, or wrote while the
 * chat is closed) and the chat's unread count. `watch(room)` follows the chat, captions and hands
 * of a session, and fires their DOM events on the host.
 */
export class CallNoticesController implements ReactiveController {
  /** Read by screen readers from a polite live region. */
  announcement = '';
  /** A non-fatal failure shown over the call until dismissed (a camera that would not start). */
  notice?: string;
  toast?: Toast;
  /** Chat messages received while the chat was closed. */
  unread = 0;
  private timer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly host: ReactiveControllerHost & EventTarget,
    private readonly options: CallNoticesOptions,
  ) {
    host.addController(this);
  }

  announce(text: string): void {
    this.announcement = text;
    this.host.requestUpdate();
  }

  /** Shows `text` in the banner, or hides it (`undefined`). */
  showNotice(text: string | undefined): void {
    this.notice = text;
    this.host.requestUpdate();
  }

  /** Shows `text` over the call for a few seconds (replacing any other) and announces it. */
  showToast(kind: Toast['kind'], text: string): void {
    this.announce(text);
    this.toast = { kind, text };
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.toast = undefined;
      this.host.requestUpdate();
    }, TOAST_DURATION);
  }

  /** The chat was read: no unread message. */
  clearUnread(): void {
    this.unread = 0;
    this.host.requestUpdate();
  }

  /** Follows a session's room: chat messages, captions and raised hands. */
  watch(room: Room): Unsubscribe[] {
    const { events, term } = this.options;
    const fire = <D>(type: EventClass<D>, detail: D) => this.host.dispatchEvent(new type(detail));
    // Made now, so the chat and the whole transcript are kept from the start of the call.
    roomHub(room);
    return [
      onChatMessage(room, (message) => {
        fire(events.chatMessage, { ...message });
        if (message.isLocal || this.options.chatOpen()) return;
        this.unread += 1;
        this.showToast('chat', term('newMessage', { name: message.from.name, message: message.message }));
      }),
      onCaption(room, (segment) => fire(events.caption, { ...segment })),
      // A new call, or the host's clearHistory(): nothing left unread.
      onHistoryCleared(room, () => this.clearUnread()),
      onHandChanged(room, ({ participant, raisedAt, notify }) => {
        const { identity, name } = who(participant);
        fire(events.handRaised, { identity, name, isLocal: participant.isLocal, raised: !!raisedAt, ...(raisedAt ? { raisedAt } : {}) });
        this.host.requestUpdate();
        if (raisedAt && !participant.isLocal && notify) this.showToast('hand', term('handRaisedBy', { name }));
      }),
    ];
  }

  hostDisconnected(): void {
    clearTimeout(this.timer);
    this.toast = undefined;
  }
}
