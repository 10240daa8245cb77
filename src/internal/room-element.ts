import { consume } from '@lit/context';
import type { Room } from 'livekit-client';
import { property, state } from 'lit/decorators.js';
import { roomContext } from '../context/room-context.js';
import { VisioElement } from './visio-element.js';

/**
 * An element that works on a `Room`: the one set as its `room` property, else the one provided
 * by the nearest `<visio-room>`.
 */
export class RoomElement extends VisioElement {
  /** The LiveKit `Room` to show. Wins over the one from the surrounding `<visio-room>`. */
  @property({ attribute: false }) room?: Room;

  @consume({ context: roomContext, subscribe: true })
  @state()
  private contextRoom?: Room;

  /** The room in use: the explicit one, else the provided one. */
  protected get activeRoom(): Room | undefined {
    return this.room ?? this.contextRoom;
  }
}
