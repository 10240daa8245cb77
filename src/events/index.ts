import type { VisioConnectedEvent } from './visio-connected.js';
import type { VisioDisconnectedEvent } from './visio-disconnected.js';
import type { VisioErrorEvent } from './visio-error.js';
import type { VisioParticipantJoinedEvent } from './visio-participant-joined.js';
import type { VisioParticipantLeftEvent } from './visio-participant-left.js';
import type { VisioJoinRequestEvent } from './visio-join-request.js';
import type { VisioDeviceChangeEvent } from './visio-device-change.js';

export * from './visio-event.js';
export * from './visio-error.js';
export * from './visio-connected.js';
export * from './visio-disconnected.js';
export * from './visio-participant-joined.js';
export * from './visio-participant-left.js';
export * from './visio-join-request.js';
export * from './visio-device-change.js';

declare global {
  interface HTMLElementEventMap {
    'visio-error': VisioErrorEvent;
    'visio-connected': VisioConnectedEvent;
    'visio-disconnected': VisioDisconnectedEvent;
    'visio-participant-joined': VisioParticipantJoinedEvent;
    'visio-participant-left': VisioParticipantLeftEvent;
    'visio-join-request': VisioJoinRequestEvent;
    'visio-device-change': VisioDeviceChangeEvent;
  }
}
