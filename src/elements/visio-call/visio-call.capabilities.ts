import { backendAbilities, type BackendAbility, type CallBackend } from '../../core/backends/backend.js';
import type { CallStatus } from '../../core/call-session.js';
import type { VisioErrorCode } from '../../core/errors.js';
import type { MediaState } from '../../core/media.js';
import type { BackgroundChoice } from '../../core/effects/background.js';
import type { ParticipantInfo } from '../../core/observe.js';
import { VERSION } from '../../core/version.js';

/**
 * The embedder’s control surface: the methods (commands) and events of `<visio-call>` in this
 * version, read by hosts through `VisioCallElement.capabilities`. A new public method or event is
 * one more line here; test/unit/manifest.test.ts fails when the element and these lists disagree
 * (checked against custom-elements.json, both ways), and the element implements every command.
 * The types a host reads (`VisioCallState`, `SidePanel`) live here too.
 */
export const COMMANDS = [
  'join',
  'leave',
  'getParticipants',
  'toggleMicrophone',
  'toggleCamera',
  'setMicrophoneEnabled',
  'setCameraEnabled',
  'setDevice',
  'setName',
  'setLayout',
  'pin',
  'toggleScreenShare',
  'setScreenShareEnabled',
  'sendChatMessage',
  'setHandRaised',
  'sendReaction',
  'setCaptionsEnabled',
  'getTranscript',
  'downloadTranscript',
  'setPanel',
  'clearHistory',
  'startRecording',
  'stopRecording',
  'muteParticipant',
  'removeParticipant',
  'lowerHand',
  'setParticipantRole',
  'admit',
  'deny',
  'getWaitingParticipants',
  'checkConnection',
  'setBackground',
] as const;

export const EVENTS = [
  'visio-connected',
  'visio-disconnected',
  'visio-participant-joined',
  'visio-participant-left',
  'visio-error',
  'visio-status-changed',
  'visio-participants-changed',
  'visio-media-changed',
  'visio-join-request',
  'visio-leave-request',
  'visio-device-change',
  'visio-layout-changed',
  'visio-chat-message',
  'visio-caption',
  'visio-hand-raised',
  'visio-recording-changed',
  'visio-moderated',
  'visio-lobby-changed',
  'visio-precall-check',
] as const satisfies ReadonlyArray<keyof HTMLElementEventMap>;

/** A method name of `<visio-call>`. */
export type VisioCommand = (typeof COMMANDS)[number];

/** What a host can rely on in this version (see `VisioCallElement.capabilities`). */
export interface VisioCapabilities {
  version: string;
  /** Method names of `<visio-call>`. */
  commands: ReadonlyArray<VisioCommand>;
  /** Event types `<visio-call>` fires. */
  events: ReadonlyArray<(typeof EVENTS)[number]>;
  /**
   * What the element's backend does beyond credentials (`setHandRaised`, `watchLobby`,
   * `startRecording`…). On the class: every ability a backend may have; on an element: its
   * backend's, and `commands` then lists only the commands that backend makes possible.
   */
  backend: ReadonlyArray<BackendAbility>;
  /** On an element: whether this browser can blur or replace the camera's background (`setBackground`). */
  background?: boolean;
}

/** The commands that only work when the backend offers an ability. */
const COMMAND_NEEDS: Partial<Record<VisioCommand, BackendAbility>> = {
  startRecording: 'startRecording',
  stopRecording: 'stopRecording',
  muteParticipant: 'muteTrack',
  removeParticipant: 'removeParticipant',
  lowerHand: 'lowerHand',
  setParticipantRole: 'setRole',
  getWaitingParticipants: 'watchLobby',
  admit: 'admit',
  deny: 'admit',
};

const ALL_ABILITIES = backendAbilities({
  credentials: () => Promise.reject(new Error('unused')),
  checkCredentials: () => Promise.reject(new Error('unused')),
  setHandRaised: async () => {},
  rename: async () => {},
  watchLobby: () => () => {},
  admit: async () => {},
  muteTrack: async () => {},
  removeParticipant: async () => {},
  lowerHand: async () => {},
  setRole: async () => {},
  startRecording: async () => {},
  stopRecording: async () => {},
  attend: () => () => {},
  keyProvider: {} as NonNullable<CallBackend['keyProvider']>,
  room: '',
} satisfies Required<CallBackend>);

export const CAPABILITIES: VisioCapabilities = Object.freeze({
  version: VERSION,
  commands: Object.freeze([...COMMANDS]),
  events: Object.freeze([...EVENTS]),
  backend: Object.freeze(ALL_ABILITIES),
});

/** The capabilities of an element whose backend is `backend`. */
export function capabilitiesWith(backend: CallBackend | undefined): VisioCapabilities {
  const abilities = backendAbilities(backend);
  const commands = COMMANDS.filter((command) => {
    const need = COMMAND_NEEDS[command];
    return !need || abilities.includes(need);
  });
  return Object.freeze({ ...CAPABILITIES, commands: Object.freeze(commands), backend: Object.freeze(abilities) });
}

/** The call as a host reads it (`call.state`). Plain data. */
export interface VisioCallState {
  status: CallStatus;
  /** The error code when `status` is `error`. */
  error?: VisioErrorCode;
  /** Everyone in the call, the local participant first; empty when not connected. */
  participants: ParticipantInfo[];
  /** The local microphone, camera and screen share. */
  media: MediaState;
  /** The camera's background: none, blur, or an image (see `setBackground`). */
  background: BackgroundChoice;
}

/** The side panels: the chat or the participant list. */
export type SidePanel = 'chat' | 'participants';
