import { RoomEvent, type RemoteParticipant } from 'livekit-client';
import { VisioError, type VisioErrorCode } from '../errors.js';
import { isRoomHost } from '../participants.js';
import { once, type Unsubscribe } from '../subscribe.js';
import { validateConnectionDetails, type ConnectionDetails, type TokenRequest } from '../token-source.js';
import { decodeJson } from '../untrusted.js';
import type { AssignableRole, BackendCall, CallBackend, CredentialsOptions, RecordingMode, WaitingParticipant } from './backend.js';

// La Suite Meet's REST API (github.com/suitenumerique/meet). Each call below follows the route
// of `src/backend/core/api/viewsets.py` (RoomViewSet) and the client of
// `src/frontend/src/features/` named next to it. Two kinds of call:
// - session calls: the Meet session cookie (and the lobby's `lobbyParticipantId` cookie), plus
//   `X-CSRFToken` from the `csrftoken` cookie, as Meet's own client sends (src/frontend/src/api/fetchApi.ts);
// - calls authenticated by the LiveKit token of the join (`Authorization: Bearer <JWT>`,
//   src/backend/core/authentication/livekit.py), which need no cookie.

export interface MeetBackendOptions {
  /**
   * Meet's REST base, ending in `/`: `https://visio.example.fr/api/v1.0/`, or the portal's
   * same-site proxy of it (`/visio-api/v1.0/`), which session calls need when Meet is on
   * another site (see the guide's "La Suite Meet" section).
   */
  api: string;
  /** The Meet room: its id or slug. Default: the room name the element was given. */
  room?: string;
  /** Cookies sent with each call. Default `'include'` (Meet's session and lobby cookies). */
  credentials?: RequestCredentials;
  /** For tests and exotic environments. Default: the global `fetch`. */
  fetch?: typeof fetch;
  /**
   * The CSRF token session calls send as `X-CSRFToken`. Default: the `csrftoken` cookie, when the
   * page can read it (Meet, or its proxy, on the page's own host).
   */
  csrf?: string | (() => string | undefined);
}

/** How often the lobby is polled, as Meet's client does (useLobby.ts, useWaitingParticipants.ts). */
const POLL_MS = 1000;
/** Meet's client stops knocking after 10 minutes (useLobby.ts WAIT_TIMEOUT_MS). */
const LOBBY_TIMEOUT_MS = 10 * 60_000;
/** Consecutive failed knocks before giving up (a restart of Meet, a dropped connection). */
const KNOCK_RETRIES = 5;
/** Waiting people kept from one answer: the list is untrusted input. */
const MAX_WAITING = 200;
const MAX_WAITING_NAME = 255;

type Auth = 'session' | 'bearer';

interface MeetCall {
  method?: 'GET' | 'POST';
  body?: unknown;
  /** The LiveKit token, for calls Meet authenticates by it. */
  bearer?: string;
  signal?: AbortSignal;
}

interface MeetAnswer {
  status: number;
  json: unknown;
}

/** The failure of one Meet call, as `code`, keeping the HTTP status. */
function failure(code: VisioErrorCode, what: string, status?: number, cause?: unknown): VisioError {
  const message = status === undefined ? `${what}: La Suite Meet could not be reached.` : `${what}: La Suite Meet answered ${status}.`;
  return new VisioError(code, message, { status, cause });
}

function record(json: unknown): Record<string, unknown> | undefined {
  return typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : undefined;
}

/** `{url, room, token}` of an answer, as connection details; `undefined` when absent. */
function livekitOf(json: unknown): ConnectionDetails | undefined {
  const livekit = record(record(json)?.livekit);
  if (!livekit) return undefined;
  return validateConnectionDetails({ server_url: livekit.url, participant_token: livekit.token }, typeof livekit.room === 'string' ? livekit.room : undefined);
}

function csrfCookie(): string | undefined {
  if (typeof document === 'undefined') return undefined;
  try {
    const found = document.cookie
      .split(';')
      .map((cookie) => cookie.trim())
      .filter((cookie) => cookie.startsWith('csrftoken='))
      .pop();
    return found ? decodeURIComponent(found.slice('csrftoken='.length)) : undefined;
  } catch {
    return undefined;
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** The people of a `waiting-participants/` answer; malformed entries are left out. */
function waitingOf(json: unknown): WaitingParticipant[] {
  const list = record(json)?.participants;
  if (!Array.isArray(list)) return [];
  const waiting: WaitingParticipant[] = [];
  for (const entry of list.slice(0, MAX_WAITING)) {
    const person = record(entry);
    if (!person || typeof person.id !== 'string' || typeof person.username !== 'string') continue;
    if (person.status !== undefined && person.status !== 'waiting') continue;
    const color = typeof person.color === 'string' && person.color.length <= 64 ? person.color : undefined;
    waiting.push({ id: person.id, name: person.username.slice(0, MAX_WAITING_NAME), ...(color ? { color } : {}) });
  }
  return waiting;
}

/**
 * A backend for La Suite Meet (Visio): credentials from its room API, the lobby (knock, and for
 * hosts the waiting list and admission), raising a hand and renaming (Meet's tokens do not grant
 * `canUpdateOwnMetadata`: its server writes them), moderation and recording.
 *
 * `<visio-call meet-api="/visio-api/v1.0/" room="…">` makes one. Session calls (the lobby's
 * cookie, a host's actions) need Meet's cookies: across sites (two `*.gouv.fr` services are two
 * sites) they only reach Meet through a same-site proxy of the portal.
 */
export function meetBackend(options: MeetBackendOptions): CallBackend {
  const base = options.api.endsWith('/') ? options.api : `${options.api}/`;
  const credentials = options.credentials ?? 'include';
  /** The Meet room id each join's token belongs to (its API answer's `id`), by token. */
  const roomIds = new Map<string, string>();

  const csrf = () => (typeof options.csrf === 'function' ? options.csrf() : (options.csrf ?? csrfCookie()));

  async function meet(path: string, { method = 'GET', body, bearer, signal }: MeetCall): Promise<MeetAnswer> {
    const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (bearer) headers.Authorization = `Bearer ${bearer}`;
    const token = method === 'POST' ? csrf() : undefined;
    if (token) headers['X-CSRFToken'] = token;
    const response = await doFetch(`${base}${path}`, {
      method,
      credentials,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: response.status, json };
  }

  /** One call that must succeed (2xx); any other answer, or none, is `code`. */
  async function act(code: VisioErrorCode, what: string, path: string, call: MeetCall): Promise<MeetAnswer> {
    let answer: MeetAnswer;
    try {
      answer = await meet(path, call);
    } catch (cause) {
      throw failure(code, what, undefined, cause);
    }
    if (answer.status < 200 || answer.status > 299) throw failure(code, what, answer.status);
    return answer;
  }

  const roomOf = (request: TokenRequest) => options.room ?? request.roomName;
  const room = (call: BackendCall) => encodeURIComponent(roomIds.get(call.token) ?? options.room ?? call.roomName);
  const remember = (details: ConnectionDetails, id: unknown, fallback: string) => {
    if (roomIds.size > 16) roomIds.delete(roomIds.keys().next().value as string);
    roomIds.set(details.participantToken, typeof id === 'string' && id ? id : fallback);
    return details;
  };

  /** GET rooms/{id}/?username= (RoomViewSet.retrieve; fetchRoom.ts): credentials when the user may enter directly. */
  async function credentialsOf(request: TokenRequest, { signal, waiting }: CredentialsOptions): Promise<ConnectionDetails> {
    const slug = roomOf(request);
    if (!slug) throw new VisioError('configuration-invalid', 'No Meet room was given.');
    const name = request.participantName;
    const query = name ? `?username=${encodeURIComponent(name)}` : '';
    let answer: MeetAnswer;
    try {
      answer = await meet(`rooms/${encodeURIComponent(slug)}/${query}`, { signal });
    } catch (cause) {
      if (signal?.aborted) throw cause;
      throw new VisioError('token-endpoint-unreachable', `La Suite Meet (${base}) could not be reached.`, { cause });
    }
    if (answer.status === 401) throw new VisioError('token-unauthorized', 'La Suite Meet answered 401: not signed in.', { status: 401 });
    if (answer.status === 403) throw new VisioError('token-forbidden', 'La Suite Meet answered 403: not allowed in this room.', { status: 403 });
    if (answer.status < 200 || answer.status > 299) {
      throw new VisioError('token-request-failed', `La Suite Meet answered ${answer.status} for room "${slug}".`, { status: answer.status });
    }
    const info = record(answer.json);
    if (!info) throw new VisioError('token-response-invalid', 'La Suite Meet answered something that is not a room.');
    const direct = livekitOf(info);
    const id = typeof info.id === 'string' && info.id ? info.id : slug;
    if (direct) return remember(direct, id, slug);
    return remember(await knock(id, name ?? '', { signal, waiting }), id, slug);
  }

  /**
   * POST rooms/{id}/request-entry/ {username} every second (RoomViewSet.request_entry,
   * services/lobby.py; useLobby.ts): `waiting` until a host decides, `accepted` with the
   * credentials, or `denied`. Meet forgets a waiter who stops polling for 3 s.
   */
  async function knock(id: string, username: string, { signal, waiting }: CredentialsOptions): Promise<ConnectionDetails> {
    const deadline = Date.now() + LOBBY_TIMEOUT_MS;
    let announced = false;
    let failures = 0;
    for (;;) {
      if (signal?.aborted) throw new DOMException('Stopped knocking.', 'AbortError');
      let answer: MeetAnswer | undefined;
      try {
        answer = await meet(`rooms/${encodeURIComponent(id)}/request-entry/`, { method: 'POST', body: { username }, signal });
      } catch (cause) {
        if (signal?.aborted) throw cause;
        if (++failures >= KNOCK_RETRIES) throw failure('entry-timeout', 'Knocking', undefined, cause);
      }
      if (answer) {
        const { status, json } = answer;
        // 429: Meet's throttle (150 knocks a minute); knock again at the next turn.
        if ((status < 200 || status > 299) && status !== 429) {
          if (status === 403) throw failure('token-forbidden', 'Knocking', status);
          if (status < 500) throw failure('token-request-failed', 'Knocking', status);
          if (++failures >= KNOCK_RETRIES) throw failure('entry-timeout', 'Knocking', status);
        } else if (status !== 429) {
          failures = 0;
          const state = record(json)?.status;
          if (state === 'accepted') {
            const details = livekitOf(json);
            if (details) return details;
          } else if (state === 'denied') {
            throw new VisioError('entry-denied', 'A host turned the user away from the lobby.', { status });
          } else if (!announced) {
            announced = true;
            waiting?.();
          }
        }
      }
      if (Date.now() + POLL_MS > deadline) throw new VisioError('entry-timeout', 'Nobody let the user in within 10 minutes.');
      await sleep(POLL_MS, signal);
    }
  }

  return {
    credentials: credentialsOf,

    /** POST rooms/{id}/toggle-hand/ {raised}, Bearer (RoomViewSet.toggle_hand; updateRaiseHand.ts): Meet writes `handRaisedAt`. */
    async setHandRaised(call, raised) {
      await act('hand-raise-failed', 'Raising the hand', `rooms/${room(call)}/toggle-hand/`, { method: 'POST', body: { raised }, bearer: call.token });
    },

    /** POST rooms/{id}/rename/ {name}, Bearer (RoomViewSet.rename; renameParticipant.ts). */
    async rename(call, name) {
      await act('rename-failed', 'Renaming', `rooms/${room(call)}/rename/`, { method: 'POST', body: { name }, bearer: call.token });
    },

    /**
     * GET rooms/{id}/waiting-participants/ every second, session, owner or administrator
     * (RoomViewSet.list_waiting_participants; useWaitingParticipants.ts), and at once when Meet's
     * server announces a new waiter (`{"type":"participantWaiting"}`, sent by the server: a packet
     * from a participant is ignored).
     */
    watchLobby(call: BackendCall, listener: (waiting: WaitingParticipant[]) => void, onError: (error: unknown) => void): Unsubscribe {
      let stopped = false;
      let inFlight = false;
      let last: string | undefined;
      let lastError: number | undefined | null = null;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const poll = async () => {
        if (stopped || inFlight) return;
        inFlight = true;
        clearTimeout(timer);
        try {
          const answer = await act('moderation-failed', 'Listing the lobby', `rooms/${room(call)}/waiting-participants/`, {});
          lastError = null;
          const waiting = waitingOf(answer.json);
          const key = JSON.stringify(waiting);
          if (!stopped && key !== last) {
            last = key;
            listener(waiting);
          }
        } catch (error) {
          // Reported once per kind of failure; a host who may not see the lobby stops asking.
          const status = (error as VisioError).status;
          if (!stopped && status !== lastError) onError(error);
          lastError = status;
          if (status === 401 || status === 403) stopped = true;
        } finally {
          inFlight = false;
          if (!stopped) timer = setTimeout(() => void poll(), POLL_MS);
        }
      };
      const onData = (payload: Uint8Array, participant?: RemoteParticipant) => {
        if (participant) return;
        if (record(decodeJson(payload))?.type === 'participantWaiting') void poll();
      };
      call.room.on(RoomEvent.DataReceived, onData);
      void poll();
      return once(() => {
        stopped = true;
        clearTimeout(timer);
        call.room.off(RoomEvent.DataReceived, onData);
      });
    },

    /** POST rooms/{id}/enter/ {participant_id, allow_entry}, session, host (RoomViewSet.allow_participant_to_enter; enterRoom.ts). */
    async admit(call, waitingId, allow) {
      await act('moderation-failed', allow ? 'Letting someone in' : 'Turning someone away', `rooms/${room(call)}/enter/`, {
        method: 'POST',
        body: { participant_id: waitingId, allow_entry: allow },
      });
    },

    /**
     * POST rooms/{id}/mute-participant/ {participant_identity, track_sid} (RoomViewSet.mute_participant,
     * permissions.CanMuteParticipant; muteParticipant.ts), then `{"type":"participantMuted"}` to the
     * person muted, as Meet's client does. Hosts call with their session (Meet refuses a host's
     * Bearer call when the room turned `everyone_can_mute` off); others with the LiveKit token.
     */
    async muteTrack(call, identity, trackSid) {
      const auth: Auth = isRoomHost(call.room.localParticipant) ? 'session' : 'bearer';
      await act('moderation-failed', 'Muting', `rooms/${room(call)}/mute-participant/`, {
        method: 'POST',
        body: { participant_identity: identity, track_sid: trackSid },
        bearer: auth === 'bearer' ? call.token : undefined,
      });
      const notice = new TextEncoder().encode(JSON.stringify({ type: 'participantMuted' }));
      // The track is muted either way; only the notice to them is lost if this fails.
      await call.room.localParticipant.publishData(notice, { reliable: true, destinationIdentities: [identity] }).catch(() => undefined);
    },

    /** POST rooms/{id}/remove-participant/ {participant_identity}, session, host (RoomViewSet.remove_participant; removeParticipant.ts). */
    async removeParticipant(call, identity) {
      await act('moderation-failed', 'Removing someone', `rooms/${room(call)}/remove-participant/`, {
        method: 'POST',
        body: { participant_identity: identity },
      });
    },

    /** POST rooms/{id}/update-participant/ with `handRaisedAt: ""`, session, host (RoomViewSet.update_participant; lowerHandParticipant.ts). */
    async lowerHand(call, identity) {
      await act('moderation-failed', 'Lowering a hand', `rooms/${room(call)}/update-participant/`, {
        method: 'POST',
        body: { participant_identity: identity, attributes: { handRaisedAt: '' } },
      });
    },

    /** POST rooms/{id}/update-participant-role/ {participant_identity, role}, session, host in the call (RoomViewSet.update_participant_role; updateParticipantRole.ts). */
    async setRole(call, identity, role: AssignableRole) {
      await act('moderation-failed', 'Changing a role', `rooms/${room(call)}/update-participant-role/`, {
        method: 'POST',
        body: { participant_identity: identity, role },
      });
    },

    /** POST rooms/{id}/start-recording/ {mode}, session, host: 201; 409 when one runs, 502 when the worker fails (RoomViewSet.start_room_recording; startRecording.ts). */
    async startRecording(call, mode: RecordingMode) {
      await act('recording-failed', 'Starting the recording', `rooms/${room(call)}/start-recording/`, { method: 'POST', body: { mode } });
    },

    /** POST rooms/{id}/stop-recording/, session, host (RoomViewSet.stop_room_recording; stopRecording.ts). */
    async stopRecording(call) {
      await act('recording-failed', 'Stopping the recording', `rooms/${room(call)}/stop-recording/`, { method: 'POST' });
    },
  };
}
