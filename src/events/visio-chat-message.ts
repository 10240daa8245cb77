import type { ChatMessage } from '../core/room-hub.js';
import { VisioEvent } from './visio-event.js';

/** A chat message, as shown: id, time (epoch ms), text, sender, and whether it was sent from here. */
export type VisioChatMessageDetail = ChatMessage;

/** A chat message was sent or received. */
export class VisioChatMessageEvent extends VisioEvent<VisioChatMessageDetail> {
  constructor(detail: VisioChatMessageDetail) {
    super('visio-chat-message', detail);
  }
}
