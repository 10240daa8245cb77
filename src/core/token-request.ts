/**
 * A token request as it goes to an endpoint (body and fetch options), and the requests a page
 * started before the code that makes them had loaded. This module imports nothing: the
 * self-contained bundle evaluates it first (src/internal/bundle-start.ts), before
 * livekit-client and the elements.
 */

/** What the element asks a token source for. */
export interface TokenRequest {
  roomName: string;
  participantName?: string;
  participantIdentity?: string;
  participantMetadata?: string;
  participantAttributes?: Record<string, string>;
}

/** The body of a token request, in the standard format's snake_case fields. */
export function requestBody(request: TokenRequest) {
  const body: Record<string, unknown> = { room_name: request.roomName };
  if (request.participantName !== undefined) body.participant_name = request.participantName;
  if (request.participantIdentity !== undefined) body.participant_identity = request.participantIdentity;
  if (request.participantMetadata !== undefined) body.participant_metadata = request.participantMetadata;
  if (request.participantAttributes !== undefined) body.participant_attributes = request.participantAttributes;
  return body;
}

/** The fetch options of a JSON `POST` to an endpoint (without its abort signal). */
export function jsonPost(body: unknown, credentials: RequestCredentials, headers: Record<string, string>): RequestInit {
  return {
    method: 'POST',
    credentials,
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...headers },
    body: JSON.stringify(body),
  };
}

/** How long a request started early waits to be taken (the token endpoint's own timeout). */
const KEPT = 10_000;

interface Started {
  response: Promise<Response>;
  abort(): void;
}

/** Requests started early, by what they send. */
const started = new Map<string, Started>();

const keyOf = (url: string, init: RequestInit) => JSON.stringify([new URL(url, document.baseURI).href, init.method, init.credentials, init.headers, init.body]);

/**
 * Starts `fetch(url, init)` now, for the first {@link takeStarted} with the same request. Its
 * failure is left to that caller: none reaches the page as an unhandled rejection.
 */
export function startEarly(url: string, init: RequestInit): void {
  const key = keyOf(url, init);
  if (started.has(key)) return;
  const controller = new AbortController();
  const response = fetch(url, { ...init, signal: controller.signal });
  response.catch(() => undefined);
  const request = { response, abort: () => controller.abort() };
  started.set(key, request);
  setTimeout(() => started.get(key) === request && started.delete(key), KEPT);
}

/** The request started early that sends exactly this, once; else undefined. */
export function takeStarted(url: string, init: RequestInit): Started | undefined {
  if (started.size === 0) return undefined;
  const key = keyOf(url, init);
  const request = started.get(key);
  started.delete(key);
  return request;
}
