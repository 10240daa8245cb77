/**
 * The part of core that is public: what `src/index.ts` re-exports for embedders. Named exports
 * only; everything else in `src/core/` (observers, room hub, layout math, untrusted-input
 * helpers…) is internal to the package and may change in any release. The checked-in API report
 * (`etc/visio-elements.api.md`, `npm run api:update`) shows the public surface.
 */
// errors
export { ERROR_CODES, VisioError, isVisioError, type VisioErrorCode } from './errors.js';
// credentials
export { endpointTokenSource, type ConnectionDetails, type EndpointOptions, type TokenRequest, type TokenSource } from './token-source.js';
export { VERSION } from './version.js';
// the deployment behind a call: credentials, lobby, moderation, recording
export {
  backendAbilities,
  tokenSourceBackend,
  type AssignableRole,
  type AttendHooks,
  type BackendAbility,
  type BackendCall,
  type CallBackend,
  type CredentialsOptions,
  type RecordingMode,
  type RoomRole,
  type WaitingParticipant,
} from './backends/backend.js';
export { meetBackend, type MeetBackendOptions } from './backends/meet.js';
export { livekitBackend, type LivekitBackendOptions } from './backends/livekit.js';
export type { ConnectionCheckResult, ConnectionCheckStatus, ConnectionTransport, MicrophoneCheckStatus, PrecallCheckResult } from './precall-check.js';
export { matrixBackend, MatrixKeyProvider, type MatrixBackendOptions, type MatrixToDevice, type MatrixToDeviceMessage } from './backends/matrix.js';
// the session that joins, reconnects and leaves (for pages that compose their own call around <visio-room>)
export { CallSession, type CallSessionEvents, type JoinOptions } from './call-session.js';
// types that element properties, methods and event details use
export type { CallState, CallStatus } from './call-session.js';
export type { ParticipantInfo } from './observe.js';
export type { CallLayout } from './layout.js';
export type { DeviceKind } from './devices.js';
export type { E2EEConfig, E2EESetup } from './e2ee.js';
export type { Unsubscribe } from './subscribe.js';
export type { DesignSystem, VisioTheme } from './theme.js';
export type { MediaSource, MediaState } from './media.js';
export type { CaptionSegment, TranscriptFormat } from './captions.js';
export type { ChatMessage } from './chat.js';
export type { Reaction, ReactionEmoji, ReactionName } from './reactions.js';
export type { RecordingState, RecordingStatus } from './recording.js';
export type { ParticipantRef } from './participants.js';
export type { ModerationAction } from './moderation.js';
export type { BackgroundChoice, BackgroundImage } from './effects/background.js';
export type { PopOutMode, PopOutSupport } from './popout.js';
export type { QualityChoice, ReceiveQuality, SaveData } from './quality.js';
