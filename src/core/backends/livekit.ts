import { RoomEvent, type RemoteParticipant } from 'livekit-client';
import { VisioError, type VisioErrorCode } from '../errors.js';
import { isRoomHost } from '../participants.js';
import { once } from '../subscribe.js';
import {
  parseConnectionDetails,
  postJson,
  requestBody,
  statusError,
  type ConnectionDetails,
  type EndpointOptions,
  type TokenRequest,
} from '../token-source.js';
import { decodeJson } from '../untrusted.js';
import type { AssignableRole, BackendCall, CallBackend, CredentialsOptions, WaitingParticipant } from './backend.js';

export interface LivekitBackendOptions {
  /** The token endpoint (LiveKit's standard format; the reference server's answers `202 waiting` to knock). */
  tokenEndpoint: string;
  /**
   * The moderation endpoint beside it (the reference server's `/api/moderation`): `POST
   * {moderationEndpoint}/{action}` with the call's LiveKit token as `Authorization: Bearer`.
   * Without it, the backend gives credentials only (and knocks, where the endpoint has a lobby).
   */
  moderationEndpoint?: string;
  /**
   * The check endpoint (the reference server's `/api/check`): `POST` JSON `{room_name}` →
   * `{server_url, participant_token}`, a short-lived token with LiveKit's `hidden` grant and no
   * right to publish, for a throwaway room. The prejoin's connection check uses it; without it
   * the check says the connection could not be tested.
   */
  checkEndpoint?: string;
  /** Cookies sent to the token endpoint: `include` (default), `same-origin` or `omit`. */
  credentials?: RequestCredentials;
  /** Extra headers for the token endpoint (a CSRF token…). */
  headers?: Record<string, string>;
  /** For tests and exotic environments. Default: the global `fetch`. */
  fetch?: typeof fetch;
  /** Milliseconds between two polls of the lobby (waiting, and a host's list). Default 1 000. */
  pollInterval?: number;
  /** How long a guest waits to be let in before `entry-timeout`, in milliseconds. Default ten minutes. */
  waitLimit?: number;
}

/** The data packet (`{"type":"participantWaiting"}`, no topic) the server sends the hosts on each new waiter, as La Suite Meet's does. */
export const PARTICIPANT_WAITING = 'participantWaiting';

/** The longest name or id the lobby list keeps from the server's answer, and how many people it shows. */
const MAX_WAITING_TEXT = 255;
const MAX_WAITING = 100;

/**
 * The backend for the reference server (demo/token-endpoint.mjs) and any server that follows its
 * contract (docs/guide.md, "The reference server"): credentials from the token endpoint (knocking
 * in a room with a lobby), and through the moderation endpoint the raised hand, renaming, the
 * lobby for hosts, and host actions. `<visio-call token-endpoint=… moderation-endpoint=…>` makes
 * one.
 */
export function livekitBackend(options: LivekitBackendOptions): CallBackend {
  const { tokenEndpoint, moderationEndpoint, checkEndpoint, credentials = 'include', headers = {}, pollInterval = 1_000, waitLimit = 10 * 60_000 } = options;
  const endpoint: EndpointOptions = { credentials, headers, fetch: options.fetch };

  const backend: CallBackend = {
    credentials: (request, { signal, waiting }) => knock(request, signal, waiting),
    ...(checkEndpoint
      ? {
          checkCredentials: async (request: TokenRequest, { signal }: { signal?: AbortSignal }) => {
            const { status, text } = await postJson(checkEndpoint, { room_name: request.roomName }, endpoint, signal);
            if (status < 200 || status > 299) throw statusError(checkEndpoint, status);
            return parseConnectionDetails(text);
          },
        }
      : {}),
  };
  if (!moderationEndpoint) return backend;

  /** POSTs `body` to `{moderationEndpoint}/{action}` as the call's participant; the answer's JSON, or a VisioError `code`. */
  const moderate = async (call: BackendCall, action: string, body: Record<string, unknown>, code: VisioErrorCode, signal?: AbortSignal) => {
    const url = `${moderationEndpoint.replace(/\/+$/, '')}/${action}`;
    let answer: { status: number; text: string };
    try {
      answer = await postJson(url, body, { credentials: 'same-origin', fetch: options.fetch, headers: { Authorization: `Bearer ${callToken(call)}` } }, signal);
    } catch (cause) {
      if (signal?.aborted) throw cause;
      throw new VisioError(code, `The moderation endpoint ${url} could not be reached.`, { cause });
    }
    if (answer.status !== 200) {
      const reason = errorField(answer.text);
      throw new VisioError(code, `The moderation endpoint refused ${action} (${answer.status}${reason ? ` ${reason}` : ''}).`, { status: answer.status });
    }
    return jsonObject(answer.text) ?? {};
  };

  return {
    ...backend,
    setHandRaised: async (call, raised) => void (await moderate(call, 'hand', { raised }, 'hand-raise-failed')),
    rename: async (call, name) => void (await moderate(call, 'rename', { name }, 'rename-failed')),
    muteTrack: async (call, identity, trackSid) =>
      void (await moderate(call, 'mute', { participant_identity: identity, track_sid: trackSid }, 'moderation-failed')),
    removeParticipant: async (call, identity) => void (await moderate(call, 'remove', { participant_identity: identity }, 'moderation-failed')),
    lowerHand: async (call, identity) => void (await moderate(call, 'lower-hand', { participant_identity: identity }, 'moderation-failed')),
    setRole: async (call, identity, role: AssignableRole) => void (await moderate(call, 'role', { participant_identity: identity, role }, 'moderation-failed')),
    admit: async (call, waitingId, allow) => void (await moderate(call, 'admit', { waiting_id: waitingId, allow }, 'moderation-failed')),
    watchLobby: (call, listener, onError) => {
      const stop = new AbortController();
      let timer: ReturnType<typeof setTimeout> | undefined;
      let last = '';
      let polling = false;
      let again = false;
      const poll = async (): Promise<void> => {
        clearTimeout(timer);
        if (stop.signal.aborted) return;
        if (polling) {
          again = true;
          return;
        }
        polling = true;
        try {
          // Only a host may list the lobby: someone made a member stops asking (and sees nobody).
          const waiting = isRoomHost(call.room.localParticipant) ? waitingList(await moderate(call, 'lobby', {}, 'moderation-failed', stop.signal)) : [];
          const key = JSON.stringify(waiting);
          if (key !== last && !stop.signal.aborted) {
            last = key;
            listener(waiting);
          }
        } catch (error) {
          if (!stop.signal.aborted) onError(error);
        } finally {
          polling = false;
        }
        if (stop.signal.aborted) return;
        if (again) {
          again = false;
          return poll();
        }
        timer = setTimeout(() => void poll(), pollInterval);
      };
      // The server's packet on each new waiter: ask at once rather than at the next tick.
      const onData = (payload: Uint8Array, participant?: RemoteParticipant, _kind?: unknown, topic?: string) => {
        // From the server only (no participant), untrusted all the same.
        if (participant || topic) return;
        const message = decodeJson(payload);
        if (typeof message === 'object' && message !== null && (message as { type?: unknown }).type === PARTICIPANT_WAITING) void poll();
      };
      call.room.on(RoomEvent.DataReceived, onData);
      void poll();
      return once(() => {
        stop.abort();
        clearTimeout(timer);
        call.room.off(RoomEvent.DataReceived, onData);
      });
    },
  };

  /**
   * Asks the token endpoint for credentials; while it answers `202 waiting`, tells `waiting` once
   * and asks again every `pollInterval` with the `waiting_id` it was given.
   */
  async function knock(request: TokenRequest, signal?: AbortSignal, waiting?: CredentialsOptions['waiting']): Promise<ConnectionDetails> {
    const started = Date.now();
    let waitingId: string | undefined;
    for (;;) {
      const body = { ...requestBody(request), ...(waitingId ? { waiting_id: waitingId } : {}) };
      const { status, text } = await postJson(tokenEndpoint, body, endpoint, signal);
      const json = jsonObject(text);
      if (status === 202 && typeof json?.waiting_id === 'string' && json.waiting_id.length <= 64) {
        if (!waitingId) waiting?.();
        waitingId = json.waiting_id;
        if (Date.now() - started > waitLimit) throw new VisioError('entry-timeout', 'Nobody let you into the call in time.');
        await sleep(pollInterval, signal);
        continue;
      }
      if (status === 403 && json?.error === 'entry_denied') throw new VisioError('entry-denied', 'A host did not let you into the call.', { status });
      // Forgotten (the tab slept through its polls): knock again.
      if (status === 410 && waitingId) {
        waitingId = undefined;
        continue;
      }
      if (status < 200 || status > 299) throw statusError(tokenEndpoint, status);
      return parseConnectionDetails(text, request.roomName);
    }
  }
}

/**
 * The call's LiveKit token now: LiveKit refreshes the token of a connected participant before the
 * one it joined with expires, and the server verifies its expiry.
 */
function callToken(call: BackendCall): string {
  const refreshed = (call.room.engine as unknown as { token?: unknown } | undefined)?.token;
  return typeof refreshed === 'string' && refreshed ? refreshed : call.token;
}

/** A JSON object from an untrusted answer, or undefined. */
function jsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const json: unknown = JSON.parse(text);
    return typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The `error` of a refusal, for the message (a short word, or nothing). */
function errorField(text: string): string {
  const error = jsonObject(text)?.error;
  return typeof error === 'string' && /^[\w-]{1,40}$/.test(error) ? error : '';
}

/** The waiting list from the server's (untrusted) answer: well-formed entries only, bounded. */
function waitingList(answer: Record<string, unknown>): WaitingParticipant[] {
  const list = Array.isArray(answer.waiting) ? (answer.waiting as unknown[]) : [];
  const text = (value: unknown) => (typeof value === 'string' ? value.slice(0, MAX_WAITING_TEXT) : undefined);
  return list
    .map((entry) => (typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>) : {}))
    .map((entry) => ({ id: text(entry.id), name: text(entry.name) ?? '' }))
    .filter((entry): entry is WaitingParticipant => !!entry.id)
    .slice(0, MAX_WAITING);
}

/** Resolves after `ms`, or rejects with the abort when `signal` aborts first. */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
