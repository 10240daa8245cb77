import { VisioError } from './errors.js';
import { jsonPost, requestBody, takeStarted, type TokenRequest } from './token-request.js';

export { requestBody, type TokenRequest };

/** What a token source gives back: where to connect, and the JWT to connect with. */
export interface ConnectionDetails {
  serverUrl: string;
  participantToken: string;
}

/**
 * Any function that returns connection details. Bring your own to authenticate your way; throw a
 * {@link VisioError} to choose the code the user sees, or anything else (reported as `unknown`).
 */
export type TokenSource = (request: TokenRequest, options: { signal?: AbortSignal }) => Promise<ConnectionDetails>;

export interface EndpointOptions {
  /** Cookies sent with the request. Default `'include'`, so the portal's own session applies. */
  credentials?: RequestCredentials;
  /** Extra headers, for example a CSRF token or `Authorization`. */
  headers?: Record<string, string>;
  /** Milliseconds before giving up. Default 10 000. */
  timeout?: number;
  /** For tests and exotic environments. Default: the global `fetch`. */
  fetch?: typeof fetch;
}

/**
 * A token source that speaks LiveKit's standard token-endpoint format, as livekit-client's
 * `TokenSource.endpoint` does: `POST` JSON `{room_name, participant_name, …}` →
 * `{server_url, participant_token}`. Each way the endpoint can fail has its own error code.
 */
export function endpointTokenSource(url: string, options: EndpointOptions = {}): TokenSource {
  return async (request, { signal } = {}) => {
    const { status, text } = await postJson(url, requestBody(request), options, signal);
    if (status < 200 || status > 299) throw statusError(url, status);
    return parseConnectionDetails(text, request.roomName);
  };
}

/**
 * POSTs `body` as JSON to an endpoint: its status and text. Rejects with `token-request-timeout`
 * or `token-endpoint-unreachable` (or the abort, when `signal` aborts).
 */
export async function postJson(url: string, body: unknown, options: EndpointOptions = {}, signal?: AbortSignal): Promise<{ status: number; text: string }> {
  const { credentials = 'include', headers = {}, timeout = 10_000 } = options;
  const init = jsonPost(body, credentials, headers);
  // The same request the bundle may have started as it loaded (an `autojoin` call in the page).
  const early = options.fetch ? undefined : takeStarted(url, init);
  const timer = new AbortController();
  const timeoutId = setTimeout(() => timer.abort(), timeout);
  const abort = () => timer.abort();
  signal?.addEventListener('abort', abort, { once: true });
  if (early) timer.signal.addEventListener('abort', early.abort, { once: true });
  try {
    const response = await (early?.response ?? (options.fetch ?? globalThis.fetch.bind(globalThis))(url, { ...init, signal: timer.signal }));
    return { status: response.status, text: await response.text() };
  } catch (cause) {
    if (signal?.aborted) throw cause;
    if (timer.signal.aborted) {
      throw new VisioError('token-request-timeout', `The token endpoint ${url} did not answer within ${timeout} ms.`, { cause });
    }
    throw new VisioError('token-endpoint-unreachable', `The token endpoint ${url} could not be reached.`, { cause });
  } finally {
    clearTimeout(timeoutId);
    signal?.removeEventListener('abort', abort);
  }
}

/** The error for a token endpoint's answer `status` (not 2xx). */
export function statusError(url: string, status: number): VisioError {
  if (status === 401) return new VisioError('token-unauthorized', `The token endpoint ${url} answered 401: not signed in.`, { status });
  if (status === 403) return new VisioError('token-forbidden', `The token endpoint ${url} answered 403: not allowed in this room.`, { status });
  return new VisioError('token-request-failed', `The token endpoint ${url} answered with status ${status}.`, { status });
}

/**
 * Checks a token endpoint's answer: JSON, with a ws(s)/http(s) `server_url` and a JWT
 * `participant_token` that has not expired. Accepts the snake_case fields of the standard format
 * and the camelCase ones protobuf JSON also allows.
 */
export function parseConnectionDetails(text: string, roomName?: string): ConnectionDetails {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    const start = text.trimStart().slice(0, 40);
    throw new VisioError('token-response-not-json', `The token endpoint answered something that is not JSON ("${start}…").`, { cause });
  }
  return validateConnectionDetails(json, roomName);
}

export function validateConnectionDetails(json: unknown, roomName?: string): ConnectionDetails {
  const invalid = (why: string) => new VisioError('token-response-invalid', `The token endpoint's answer is invalid: ${why}.`);
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw invalid('not a JSON object');
  const record = json as Record<string, unknown>;
  const serverUrl = record.server_url ?? record.serverUrl;
  const participantToken = record.participant_token ?? record.participantToken;
  if (typeof serverUrl !== 'string' || serverUrl === '') throw invalid('"server_url" is missing');
  if (typeof participantToken !== 'string' || participantToken === '') throw invalid('"participant_token" is missing');
  let protocol: string;
  try {
    protocol = new URL(serverUrl).protocol;
  } catch {
    throw invalid(`"server_url" is not a URL (${serverUrl})`);
  }
  if (!['ws:', 'wss:', 'http:', 'https:'].includes(protocol)) throw invalid(`"server_url" must be ws(s) or http(s), not ${protocol}`);
  const claims = decodeJwtPayload(participantToken);
  if (!claims) throw invalid('"participant_token" is not a JWT');
  if (typeof claims.exp === 'number' && claims.exp * 1000 < Date.now()) {
    throw new VisioError('token-expired', `The token expired at ${new Date(claims.exp * 1000).toISOString()}.`);
  }
  const grantRoom = (claims.video as { room?: unknown } | undefined)?.room;
  if (roomName !== undefined && typeof grantRoom === 'string' && grantRoom !== roomName) {
    throw invalid(`the token is for room "${grantRoom}", not "${roomName}"`);
  }
  return { serverUrl, participantToken };
}

/** The claims of a JWT, without verifying it (only the server can). `undefined` if malformed. */
export function decodeJwtPayload(token: string): Record<string, unknown> | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const base64 = parts[1].replace(/-/g, '+').replace(/_/g, '/');
    const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
    const bytes = Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
    const payload: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
