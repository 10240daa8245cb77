import type { VisioConnectedEvent } from './visio-connected.js';
import type { VisioDisconnectedEvent } from './visio-disconnected.js';
import type { VisioErrorEvent } from './visio-error.js';
import type { VisioParticipantJoinedEvent } from './visio-participant-joined.js';
import type { VisioParticipantLeftEvent } from './visio-participant-left.js';
// control surface
import type { VisioJoinRequestEvent } from './visio-join-request.js';
import type { VisioLeaveRequestEvent } from './visio-leave-request.js';
import type { VisioMediaChangedEvent } from './visio-media-changed.js';
import type { VisioPrecallCheckEvent } from './visio-precall-check.js';
import type { VisioParticipantsChangedEvent } from './visio-participants-changed.js';
import type { VisioStatusChangedEvent } from './visio-status-changed.js';
import type { VisioDeviceChangeEvent } from './visio-device-change.js';
import type { VisioPrejoinSubmitEvent } from './visio-prejoin-submit.js';
import type { VisioLayoutChangedEvent } from './visio-layout-changed.js';
import type { VisioPinEvent } from './visio-pin.js';
import type { VisioCaptionEvent } from './visio-caption.js';
import type { VisioChatMessageEvent } from './visio-chat-message.js';
import type { VisioHandRaisedEvent } from './visio-hand-raised.js';
import type { VisioRecordingChangedEvent } from './visio-recording-changed.js';
import type { VisioModeratedEvent } from './visio-moderated.js';
import type { VisioModerateRequestEvent } from './visio-moderate-request.js';
import type { VisioLobbyChangedEvent } from './visio-lobby-changed.js';
import type { VisioPopOutChangedEvent } from './visio-pop-out-changed.js';

export * from './visio-event.js';
export * from './visio-error.js';
export * from './visio-connected.js';
export * from './visio-disconnected.js';
export * from './visio-participant-joined.js';
export * from './visio-participant-left.js';
// control surface
export * from './visio-status-changed.js';
export * from './visio-participants-changed.js';
export * from './visio-media-changed.js';
export * from './visio-join-request.js';
export * from './visio-leave-request.js';
export * from './visio-device-change.js';
export * from './visio-prejoin-submit.js';
export * from './visio-layout-changed.js';
export * from './visio-lobby-changed.js';
export * from './visio-pin.js';
export * from './visio-chat-message.js';
export * from './visio-caption.js';
export * from './visio-hand-raised.js';
export * from './visio-recording-changed.js';
export * from './visio-moderated.js';
export * from './visio-moderate-request.js';
export * from './visio-precall-check.js';
export * from './visio-pop-out-changed.js';

declare global {
  interface HTMLElementEventMap {
    'visio-error': VisioErrorEvent;
    'visio-connected': VisioConnectedEvent;
    'visio-disconnected': VisioDisconnectedEvent;
    'visio-participant-joined': VisioParticipantJoinedEvent;
    'visio-participant-left': VisioParticipantLeftEvent;
    // control surface
    'visio-status-changed': VisioStatusChangedEvent;
    'visio-participants-changed': VisioParticipantsChangedEvent;
    'visio-media-changed': VisioMediaChangedEvent;
    'visio-join-request': VisioJoinRequestEvent;
    'visio-leave-request': VisioLeaveRequestEvent;
    'visio-device-change': VisioDeviceChangeEvent;
    'visio-prejoin-submit': VisioPrejoinSubmitEvent;
    'visio-layout-changed': VisioLayoutChangedEvent;
    'visio-lobby-changed': VisioLobbyChangedEvent;
    'visio-pin': VisioPinEvent;
    'visio-chat-message': VisioChatMessageEvent;
    'visio-caption': VisioCaptionEvent;
    'visio-hand-raised': VisioHandRaisedEvent;
    'visio-recording-changed': VisioRecordingChangedEvent;
    'visio-moderated': VisioModeratedEvent;
    'visio-precall-check': VisioPrecallCheckEvent;
    'visio-moderate-request': VisioModerateRequestEvent;
    'visio-pop-out-changed': VisioPopOutChangedEvent;
  }
}
