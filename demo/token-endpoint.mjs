// The reference token endpoint: LiveKit's standard token-endpoint format, signed with
// livekit-server-sdk. A portal writes its own (it knows who the user is and which rooms they may
// join); this one shows the contract, and serves the demo and the tests.
//
//   POST application/json {room_name, participant_name?, participant_attributes?}
//   200  {server_url, participant_token}
//   400  {error: "invalid_request", message}          the body is not what this contract says
//   405  {error: "method_not_allowed", message}       anything but POST
//   413  {error: "payload_too_large", message}        a body over 16 KiB
//   415  {error: "unsupported_media_type", message}   a Content-Type other than application/json
//
// What the browser sends is the user's say, never the portal's, so little of it is signed:
// - the identity is made here, unique per request (`<name-slug>-<random>`): a `participant_identity`
//   sent by the browser is ignored (anyone could send another person's identity, and LiveKit
//   disconnects the older of two participants with the same identity);
// - `room_name` must match ROOM_NAME_PATTERN (letters, digits, `-`, `_`; at most 128);
// - `participant_name` is at most 128 characters, control and bidirectional-override characters
//   removed (they could hide or reverse what other participants read);
// - `participant_metadata` is never signed: metadata is what a portal vouches for (a role, a
//   user id), and everyone in the room reads it. Put it in the token from your own data;
// - `participant_attributes` are signed only for the keys the endpoint is configured with
//   (`attributeKeys`, none by default), never a key starting with `lk.` (LiveKit's own, such as
//   `lk.agent.state`), each value at most 256 characters; any other key is dropped.
// JSON only: a cross-site page cannot send `Content-Type: application/json` without a CORS
// preflight, which this endpoint never grants. Tokens are valid for ten minutes: long enough to
// join, and LiveKit refreshes them for a connected participant.
//
// Roles and the lobby (see docs/guide.md, "The reference server's moderation endpoint"):
// - tokens do not grant `canUpdateOwnMetadata` (a participant could otherwise write its own
//   `room_role`, or any hand time): the server writes the attributes, through the moderation
//   endpoint (`createCallEndpoints`);
// - every token carries a `room_role` attribute the server chose: `role()` (the deployer's own rule,
//   from its own sign-in) when given, else the reference rule: whoever opens an empty room is its
//   `owner` (nobody in it, and no owner token given for it in the last 30 s), everyone else a
//   `member`. When LiveKit cannot say who is in the room, nobody becomes owner;
// - in a room with a lobby (`lobby(room)` true), a `member` knocks: the answer is
//   202 {status: "waiting", waiting_id}, and the browser asks again with the same body plus
//   `waiting_id` (about once a second) until it gets 200 (let in), 403 `entry_denied` or
//   410 `entry_expired` (forgotten: it stopped asking for a few seconds).
import { randomBytes } from 'node:crypto';
import { AccessToken, DataPacket_Kind, RoomServiceClient, TokenVerifier } from 'livekit-server-sdk';
import { Lobby } from './lobby.mjs';

export const TOKEN_TTL_SECONDS = 600;
export const MAX_BODY_BYTES = 16 * 1024;
/** Room names this endpoint signs for: a letter or digit, then up to 127 letters, digits, `-` or `_`. */
export const ROOM_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;
export const MAX_NAME_LENGTH = 128;
export const MAX_ATTRIBUTE_LENGTH = 256;
/** A new name given during the call: 1 to 255 characters, as La Suite Meet allows. */
export const MAX_RENAME_LENGTH = 255;
/** The attribute holding the role the server gave (La Suite Meet's name). */
export const ROOM_ROLE = 'room_role';
/** The attribute holding when a hand was raised (ISO time), or "" (La Suite Meet's name). */
export const HAND_RAISED_AT = 'handRaisedAt';
/** Attributes only the server writes: never from the browser, whatever `attributeKeys` says. */
const SERVER_ATTRIBUTES = new Set([ROOM_ROLE, HAND_RAISED_AT]);
/** How long an owner token holds the room for its holder to join (ms): nobody else becomes owner meanwhile. */
export const OWNER_CLAIM_MS = 30_000;
/** Moderation requests per participant per 10 s. */
export const MODERATION_RATE = 30;

/** C0 and C1 controls (newlines, tabs, escape…), and the bidirectional embeddings, overrides and isolates. */
const CONTROL_CHARACTERS = /[\p{Cc}\u202A-\u202E\u2066-\u2069]+/gu;

class InvalidRequest extends Error {}

function optionalString(body, field, limit) {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new InvalidRequest(`${field} must be a string`);
  if (value.length > limit) throw new InvalidRequest(`${field} is longer than ${limit} characters`);
  return value;
}

function roomName(body) {
  const room = body.room_name;
  if (room === undefined || room === null || room === '') throw new InvalidRequest('room_name is required');
  if (typeof room !== 'string') throw new InvalidRequest('room_name must be a string');
  if (!ROOM_NAME_PATTERN.test(room)) {
    throw new InvalidRequest('room_name must be 1 to 128 ASCII letters, digits, "-" or "_", starting with a letter or a digit');
  }
  return room;
}

/** `name` without control characters and with its spaces collapsed, or undefined when nothing is left. */
function cleanName(name) {
  return name?.replace(CONTROL_CHARACTERS, ' ').replace(/\s+/g, ' ').trim() || undefined;
}

/** The display name, cleaned (see `cleanName`), or undefined. */
function participantName(body) {
  return cleanName(optionalString(body, 'participant_name', MAX_NAME_LENGTH));
}

/** The attributes whose keys are allowed, or undefined if none is left. */
function attributes(body, allowed) {
  const value = body.participant_attributes;
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value) || !Object.values(value).every((v) => typeof v === 'string')) {
    throw new InvalidRequest('participant_attributes must be an object of strings');
  }
  const kept = Object.entries(value).filter(([key]) => allowed.has(key));
  for (const [key, v] of kept) {
    if (v.length > MAX_ATTRIBUTE_LENGTH) throw new InvalidRequest(`participant_attributes.${key} is longer than ${MAX_ATTRIBUTE_LENGTH} characters`);
  }
  return kept.length ? Object.fromEntries(kept) : undefined;
}

/** A JSON object from a request body; throws InvalidRequest otherwise. */
function parseObject(text) {
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    throw new InvalidRequest('the body must be JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new InvalidRequest('the body must be a JSON object');
  return body;
}

/** Parses and checks a request body; throws InvalidRequest with what is wrong. */
function parseRequest(text, allowedAttributes) {
  const body = parseObject(text);
  return {
    room: roomName(body),
    name: participantName(body),
    attributes: attributes(body, allowedAttributes),
    waitingId: optionalString(body, 'waiting_id', 64),
  };
}

/** Whether a Content-Type header names JSON (`application/json`, with or without parameters). */
function isJson(contentType) {
  return typeof contentType === 'string' && contentType.split(';')[0].trim().toLowerCase() === 'application/json';
}

/** A readable, unique identity: `camille-martin-3f9a1c2b7d4e`. */
export function uniqueIdentity(name) {
  const slug = (name ?? 'guest')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 32);
  return `${slug || 'guest'}-${randomBytes(6).toString('hex')}`;
}

/** A JSON answer. */
const answer = (status, body) => ({ status, body });
const refusal = (status, error, message) => answer(status, { error, message });

/** The checks every POST of JSON gets: method, Content-Type, size. An answer when it fails them. */
function refuseMalformed({ method, contentType, body }) {
  if (method !== 'POST') return refusal(405, 'method_not_allowed', 'use POST');
  if (!isJson(contentType)) return refusal(415, 'unsupported_media_type', 'send the body as JSON, with Content-Type: application/json');
  if (Buffer.byteLength(body, 'utf8') > MAX_BODY_BYTES) return refusal(413, 'payload_too_large', `the body must be at most ${MAX_BODY_BYTES} bytes`);
  return undefined;
}

/** Allows at most `max` calls per `windowMs` per key; the keys it keeps are bounded by `maxKeys`. */
export function rateLimiter(max, windowMs, now, maxKeys = 10_000) {
  const times = new Map();
  return (key) => {
    const t = now();
    const recent = (times.get(key) ?? []).filter((time) => t - time < windowMs);
    if (recent.length >= max) return false;
    if (!times.has(key) && times.size >= maxKeys) {
      for (const [k, v] of times) if (!v.some((time) => t - time < windowMs)) times.delete(k);
      if (times.size >= maxKeys) return false;
    }
    recent.push(t);
    times.set(key, recent);
    return true;
  };
}

const ROLES = ['owner', 'administrator', 'member'];
const isHost = (role) => role === 'owner' || role === 'administrator';

/**
 * The reference server's logic, independent of any HTTP framework: the token endpoint, and the
 * moderation endpoint beside it (self-service and host actions, the lobby), sharing one lobby.
 *
 * @param {{
 *   apiKey: string, apiSecret: string, serverUrl: string, ttlSeconds?: number, attributeKeys?: string[],
 *   apiUrl?: string,
 *   lobby?: (room: string) => boolean,
 *   role?: (request: { room: string, name?: string, identity: string, headers: Record<string, string | string[] | undefined> }) =>
 *     'owner' | 'administrator' | 'member' | undefined | Promise<'owner' | 'administrator' | 'member' | undefined>,
 *   now?: () => number,
 *   lobbyLimits?: Partial<typeof import('./lobby.mjs').LOBBY_LIMITS>,
 *   canUpdateOwnMetadata?: boolean,
 * }} options
 *   `attributeKeys`: the participant attributes a browser may set in its token (none by default;
 *   never a key starting with `lk.`, nor `room_role` or `handRaisedAt`).
 *   `apiUrl`: LiveKit's HTTP API (default: `serverUrl` with http(s) for ws(s)).
 *   `lobby(room)`: whether members knock at `room` (default: no room has a lobby).
 *   `role(request)`: the deployer's own rule (from its sign-in, `headers` holds the request's);
 *   `undefined` falls back to the reference rule (the first in an empty room is its owner).
 *   `canUpdateOwnMetadata`: only for a deployment without this moderation endpoint (hands and
 *   renames then go through each participant's own token): anyone may then write any of their own
 *   attributes, `room_role` included, so roles mean nothing. Default false.
 */
export function createCallEndpoints({
  apiKey,
  apiSecret,
  serverUrl,
  ttlSeconds = TOKEN_TTL_SECONDS,
  attributeKeys = [],
  apiUrl = serverUrl?.replace(/^ws/, 'http'),
  lobby: hasLobby = () => false,
  role: deployerRole,
  now = Date.now,
  lobbyLimits,
  canUpdateOwnMetadata = false,
}) {
  if (!apiKey || !apiSecret || !serverUrl) throw new Error('createCallEndpoints needs apiKey, apiSecret and serverUrl');
  const reserved = attributeKeys.filter((key) => typeof key !== 'string' || key === '' || key.startsWith('lk.') || SERVER_ATTRIBUTES.has(key));
  if (reserved.length)
    throw new Error(
      `createTokenHandler: attributeKeys may not hold ${reserved.map((key) => JSON.stringify(key)).join(', ')} (LiveKit's own keys start with "lk."; room_role and handRaisedAt are the server's)`,
    );
  const allowedAttributes = new Set(attributeKeys);
  const rooms = new RoomServiceClient(apiUrl, apiKey, apiSecret);
  const verifier = new TokenVerifier(apiKey, apiSecret);
  const lobby = new Lobby({ now, limits: lobbyLimits });
  /** When each room's last owner token was given (bounded: expired ones are dropped). */
  const ownerClaims = new Map();
  const moderationAllowed = rateLimiter(MODERATION_RATE, 10_000, now);
  const notifyAllowed = rateLimiter(1, 1_000, now);

  /** Who is in `room` now, from LiveKit; an empty list when the room does not exist. */
  async function participantsOf(room) {
    try {
      return await rooms.listParticipants(room);
    } catch (error) {
      if (error?.status === 404 || error?.code === 'not_found') return [];
      throw error;
    }
  }

  /** The reference rule: the first in an empty room (and no owner token for it lately) is its owner. */
  async function referenceRole(room) {
    const t = now();
    for (const [r, at] of ownerClaims) if (t - at > OWNER_CLAIM_MS) ownerClaims.delete(r);
    if (ownerClaims.has(room) || ownerClaims.size >= 10_000) return 'member';
    let present;
    try {
      present = await participantsOf(room);
    } catch {
      return 'member'; // LiveKit cannot say who is there: nobody gets a host's rights.
    }
    if (present.length || ownerClaims.has(room)) return 'member';
    ownerClaims.set(room, t);
    return 'owner';
  }

  async function signToken({ room, name, identity, attributes: extra, role }) {
    const token = new AccessToken(apiKey, apiSecret, { identity, name, attributes: { ...extra, [ROOM_ROLE]: role }, ttl: ttlSeconds });
    // No canUpdateOwnMetadata (unless configured): the server writes the role and the hand (the moderation endpoint).
    token.addGrant({ roomJoin: true, room, canPublish: true, canSubscribe: true, canPublishData: true, canUpdateOwnMetadata });
    return answer(200, { server_url: serverUrl, participant_token: await token.toJwt() });
  }

  /** Tells the room's hosts someone knocked (La Suite Meet's packet), at most once a second per room. */
  async function notifyHosts(room) {
    if (!notifyAllowed(room)) return;
    try {
      const hosts = (await participantsOf(room)).filter((p) => isHost(p.attributes?.[ROOM_ROLE])).map((p) => p.identity);
      if (!hosts.length) return;
      const data = new TextEncoder().encode(JSON.stringify({ type: 'participantWaiting' }));
      await rooms.sendData(room, data, DataPacket_Kind.RELIABLE, { destinationIdentities: hosts });
    } catch (error) {
      console.error('lobby: could not tell the hosts of', room, error?.message ?? error);
    }
  }

  /** The answer to a knock, or to a waiter's poll. */
  async function knockOrPoll(request) {
    if (request.waitingId !== undefined) {
      const waiter = lobby.poll(request.room, request.waitingId);
      if (!waiter) return refusal(410, 'entry_expired', 'this waiting_id is unknown or was forgotten: knock again');
      if (waiter.status === 'denied') return refusal(403, 'entry_denied', 'a host did not let you in');
      if (waiter.status === 'accepted') return signToken({ ...request, name: waiter.name, identity: waiter.identity, role: 'member' });
      return answer(202, { status: 'waiting', waiting_id: waiter.id });
    }
    const knocked = lobby.knock(request.room, request.name ?? '', uniqueIdentity(request.name));
    if ('refused' in knocked) {
      return knocked.refused === 'busy'
        ? refusal(429, 'too_many_requests', 'too many people knocked at this room lately: try again in a few seconds')
        : refusal(429, 'lobby_full', 'too many people are waiting to enter: try again later');
    }
    void notifyHosts(request.room);
    return answer(202, { status: 'waiting', waiting_id: knocked.waiter.id });
  }

  /** @type {(request: { method: string, contentType?: string, body: string, headers?: Record<string, string | string[] | undefined> }) => Promise<{ status: number, body: object }>} */
  async function token(http) {
    const malformed = refuseMalformed(http);
    if (malformed) return malformed;
    let request;
    try {
      request = parseRequest(http.body, allowedAttributes);
    } catch (error) {
      if (error instanceof InvalidRequest) return refusal(400, 'invalid_request', error.message);
      throw error;
    }
    if (request.waitingId !== undefined) return knockOrPoll(request);
    const identity = uniqueIdentity(request.name);
    const given = await deployerRole?.({ room: request.room, name: request.name, identity, headers: http.headers ?? {} });
    if (given !== undefined && !ROLES.includes(given)) throw new Error(`role() returned ${JSON.stringify(given)}, not one of ${ROLES.join(', ')}`);
    const role = given ?? (await referenceRole(request.room));
    if (!isHost(role) && hasLobby(request.room)) return knockOrPoll(request);
    return signToken({ ...request, identity, role });
  }

  /** The caller, from its Bearer LiveKit token, and its role from LiveKit now; or the refusal. */
  async function caller(authorization) {
    const bearer = typeof authorization === 'string' ? /^Bearer ([\w.-]{1,4096})$/.exec(authorization.trim()) : null;
    if (!bearer) return { refused: refusal(401, 'unauthorized', 'send the LiveKit token of the call as Authorization: Bearer <token>') };
    let claims;
    try {
      claims = await verifier.verify(bearer[1]);
    } catch {
      return { refused: refusal(401, 'unauthorized', 'the token is invalid or expired') };
    }
    const room = claims.video?.room;
    const identity = claims.sub;
    if (!claims.video?.roomJoin || typeof room !== 'string' || typeof identity !== 'string') {
      return { refused: refusal(401, 'unauthorized', 'the token is not one to join a room') };
    }
    if (!moderationAllowed(`${room}\n${identity}`)) return { refused: refusal(429, 'too_many_requests', 'too many requests: slow down') };
    let live;
    try {
      live = await rooms.getParticipant(room, identity);
    } catch {
      return { refused: refusal(403, 'forbidden', 'you are not in this call') };
    }
    return { room, identity, role: live.attributes?.[ROOM_ROLE] };
  }

  const identityOf = (body) => {
    const identity = body.participant_identity;
    if (typeof identity !== 'string' || identity === '' || identity.length > 256) throw new InvalidRequest('participant_identity is required');
    return identity;
  };

  /** The target of a host action, in the call now; throws InvalidRequest (404) when not. */
  async function target(room, identity) {
    try {
      return await rooms.getParticipant(room, identity);
    } catch {
      return undefined;
    }
  }

  const HOST_ACTIONS = new Set(['mute', 'remove', 'lower-hand', 'role', 'lobby', 'admit']);
  const ACTIONS = {
    // Self-service: anyone in the call.
    hand: async ({ room, identity }, body) => {
      if (typeof body.raised !== 'boolean') throw new InvalidRequest('raised must be true or false');
      await rooms.updateParticipant(room, identity, { attributes: { [HAND_RAISED_AT]: body.raised ? new Date(now()).toISOString() : '' } });
      return answer(200, {});
    },
    rename: async ({ room, identity }, body) => {
      const name = cleanName(optionalString(body, 'name', MAX_RENAME_LENGTH));
      if (!name) throw new InvalidRequest(`name must be 1 to ${MAX_RENAME_LENGTH} characters`);
      await rooms.updateParticipant(room, identity, { name });
      return answer(200, { name });
    },
    // Hosts only.
    mute: async ({ room }, body) => {
      const who = await target(room, identityOf(body));
      const sid = body.track_sid;
      if (!who || !who.tracks.some((track) => track.sid === sid)) return refusal(404, 'not_found', 'no such participant or track in this call');
      await rooms.mutePublishedTrack(room, who.identity, sid, true);
      return answer(200, {});
    },
    remove: async ({ room, role }, body) => {
      const who = await target(room, identityOf(body));
      if (!who) return refusal(404, 'not_found', 'no such participant in this call');
      if (who.attributes?.[ROOM_ROLE] === 'owner' && role !== 'owner') return refusal(403, 'forbidden', 'only the owner may remove the owner');
      await rooms.removeParticipant(room, who.identity);
      return answer(200, {});
    },
    'lower-hand': async ({ room }, body) => {
      const who = await target(room, identityOf(body));
      if (!who) return refusal(404, 'not_found', 'no such participant in this call');
      await rooms.updateParticipant(room, who.identity, { attributes: { [HAND_RAISED_AT]: '' } });
      return answer(200, {});
    },
    role: async ({ room }, body) => {
      if (body.role !== 'administrator' && body.role !== 'member') throw new InvalidRequest('role must be "administrator" or "member"');
      const who = await target(room, identityOf(body));
      if (!who) return refusal(404, 'not_found', 'no such participant in this call');
      if (who.attributes?.[ROOM_ROLE] === 'owner') return refusal(403, 'forbidden', 'the owner’s role does not change');
      await rooms.updateParticipant(room, who.identity, { attributes: { [ROOM_ROLE]: body.role } });
      return answer(200, {});
    },
    lobby: async ({ room }) => answer(200, { waiting: lobby.waiting(room).map((w) => ({ id: w.id, name: w.name })) }),
    admit: async ({ room }, body) => {
      if (typeof body.waiting_id !== 'string' || typeof body.allow !== 'boolean') throw new InvalidRequest('send waiting_id and allow (true or false)');
      return lobby.decide(room, body.waiting_id, body.allow) ? answer(200, {}) : refusal(404, 'not_found', 'nobody waits under this id');
    },
  };

  /** @type {(request: { action: string, method: string, contentType?: string, body: string, authorization?: string }) => Promise<{ status: number, body: object }>} */
  async function moderation(http) {
    const act = Object.hasOwn(ACTIONS, http.action) ? ACTIONS[http.action] : undefined;
    if (!act) return refusal(404, 'not_found', `no action ${JSON.stringify(String(http.action).slice(0, 40))}`);
    const malformed = refuseMalformed(http);
    if (malformed) return malformed;
    const who = await caller(http.authorization);
    if (who.refused) return who.refused;
    if (HOST_ACTIONS.has(http.action) && !isHost(who.role)) return refusal(403, 'forbidden', 'only the owner or an administrator may do this');
    try {
      return await act(who, parseObject(http.body));
    } catch (error) {
      if (error instanceof InvalidRequest) return refusal(400, 'invalid_request', error.message);
      throw error;
    }
  }

  return { token, moderation, lobby };
}

/**
 * The token endpoint alone (see `createCallEndpoints`, which also makes the moderation endpoint
 * that shares its lobby).
 *
 * @param {Parameters<typeof createCallEndpoints>[0]} options
 */
export function createTokenHandler(options) {
  return createCallEndpoints(options).token;
}

/**
 * The request body as text, or undefined when it is larger than `limit` bytes (what is over the
 * limit is read and dropped, so the answer reaches the client).
 */
export function readBody(req, limit) {
  if (Number(req.headers['content-length']) > limit) {
    req.resume();
    return Promise.resolve(undefined);
  }
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > limit ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * Node `http` glue: reads the body (at most {@link MAX_BODY_BYTES}), calls the handler (the token
 * or the moderation endpoint: `extra` is added to what it is given, such as the `action`), answers
 * JSON that no cache keeps.
 *
 * @param {(request: object) => Promise<{ status: number, body: object }>} handle
 * @returns {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, extra?: object) => Promise<void>}
 */
export function tokenRequestListener(handle) {
  const send = (res, status, body) => {
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(JSON.stringify(body));
  };
  return async (req, res, extra = {}) => {
    try {
      const body = await readBody(req, MAX_BODY_BYTES);
      if (body === undefined) {
        res.setHeader('Connection', 'close');
        send(res, 413, { error: 'payload_too_large', message: `the body must be at most ${MAX_BODY_BYTES} bytes` });
        return;
      }
      const answer = await handle({
        method: req.method ?? 'GET',
        contentType: req.headers['content-type'],
        authorization: req.headers.authorization,
        headers: req.headers,
        body,
        ...extra,
      });
      send(res, answer.status, answer.body);
    } catch (error) {
      console.error('token endpoint:', error);
      if (!res.headersSent) send(res, 500, { error: 'internal', message: 'could not answer' });
    }
  };
}
