import type { BaseKeyProvider, Room } from 'livekit-client';
import type { Unsubscribe } from '../subscribe.js';
import type { ConnectionDetails, TokenRequest, TokenSource } from '../token-source.js';

/**
 * What `<visio-call>` asks of a deployment: credentials always, and, where the deployment offers
 * them, the actions a participant cannot take with its own LiveKit token (raise a hand when the
 * token may not update its own attributes, rename, knock and admit, moderate, record).
 *
 * A backend leaves out the methods its deployment does not offer: the element then shows no
 * control for them and leaves them out of `capabilities`. Every method rejects with a
 * `VisioError` (a stable code) on failure; the element reports it as a `visio-error`.
 *
 * Shipped: {@link tokenSourceBackend} (credentials only), `livekitBackend` (our token and
 * moderation endpoints), `meetBackend` (La Suite Meet's REST API), `matrixBackend` (MatrixRTC:
 * Tchap and Element Call).
 */
export interface CallBackend {
  /**
   * The room this backend joins, whatever the element's `room` attribute says (MatrixRTC: the
   * Matrix room id). The element then needs no `room` attribute.
   */
  room?: string;
  /**
   * Per-participant media keys the backend exchanges itself (MatrixRTC). When the element's `e2ee`
   * is set, the session encrypts with this key provider instead of a passphrase.
   */
  keyProvider?: BaseKeyProvider;
  /**
   * Called once the call is connected, for a backend that keeps state beside the LiveKit room
   * (MatrixRTC: its membership in the Matrix room, media keys, Matrix display names). The function
   * it returns is called when the call ends (left, dropped, or the element removed).
   */
  attend?(call: BackendCall, hooks: AttendHooks): Unsubscribe;

  /**
   * Credentials for one join. A deployment with a lobby knocks here: it calls
   * `options.waiting()` once the user waits to be let in, polls until a host decides, and resolves
   * with the credentials it was given (or rejects with `entry-denied`). Aborting `options.signal`
   * (the user cancelled, or left) stops knocking.
   */
  credentials(request: TokenRequest, options: CredentialsOptions): Promise<ConnectionDetails>;
  /**
   * Credentials for the pre-call check only: a short-lived token whose LiveKit grant is `hidden`
   * (nobody sees the participant) with no right to publish, for a throwaway room of the server's
   * choice (the user is not let into the real room, nor seen in it). Without it, the prejoin says
   * the connection could not be tested.
   */
  checkCredentials?(request: TokenRequest, options: { signal?: AbortSignal }): Promise<ConnectionDetails>;

  /** Raises or lowers the local participant's hand (the `handRaisedAt` attribute, written by the server). */
  setHandRaised?(call: BackendCall, raised: boolean): Promise<void>;
  /** Renames the local participant for everyone. */
  rename?(call: BackendCall, name: string): Promise<void>;

  /** For hosts: the people waiting in the lobby, now and at each change, until unsubscribed. */
  watchLobby?(call: BackendCall, listener: (waiting: WaitingParticipant[]) => void, onError: (error: unknown) => void): Unsubscribe;
  /** For hosts: lets a waiting person in (`allow` true) or turns them away. */
  admit?(call: BackendCall, waitingId: string, allow: boolean): Promise<void>;

  /** Mutes someone's track (their microphone, camera or screen share). */
  muteTrack?(call: BackendCall, identity: string, trackSid: string): Promise<void>;
  /** Removes someone from the call. */
  removeParticipant?(call: BackendCall, identity: string): Promise<void>;
  /** Lowers someone else's raised hand. */
  lowerHand?(call: BackendCall, identity: string): Promise<void>;
  /** Makes someone an administrator of the room, or a member again. */
  setRole?(call: BackendCall, identity: string, role: AssignableRole): Promise<void>;

  /** Starts recording or transcribing the call. */
  startRecording?(call: BackendCall, mode: RecordingMode): Promise<void>;
  /** Stops the recording or transcription under way. */
  stopRecording?(call: BackendCall): Promise<void>;
}

/** What a backend's `attend` may tell the session. */
export interface AttendHooks {
  /**
   * The names to show for LiveKit identities (whose LiveKit name is empty): the whole map at each
   * change. Untrusted text: it is rendered as text.
   */
  names(names: ReadonlyMap<string, string>): void;
  /** A failure while in the call (reported as a `visio-error`; the call goes on). */
  error(error: unknown): void;
}

export interface CredentialsOptions {
  signal?: AbortSignal;
  /** The user now waits in the lobby for a host to let them in. */
  waiting?(): void;
}

/** The call a backend acts in: the connected `Room`, and the credentials it was joined with. */
export interface BackendCall {
  room: Room;
  /** The room name the element was given (Meet: the room's id or slug). */
  roomName: string;
  /** The LiveKit token of this join: backends that take it as a Bearer token send it. */
  token: string;
  serverUrl: string;
}

/** Someone waiting in the lobby. Untrusted text: render it as text. */
export interface WaitingParticipant {
  id: string;
  name: string;
  /** A CSS colour the deployment gave them, if any. */
  color?: string;
}

/** Roles, as La Suite Meet names them in the `room_role` attribute. */
export type RoomRole = 'owner' | 'administrator' | 'member';
/** The roles a host may give. */
export type AssignableRole = Exclude<RoomRole, 'owner'>;

/** What a recording keeps: the transcript, or the screen and sound. */
export type RecordingMode = 'transcript' | 'screen_recording';

/**
 * The optional abilities of a backend, by member name: the actions the element offers, and
 * `attend` (a presence beside the room, MatrixRTC's membership) and `keyProvider` (per-participant
 * media keys it exchanges itself).
 */
export type BackendAbility = Exclude<keyof CallBackend, 'credentials' | 'room'>;

/** Which optional abilities `backend` has. */
export function backendAbilities(backend: CallBackend | undefined): BackendAbility[] {
  if (!backend) return [];
  const abilities: BackendAbility[] = [
    'checkCredentials',
    'setHandRaised',
    'rename',
    'watchLobby',
    'admit',
    'muteTrack',
    'removeParticipant',
    'lowerHand',
    'setRole',
    'startRecording',
    'stopRecording',
    'attend',
    'keyProvider',
  ];
  return abilities.filter((ability) => backend[ability] !== undefined);
}

/** The simplest backend: credentials from a token source, nothing else. */
export function tokenSourceBackend(source: TokenSource): CallBackend {
  return { credentials: (request, { signal }) => source(request, { signal }) };
}
