/**
 * visio-elements: Lit custom elements that put a LiveKit call into any page.
 * Importing this module defines every element (a second copy on the page warns, never throws).
 *
 * The public API is what this file names: the elements, their events, the errors and their codes,
 * the token source, the version, the Room context and the types these use. Named exports only;
 * every other module of the package is internal. `etc/visio-elements.api.md` is the checked-in
 * report of this surface (`npm run api:update` after a deliberate change).
 * @packageDocumentation
 */
import { VisioAudioElement } from './elements/visio-audio/visio-audio.js';
import { VisioCallElement } from './elements/visio-call/visio-call.js';
import { VisioControlsElement } from './elements/visio-controls/visio-controls.js';
import { VisioGridElement } from './elements/visio-grid/visio-grid.js';
import { VisioLeaveElement } from './elements/visio-leave/visio-leave.js';
import { VisioRoomElement } from './elements/visio-room/visio-room.js';
import { VisioTileElement } from './elements/visio-tile/visio-tile.js';
import { VisioToggleElement } from './elements/visio-toggle/visio-toggle.js';
import { VisioDeviceSelectElement } from './elements/visio-device-select/visio-device-select.js';
import { VisioPrejoinElement } from './elements/visio-prejoin/visio-prejoin.js';
import { VisioParticipantsElement } from './elements/visio-participants/visio-participants.js';
import { VisioStageElement } from './elements/visio-stage/visio-stage.js';
import { VisioCaptionsElement } from './elements/visio-captions/visio-captions.js';
import { VisioChatElement } from './elements/visio-chat/visio-chat.js';
import { VisioReactionsElement } from './elements/visio-reactions/visio-reactions.js';
import { VisioSettingsElement } from './elements/visio-settings/visio-settings.js';

export {
  CallSession,
  ERROR_CODES,
  VERSION,
  VisioError,
  backendAbilities,
  endpointTokenSource,
  isVisioError,
  livekitBackend,
  tokenSourceBackend,
  meetBackend,
  type MeetBackendOptions,
  matrixBackend,
  MatrixKeyProvider,
  type MatrixBackendOptions,
  type MatrixToDevice,
  type MatrixToDeviceMessage,
  type AttendHooks,
  type AssignableRole,
  type BackendAbility,
  type BackendCall,
  type CallBackend,
  type CredentialsOptions,
  type RecordingMode,
  type RoomRole,
  type WaitingParticipant,
  type CallLayout,
  type CallSessionEvents,
  type CallState,
  type CallStatus,
  type CaptionSegment,
  type ChatMessage,
  type ConnectionDetails,
  type DeviceKind,
  type E2EEConfig,
  type E2EESetup,
  type EndpointOptions,
  type JoinOptions,
  type LivekitBackendOptions,
  type MediaSource,
  type MediaState,
  type ParticipantInfo,
  type ParticipantRef,
  type ModerationAction,
  type Reaction,
  type ReactionEmoji,
  type ReactionName,
  type RecordingState,
  type RecordingStatus,
  type TokenRequest,
  type TokenSource,
  type TranscriptFormat,
  type Unsubscribe,
  type VisioErrorCode,
  type VisioTheme,
  type DesignSystem,
  type ConnectionCheckResult,
  type ConnectionCheckStatus,
  type ConnectionTransport,
  type MicrophoneCheckStatus,
  type PrecallCheckResult,
  type PopOutMode,
  type PopOutSupport,
  type QualityChoice,
  type ReceiveQuality,
  type SaveData,
} from './core/index.js';
export {
  VisioEvent,
  VisioErrorEvent,
  VisioConnectedEvent,
  VisioDisconnectedEvent,
  VisioParticipantJoinedEvent,
  VisioParticipantLeftEvent,
  VisioStatusChangedEvent,
  VisioParticipantsChangedEvent,
  VisioMediaChangedEvent,
  VisioJoinRequestEvent,
  VisioLeaveRequestEvent,
  VisioDeviceChangeEvent,
  VisioPrejoinSubmitEvent,
  VisioLayoutChangedEvent,
  VisioLobbyChangedEvent,
  type VisioLobbyChangedDetail,
  VisioPinEvent,
  VisioChatMessageEvent,
  VisioCaptionEvent,
  VisioHandRaisedEvent,
  VisioRecordingChangedEvent,
  VisioModeratedEvent,
  VisioModerateRequestEvent,
  VisioPrecallCheckEvent,
  VisioPopOutChangedEvent,
  type VisioPopOutChangedDetail,
  type VisioErrorDetail,
  type VisioConnectedDetail,
  type VisioDisconnectedDetail,
  type VisioParticipantDetail,
  type VisioStatusChangedDetail,
  type VisioParticipantsChangedDetail,
  type VisioJoinRequestDetail,
  type VisioLeaveRequestDetail,
  type VisioDeviceChangeDetail,
  type VisioPrejoinSubmitDetail,
  type VisioLayoutChangedDetail,
  type VisioPinDetail,
  type VisioChatMessageDetail,
  type VisioCaptionDetail,
  type VisioHandRaisedDetail,
  type VisioRecordingChangedDetail,
  type VisioModeratedDetail,
  type VisioModerateRequestDetail,
} from './events/index.js';
export type { SidePanel, VisioCallState, VisioCapabilities, VisioCommand } from './elements/visio-call/visio-call.js';
export type { NoiseSuppression } from './core/effects/noise-suppression.js';
export { roomContext } from './context/room-context.js';
export type { MenuEntry } from './controllers/overflow-controller.js';
export type { Translation, PluralForms, Term } from './i18n/en.js';
export { LANGUAGES, registerTranslation, type TranslationOverride } from './i18n/translations.js';
export {
  VisioAudioElement,
  VisioCallElement,
  VisioControlsElement,
  VisioGridElement,
  VisioLeaveElement,
  VisioRoomElement,
  VisioTileElement,
  VisioToggleElement,
  VisioDeviceSelectElement,
  VisioPrejoinElement,
  VisioParticipantsElement,
  VisioStageElement,
  VisioCaptionsElement,
  VisioChatElement,
  VisioReactionsElement,
  VisioSettingsElement,
};

VisioRoomElement.define('visio-room');
VisioTileElement.define('visio-tile');
VisioGridElement.define('visio-grid');
VisioStageElement.define('visio-stage');
VisioToggleElement.define('visio-toggle');
VisioDeviceSelectElement.define('visio-device-select');
VisioPrejoinElement.define('visio-prejoin');
VisioLeaveElement.define('visio-leave');
VisioParticipantsElement.define('visio-participants');
VisioControlsElement.define('visio-controls');
VisioAudioElement.define('visio-audio');
VisioChatElement.define('visio-chat');
VisioCaptionsElement.define('visio-captions');
VisioReactionsElement.define('visio-reactions');
VisioSettingsElement.define('visio-settings');
VisioCallElement.define('visio-call');
