// Our credentials service for Tchap / Element Call (MatrixRTC) calls: it speaks the two endpoints
// of Element's lk-jwt-service (AGPL, which many deployers cannot run; this is our own code, written
// from the protocol), so that Element Call, matrix-js-sdk and our <visio-call> get LiveKit
// credentials for a Matrix room in exchange for a Matrix OpenID token.
//
//   POST {prefix}/get_token  {room_id, slot_id, openid_token, member: {id, claimed_user_id, claimed_device_id}}
//   POST {prefix}/sfu/get    {room, openid_token, device_id}                    (the older endpoint)
//        openid_token = {access_token, token_type, matrix_server_name, expires_in}
//        (both also accept delay_id, delay_timeout and delay_cs_api_url, see below)
//   200  {url, jwt}                 the LiveKit URL and a token for that call's room only
//   400  {errcode: "M_NOT_JSON"}    not a JSON object of exactly these fields and types (an unknown
//                                   field anywhere, `__proto__` included, is refused, as Go's
//                                   DisallowUnknownFields does in the reference)
//   400  {errcode: "M_BAD_JSON"}    a required field is empty or too long
//   401  {errcode: "M_UNAUTHORIZED"} the homeserver does not vouch for the OpenID token, the token's
//                                   user is not `member.claimed_user_id`, or the homeserver
//                                   answers for a user of another server
//   403  {errcode: "M_FORBIDDEN"}   `matrix_server_name` is not a homeserver this service serves
//   405  {errcode: "M_UNRECOGNIZED"} anything but POST (and the CORS preflight, OPTIONS)
//   413  {errcode: "M_TOO_LARGE"}   a body over 16 KiB
//   429  {errcode: "M_LIMIT_EXCEEDED", retry_after_ms}  too many requests from one client
//   500  {errcode: "M_UNKNOWN"}     the LiveKit room could not be created
//   GET  {prefix}/healthz → 200
// Errors are Matrix's `{errcode, error}`, with the reference's status codes and messages where it
// has them (the 403, 413 and 429 answers are ours: it has no list of homeservers, no size limit
// other than its proxy's, no rate limit).
//
// How a token is checked: the service asks the homeserver named by
// `openid_token.matrix_server_name` — only one listed in `homeservers` — who the token belongs to,
// with the federation API `GET /_matrix/federation/v1/openid/userinfo?access_token=…` → `{sub}`.
// `sub` must be a user of that same server, and (on /get_token) equal `member.claimed_user_id`.
// The service never keeps the OpenID token nor logs it.
//
// What the LiveKit token says (the same recipe as the reference, on purpose: Element Call and
// matrix-js-sdk compute the same hashes from the MatrixRTC memberships to know which LiveKit
// participant is which Matrix member and whose media keys to use; another recipe would make our
// participants strangers to them):
// - room: unpadded base64 of SHA-256 of the JSON array `[room_id, slot_id]` (on /sfu/get:
//   `[room, "m.call#ROOM"]`): one LiveKit room per Matrix room and call slot, and the Matrix room
//   id is not handed to the SFU;
// - identity: unpadded base64 of SHA-256 of `[user_id, claimed_device_id, member.id]` (matrix-js-sdk's
//   `computeRtcIdentityRaw`); on /sfu/get: `user_id:device_id`, the older memberships' identity;
// - grants: join that room, publish, subscribe, publish data, update its own metadata (Element Call
//   sets its own LiveKit name and attributes); no room creation, no admin; valid one hour (LiveKit
//   refreshes it for a connected participant).
// Homeservers with full access (`fullAccess`, default: all listed) get the LiveKit room created
// (empty timeout 5 min, departure timeout 20 s) before the token; the others only get the token: with
// `room.auto_create: false` in LiveKit's configuration they can then join only calls a full-access
// user opened (the reference's rule; with LiveKit's default auto_create, everyone creates rooms).
//
// Delayed leave events (delay_id, delay_timeout: the reference may send the client's MSC4140
// delayed "leave" event when LiveKit says the participant left) are not implemented: the fields
// are checked as the reference checks them (both or neither) and otherwise ignored; the client's
// own delayed event still clears its membership when it disappears. /delegate_delayed_leave is not
// served (404).
//
// CORS: Element Call runs on another origin than this service, so every answer carries
// `Access-Control-Allow-Origin: *` and the preflight is answered; no cookie is ever used (the
// OpenID token in the body is the only credential), so a wildcard origin gives nothing away.
import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import { AccessToken, RoomServiceClient } from 'livekit-server-sdk';
import { rateLimiter, readBody } from './token-endpoint.mjs';

export const MAX_BODY_BYTES = 16 * 1024;
/** What the reference signs for: one hour. */
export const TOKEN_TTL_SECONDS = 3600;
/**
 * Requests per client address per window, and the window (ms): generous, since a whole
 * ministry's network may reach the service from one address (set `clientOf` and `rateLimit` for
 * yours).
 */
export const RATE_LIMIT = { max: 100, windowMs: 10_000 };
/** Matrix ids and device ids: at most 255 bytes in the spec; tokens a little more. */
const MAX_ID_LENGTH = 255;
const MAX_TOKEN_LENGTH = 1024;
/** The slot of the older endpoint's calls. */
export const LEGACY_SLOT = 'm.call#ROOM';
/** How long a homeserver's userinfo answer may take. */
const USERINFO_TIMEOUT_MS = 10_000;
/** How long a server name's resolution (.well-known/matrix/server) is kept. */
const RESOLUTION_TTL_MS = 60 * 60_000;

/** The CORS headers of every answer (Element Call is on another origin; no cookie is ever used). */
export const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'POST, OPTIONS',
  'Access-Control-Allow-Headers': 'Accept, Content-Type, Content-Length, Accept-Encoding, X-CSRF-Token',
  'Access-Control-Max-Age': '600',
};

const unpaddedBase64 = (bytes) => bytes.toString('base64').replace(/=+$/, '');
const sha256Of = (values) => unpaddedBase64(createHash('sha256').update(JSON.stringify(values)).digest());

/** The LiveKit room of a Matrix room's call slot (the reference's alias, see the header). */
export const livekitRoomFor = (roomId, slotId) => sha256Of([roomId, slotId]);
/** The LiveKit identity of a MatrixRTC member (matrix-js-sdk's `computeRtcIdentityRaw`). */
export const livekitIdentityFor = (userId, deviceId, memberId) => sha256Of([userId, deviceId, memberId]);

class MatrixError extends Error {
  constructor(status, errcode, message, extra = {}) {
    super(message);
    this.status = status;
    this.errcode = errcode;
    this.extra = extra;
  }
}

const matrixAnswer = (error) => ({ status: error.status, body: { errcode: error.errcode, error: error.message, ...error.extra } });
const notJson = () => new MatrixError(400, 'M_NOT_JSON', 'Error reading request');
const badJson = (message) => new MatrixError(400, 'M_BAD_JSON', message);
const unauthorized = () => new MatrixError(401, 'M_UNAUTHORIZED', 'The request could not be authorised.');

/**
 * Checks that `value` is a plain object with only the `fields` given (name → 'string' | 'integer'
 * | a nested field list), each of that type when present. Anything else is M_NOT_JSON, as the
 * reference's strict decoder answers. Returns the fields, empty strings and 0 for absent ones.
 */
function decodeObject(value, fields) {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw notJson();
  for (const key of Object.keys(value)) if (!Object.hasOwn(fields, key)) throw notJson();
  const decoded = {};
  for (const [key, type] of Object.entries(fields)) {
    const given = Object.hasOwn(value, key) ? value[key] : undefined;
    if (typeof type === 'object') {
      decoded[key] = decodeObject(given ?? {}, type);
    } else if (type === 'integer') {
      if (given !== undefined && given !== null && !Number.isSafeInteger(given)) throw notJson();
      decoded[key] = given ?? 0;
    } else {
      if (given !== undefined && given !== null && typeof given !== 'string') throw notJson();
      decoded[key] = given ?? '';
    }
  }
  return decoded;
}

const OPENID_FIELDS = { access_token: 'string', token_type: 'string', matrix_server_name: 'string', expires_in: 'integer' };
const DELAY_FIELDS = { delay_id: 'string', delay_timeout: 'integer', delay_cs_api_url: 'string' };
const GET_TOKEN_FIELDS = {
  room_id: 'string',
  slot_id: 'string',
  openid_token: OPENID_FIELDS,
  member: { id: 'string', claimed_user_id: 'string', claimed_device_id: 'string' },
  ...DELAY_FIELDS,
};
const SFU_GET_FIELDS = { room: 'string', openid_token: OPENID_FIELDS, device_id: 'string', ...DELAY_FIELDS };

function checkLengths(values) {
  for (const [name, value, limit] of values) {
    if (value.length > limit) throw badJson(`\`${name}\` is longer than ${limit} characters`);
  }
}

function checkOpenId(token, message) {
  if (!token.access_token || !token.matrix_server_name) throw badJson(message);
  checkLengths([
    ['openid_token.access_token', token.access_token, MAX_TOKEN_LENGTH],
    ['openid_token.matrix_server_name', token.matrix_server_name, MAX_ID_LENGTH],
  ]);
}

function checkDelay(request) {
  if ((request.delay_id !== '' || request.delay_timeout > 0) && !(request.delay_id !== '' && request.delay_timeout > 0)) {
    throw badJson('The request body is missing `delay_id` or `delay_timeout`');
  }
}

/** A /get_token body, checked as the reference checks it (same messages). */
function parseGetToken(body) {
  const request = decodeObject(body, GET_TOKEN_FIELDS);
  if (!request.room_id || !request.slot_id) throw badJson('The request body is missing `room_id` or `slot_id`');
  const { member } = request;
  if (!member.id || !member.claimed_user_id || !member.claimed_device_id) {
    throw badJson('The request body `member` is missing a `id`, `claimed_user_id` or `claimed_device_id`');
  }
  checkOpenId(request.openid_token, 'The request body `openid_token` is missing a `access_token` or `matrix_server_name`');
  checkDelay(request);
  checkLengths([
    ['room_id', request.room_id, MAX_ID_LENGTH],
    ['slot_id', request.slot_id, MAX_ID_LENGTH],
    ['member.id', member.id, MAX_ID_LENGTH],
    ['member.claimed_user_id', member.claimed_user_id, MAX_ID_LENGTH],
    ['member.claimed_device_id', member.claimed_device_id, MAX_ID_LENGTH],
  ]);
  return request;
}

/** An /sfu/get body. Unlike the reference, `device_id` is required: the identity is made of it. */
function parseSfuGet(body) {
  const request = decodeObject(body, SFU_GET_FIELDS);
  if (!request.room) throw badJson('Missing room parameter');
  checkOpenId(request.openid_token, 'Missing OpenID token parameters');
  if (!request.device_id) throw badJson('Missing device_id parameter');
  checkDelay(request);
  checkLengths([
    ['room', request.room, MAX_ID_LENGTH],
    ['device_id', request.device_id, MAX_ID_LENGTH],
  ]);
  return request;
}

/** `host` and `port` of a Matrix server name (`example.org`, `example.org:8448`, `[::1]:8448`, `1.2.3.4`). */
function splitServerName(name) {
  const match = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?$/.exec(name);
  if (!match) return undefined;
  return { host: match[1], port: match[2] ? Number(match[2]) : undefined };
}

/**
 * Where a server name's federation API is, by Matrix's server discovery without the DNS SRV
 * steps: an IP literal or an explicit port is used as it is; otherwise
 * `https://<name>/.well-known/matrix/server` may delegate to `m.server`; otherwise port 8448.
 */
export async function discoverFederationUrl(serverName, fetchImpl = fetch) {
  const name = splitServerName(serverName);
  if (!name) throw new Error(`not a server name: ${serverName}`);
  const direct = ({ host, port }) => `https://${host}:${port ?? 8448}`;
  if (name.port !== undefined || isIP(name.host.replace(/^\[|\]$/g, ''))) return direct(name);
  try {
    const response = await fetchImpl(`https://${name.host}/.well-known/matrix/server`, {
      redirect: 'follow',
      signal: AbortSignal.timeout(USERINFO_TIMEOUT_MS),
    });
    if (response.ok) {
      const delegated = splitServerName(String((await response.json())?.['m.server'] ?? ''));
      if (delegated) return direct(delegated);
    }
  } catch {
    // No delegation: the server name's own host.
  }
  return direct(name);
}

/**
 * The homeservers this service serves, from `{ serverName: baseUrl }`: a base URL is where that
 * server's federation API answers (https in production; the tests' Dendrite is plain http on
 * loopback); an empty one is found by {@link discoverFederationUrl} and kept an hour.
 */
function homeserverDirectory(homeservers, fetchImpl) {
  const resolved = new Map();
  return {
    has: (serverName) => Object.hasOwn(homeservers, serverName),
    async federationUrl(serverName) {
      const given = homeservers[serverName];
      if (given) return given.replace(/\/+$/, '');
      const known = resolved.get(serverName);
      if (known && known.until > Date.now()) return known.url;
      const url = await discoverFederationUrl(serverName, fetchImpl);
      resolved.set(serverName, { url, until: Date.now() + RESOLUTION_TTL_MS });
      return url;
    },
  };
}

/**
 * The credentials service, independent of any HTTP framework (see the header for what it answers).
 *
 * @param {{
 *   apiKey: string, apiSecret: string, livekitUrl: string, livekitApiUrl?: string,
 *   homeservers: Record<string, string>,
 *   fullAccess?: string[],
 *   ttlSeconds?: number,
 *   rateLimit?: { max: number, windowMs: number },
 *   fetch?: typeof fetch,
 *   now?: () => number,
 * }} options
 *   `livekitUrl`: what clients connect to (`wss://…`), returned as `url`; `livekitApiUrl`: LiveKit's
 *   HTTP API for room creation (default: `livekitUrl` with http(s)).
 *   `homeservers`: the Matrix server names whose users may get credentials, each with the base
 *   URL of its federation API, or "" to find it from `/.well-known/matrix/server`.
 *   `fullAccess`: the server names whose users may open a call (the LiveKit room is created for
 *   them); `["*"]` for every listed one (the default).
 * @returns {{ handle(request: { method: string, path: string, contentType?: string, body: string, client?: string }) => Promise<{ status: number, body?: object }> }}
 *   `path`: what follows the mount prefix (`/get_token`, `/sfu/get`, `/healthz`); `client`: the
 *   key rate limits count by (the client's address).
 */
export function createMatrixCredentials({
  apiKey,
  apiSecret,
  livekitUrl,
  livekitApiUrl = livekitUrl?.replace(/^ws/, 'http'),
  homeservers,
  fullAccess = ['*'],
  ttlSeconds = TOKEN_TTL_SECONDS,
  rateLimit = RATE_LIMIT,
  fetch: fetchImpl = fetch,
  now = Date.now,
}) {
  if (!apiKey || !apiSecret || !livekitUrl) throw new Error('createMatrixCredentials needs apiKey, apiSecret and livekitUrl');
  if (!homeservers || typeof homeservers !== 'object' || !Object.keys(homeservers).length) {
    throw new Error('createMatrixCredentials needs homeservers: { "<server name>": "<federation base URL, or empty to discover it>" }');
  }
  const directory = homeserverDirectory(homeservers, fetchImpl);
  const isFullAccess = (serverName) => fullAccess.includes('*') || fullAccess.includes(serverName);
  const rooms = new RoomServiceClient(livekitApiUrl, apiKey, apiSecret);
  const allowed = rateLimiter(rateLimit.max, rateLimit.windowMs, now);

  /** The Matrix user the homeserver says the OpenID token belongs to; MatrixError otherwise. */
  async function verifiedUser(openid) {
    const serverName = openid.matrix_server_name;
    if (!directory.has(serverName)) throw new MatrixError(403, 'M_FORBIDDEN', 'This service does not serve users of this homeserver.');
    let sub;
    try {
      const base = await directory.federationUrl(serverName);
      const url = `${base}/_matrix/federation/v1/openid/userinfo?access_token=${encodeURIComponent(openid.access_token)}`;
      const response = await fetchImpl(url, { headers: { Accept: 'application/json' }, redirect: 'error', signal: AbortSignal.timeout(USERINFO_TIMEOUT_MS) });
      if (!response.ok) throw unauthorized();
      sub = (await response.json())?.sub;
    } catch {
      throw unauthorized();
    }
    // The homeserver vouches for its own users only.
    if (typeof sub !== 'string' || !sub.startsWith('@') || sub.slice(sub.indexOf(':') + 1) !== serverName) throw unauthorized();
    return sub;
  }

  async function sign(room, identity, serverName) {
    if (isFullAccess(serverName)) {
      try {
        await rooms.createRoom({ name: room, emptyTimeout: 5 * 60, departureTimeout: 20 });
      } catch {
        throw new MatrixError(500, 'M_UNKNOWN', 'Unable to create room on SFU');
      }
    }
    const token = new AccessToken(apiKey, apiSecret, { identity, ttl: ttlSeconds });
    token.addGrant({ roomJoin: true, room, roomCreate: false, canPublish: true, canSubscribe: true, canPublishData: true, canUpdateOwnMetadata: true });
    return { status: 200, body: { url: livekitUrl, jwt: await token.toJwt() } };
  }

  const ENDPOINTS = {
    '/get_token': async (body) => {
      const request = parseGetToken(body);
      const userId = await verifiedUser(request.openid_token);
      if (userId !== request.member.claimed_user_id) throw unauthorized();
      const identity = livekitIdentityFor(userId, request.member.claimed_device_id, request.member.id);
      return sign(livekitRoomFor(request.room_id, request.slot_id), identity, request.openid_token.matrix_server_name);
    },
    '/sfu/get': async (body) => {
      const request = parseSfuGet(body);
      const userId = await verifiedUser(request.openid_token);
      return sign(livekitRoomFor(request.room, LEGACY_SLOT), `${userId}:${request.device_id}`, request.openid_token.matrix_server_name);
    },
  };

  async function handle({ method, path, contentType, body, client = '' }) {
    if (path === '/healthz')
      return method === 'GET' || method === 'HEAD' ? { status: 200, body: {} } : matrixAnswer(new MatrixError(405, 'M_UNRECOGNIZED', 'use GET'));
    const endpoint = Object.hasOwn(ENDPOINTS, path) ? ENDPOINTS[path] : undefined;
    if (!endpoint) return matrixAnswer(new MatrixError(404, 'M_UNRECOGNIZED', 'Unrecognized request'));
    if (method === 'OPTIONS') return { status: 200 };
    if (method !== 'POST') return matrixAnswer(new MatrixError(405, 'M_UNRECOGNIZED', 'use POST'));
    if (!allowed(client)) {
      return matrixAnswer(new MatrixError(429, 'M_LIMIT_EXCEEDED', 'Too many requests', { retry_after_ms: rateLimit.windowMs }));
    }
    try {
      if (Buffer.byteLength(body, 'utf8') > MAX_BODY_BYTES) throw new MatrixError(413, 'M_TOO_LARGE', `The body must be at most ${MAX_BODY_BYTES} bytes`);
      if (typeof contentType !== 'string' || contentType.split(';')[0].trim().toLowerCase() !== 'application/json') throw notJson();
      let json;
      try {
        json = JSON.parse(body);
      } catch {
        throw notJson();
      }
      return await endpoint(json);
    } catch (error) {
      if (error instanceof MatrixError) return matrixAnswer(error);
      throw error;
    }
  }

  return { handle };
}

/**
 * Node `http` glue: answers the requests whose path starts with `prefix` (e.g. `/livekit/jwt`),
 * with the CORS headers on every answer; resolves false for other paths (left to the caller).
 *
 * @param {ReturnType<typeof createMatrixCredentials>} service
 * @param {{ prefix?: string, clientOf?: (req: import('node:http').IncomingMessage) => string }} [options]
 *   `clientOf`: the key rate limits count by (default: the socket's address; behind a reverse
 *   proxy, the address it forwards).
 * @returns {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => Promise<boolean>}
 */
export function matrixCredentialsListener(service, { prefix = '/livekit/jwt', clientOf = (req) => req.socket.remoteAddress ?? '' } = {}) {
  const base = prefix.replace(/\/+$/, '');
  return async (req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    if (!pathname.startsWith(`${base}/`)) return false;
    const send = (status, body) => {
      res.writeHead(status, { ...CORS_HEADERS, 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      res.end(body === undefined ? '' : JSON.stringify(body));
    };
    try {
      const body = await readBody(req, MAX_BODY_BYTES);
      if (body === undefined) {
        res.setHeader('Connection', 'close');
        send(413, { errcode: 'M_TOO_LARGE', error: `The body must be at most ${MAX_BODY_BYTES} bytes` });
        return true;
      }
      const answer = await service.handle({
        method: req.method ?? 'GET',
        path: pathname.slice(base.length),
        contentType: req.headers['content-type'],
        body,
        client: clientOf(req),
      });
      send(answer.status, answer.body);
    } catch (error) {
      console.error('matrix credentials:', error?.message ?? error);
      if (!res.headersSent) send(500, { errcode: 'M_UNKNOWN', error: 'Internal Server Error' });
    }
    return true;
  };
}

/**
 * The service's configuration from environment variables (for `npm start` and a deployment), or
 * undefined when MATRIX_HOMESERVERS is not set:
 *   MATRIX_HOMESERVERS   comma-separated `server.name=https://federation.base` (or just
 *                        `server.name`, resolved through /.well-known/matrix/server)
 *   MATRIX_FULL_ACCESS   comma-separated server names that may open calls (default `*`: all listed)
 *   MATRIX_LIVEKIT_URL   the LiveKit URL handed to clients (default: the demo's LiveKit URL)
 */
export function matrixCredentialsConfigFromEnv(env = process.env) {
  const list = (value) =>
    (value ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
  const entries = list(env.MATRIX_HOMESERVERS);
  if (!entries.length) return undefined;
  const homeservers = {};
  for (const entry of entries) {
    const at = entry.indexOf('=');
    homeservers[at < 0 ? entry : entry.slice(0, at)] = at < 0 ? '' : entry.slice(at + 1);
  }
  const fullAccess = list(env.MATRIX_FULL_ACCESS);
  return { homeservers, fullAccess: fullAccess.length ? fullAccess : ['*'], livekitUrl: env.MATRIX_LIVEKIT_URL || undefined };
}
