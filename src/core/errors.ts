import { ConnectionError, ConnectionErrorReason, DisconnectReason, MediaDeviceFailure } from 'livekit-client';

/**
 * Every failure the SDK reports, as a stable string. Embedders switch on these codes; the text
 * shown to users comes from the translations, keyed by the same code.
 */
export const ERROR_CODES = [
  /** No `token-endpoint` and no `tokenSource` were given, or no room name. */
  'configuration-invalid',
  /** The token endpoint could not be reached (network down, DNS, CORS, connection refused). */
  'token-endpoint-unreachable',
  /** The token endpoint did not answer within the timeout. */
  'token-request-timeout',
  /** The token endpoint answered 401: the user is not signed in to the portal. */
  'token-unauthorized',
  /** The token endpoint answered 403: the user may not join this room. */
  'token-forbidden',
  /** The token endpoint answered with another non-2xx status (typically 5xx). */
  'token-request-failed',
  /** The token endpoint answered something that is not JSON (an HTML login page, say). */
  'token-response-not-json',
  /** The JSON lacks `server_url` / `participant_token`, or they are malformed. */
  'token-response-invalid',
  /** The token has already expired when it arrived. */
  'token-expired',
  /** The LiveKit server refused the token (signed for another server, wrong key, wrong room). */
  'token-rejected',
  /** The LiveKit server at `server_url` could not be reached. */
  'server-unreachable',
  /** The connection to the call dropped and could not be restored. */
  'connection-lost',
  /** A moderator (or the portal's server) removed this participant from the call. */
  'removed-from-room',
  /** The same identity joined from somewhere else. */
  'duplicate-identity',
  /** The user or the browser denied camera or microphone access. */
  'media-permission-denied',
  /** No camera or microphone is present. */
  'media-device-not-found',
  /** The camera or microphone is used by another application. */
  'media-device-in-use',
  /** Any other failure to start the camera or microphone. */
  'media-device-failed',
  /** End-to-end encryption was asked for, and this browser cannot do it (or it failed to start). */
  'e2ee-unsupported',
  /**
   * End-to-end encryption was asked for and its worker could not be made or started (Trusted
   * Types refused it, its script is on another origin or missing), or it was not on in time to
   * send something: nothing is sent in the clear.
   */
  'e2ee-unavailable',
  /** The user closed the browser's screen picker without sharing (a notice, not a failure). */
  'screen-share-cancelled',
  /** The browser refused to share the screen, or cannot. */
  'screen-share-failed',
  /** A chat message could not be sent. */
  'chat-send-failed',
  /** The raised hand could not be set (the token lacks `canUpdateOwnMetadata`, or the call dropped). */
  'hand-raise-failed',
  /** Anything else. The `cause` has the original error. */
  'unknown',
  /** The camera or microphone cannot meet the constraints asked (resolution, a device that is gone). */
  'media-constraints-unsatisfiable',
  /** A reaction could not be sent (the call dropped, or the data channel failed). */
  'reaction-send-failed',
  /** The new display name could not be set (the token lacks `canUpdateOwnMetadata`, or the call dropped). */
  'rename-failed',
  /** A host turned the user away from the lobby. */
  'entry-denied',
  /** Nobody let the user in from the lobby in time, or the lobby could not be reached. */
  'entry-timeout',
  /** A moderator's action (mute, remove, lower a hand, change a role, admit) failed or was refused. */
  'moderation-failed',
  /** Recording or transcription could not be started or stopped. */
  'recording-failed',
  /** The call was ended for everyone (the room was closed or deleted on the server). */
  'room-closed',
  /**
   * The background blur or replacement could not start (its files are missing or the page's
   * policy refuses them, the image did not load, the browser cannot): the camera goes on without it.
   */
  'background-effect-failed',
  /** The camera was asked for while "save data" is on audio only (see `setSaveData`). */
  'camera-audio-only',
  /** The call could not open in its own picture-in-picture window (see `popOut()`). */
  'pop-out-failed',
  // Tchap calls (MatrixRTC)
  /** The Matrix homeserver or the LiveKit credentials service could not be reached. */
  'matrix-unreachable',
  /**
   * The homeserver refused the Matrix session (an expired access token), or the credentials
   * service refused its OpenID token; the Matrix `errcode` is the error's `reason`.
   */
  'matrix-credentials-refused',
  /** No LiveKit credentials service was found for this homeserver (neither MSC4143 transports nor `.well-known`). */
  'matrix-livekit-not-found',
  /** The call membership could not be published in the Matrix room (not a member, no right to send it). */
  'matrix-membership-failed',
  /** Strong noise suppression (RNNoise) could not start or stopped working: the browser's own is on instead, and the microphone goes on. */
  'noise-suppression-failed',
  /**
   * The host's Matrix client (the `toDevice` option of matrixBackend) could not send the call's
   * media key as to-device messages: others may not decode this participant.
   */
  'matrix-keys-failed',
  /**
   * A part of the library loaded on demand (a chunk: the prejoin, stage, chat… of the
   * self-contained bundle, La Suite Meet's or Tchap's call client) could not be loaded: the network
   * failed, or the site now serves another version. An element the call does without (without the
   * prejoin: the plain join button); a backend's client fails the join. Reloading the page helps.
   */
  'chunk-load-failed',
] as const;

export type VisioErrorCode = (typeof ERROR_CODES)[number];

/** An error with a stable {@link VisioErrorCode}. The original error, if any, is `cause`. */
export class VisioError extends Error {
  override readonly name = 'VisioError';
  readonly code: VisioErrorCode;
  /** HTTP status of the token endpoint or server, when there was one. */
  readonly status?: number;
  /** The server's own word for the failure, when it gave one (a Matrix `errcode` such as `M_UNKNOWN_TOKEN`). */
  readonly reason?: string;

  constructor(code: VisioErrorCode, message: string, options: { cause?: unknown; status?: number; reason?: string } = {}) {
    super(message, { cause: options.cause });
    this.code = code;
    this.status = options.status;
    this.reason = options.reason;
  }
}

export function isVisioError(error: unknown): error is VisioError {
  return error instanceof VisioError;
}

/** Classifies an error thrown by `Room.connect()`. */
export function connectError(error: unknown): VisioError {
  if (isVisioError(error)) return error;
  if (error instanceof ConnectionError) {
    if (error.reason === ConnectionErrorReason.NotAllowed) {
      return new VisioError('token-rejected', `The LiveKit server refused the token: ${error.message}`, {
        cause: error,
        status: error.status as number | undefined,
      });
    }
    if (error.reason === ConnectionErrorReason.LeaveRequest) {
      return disconnectError(error.context as DisconnectReason) ?? unknownError(error);
    }
    return new VisioError('server-unreachable', `Could not reach the LiveKit server: ${error.message}`, {
      cause: error,
      status: (error as ConnectionError).status,
    });
  }
  return unknownError(error);
}

/** Classifies why a connected room was disconnected; `undefined` when the user left. */
export function disconnectError(reason: DisconnectReason | undefined): VisioError | undefined {
  switch (reason) {
    case DisconnectReason.CLIENT_INITIATED:
      return undefined;
    case DisconnectReason.DUPLICATE_IDENTITY:
      return new VisioError('duplicate-identity', 'This identity joined the room from another place.');
    case DisconnectReason.PARTICIPANT_REMOVED:
      return new VisioError('removed-from-room', 'A moderator removed you from the call.');
    case DisconnectReason.ROOM_DELETED:
    case DisconnectReason.ROOM_CLOSED:
      return new VisioError('room-closed', 'The call was ended for everyone.');
    default:
      return new VisioError('connection-lost', `The connection to the call was lost (reason ${reason ?? 'unknown'}).`);
  }
}

/** Classifies an error from getUserMedia / `setCameraEnabled` / `setMicrophoneEnabled`. */
export function mediaError(error: unknown): VisioError {
  if (isVisioError(error)) return error;
  const failure = MediaDeviceFailure.getFailure(error);
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof Error && (error.name === 'OverconstrainedError' || error.name === 'ConstraintNotSatisfiedError')) {
    return new VisioError('media-constraints-unsatisfiable', `The device cannot meet the constraints: ${message}`, { cause: error });
  }
  switch (failure) {
    case MediaDeviceFailure.PermissionDenied:
      return new VisioError('media-permission-denied', `Camera or microphone access was denied: ${message}`, { cause: error });
    case MediaDeviceFailure.NotFound:
      return new VisioError('media-device-not-found', `No camera or microphone was found: ${message}`, { cause: error });
    case MediaDeviceFailure.DeviceInUse:
      return new VisioError('media-device-in-use', `The device is in use by another application: ${message}`, { cause: error });
    default:
      return new VisioError('media-device-failed', `The device could not be started: ${message}`, { cause: error });
  }
}

/**
 * A failure of one action (sending a message, raising a hand…) as that action's `code`; an error
 * that is already a `VisioError` keeps its own code.
 */
export function actionError(code: VisioErrorCode, message: string, error: unknown): VisioError {
  if (isVisioError(error)) return error;
  return new VisioError(code, message, { cause: error });
}

/**
 * Loads `what`, a part of the library kept in a chunk of its own (`load` is its `import()`): a
 * failure to load it becomes `chunk-load-failed`.
 */
export async function loadChunk<T>(what: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (cause) {
    throw new VisioError('chunk-load-failed', `${what} could not be loaded.`, { cause });
  }
}

export function unknownError(error: unknown): VisioError {
  if (isVisioError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new VisioError('unknown', message, { cause: error });
}

/** Classifies an error from getDisplayMedia / `setScreenShareEnabled`. */
export function screenShareError(error: unknown): VisioError {
  if (isVisioError(error)) return error;
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  if (name === 'NotAllowedError' || name === 'AbortError') {
    return new VisioError('screen-share-cancelled', `Screen sharing was cancelled: ${message}`, { cause: error });
  }
  return new VisioError('screen-share-failed', `The screen could not be shared: ${message}`, { cause: error });
}
