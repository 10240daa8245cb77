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
import { randomBytes } from 'node:crypto';
import { AccessToken } from 'livekit-server-sdk';

export const TOKEN_TTL_SECONDS = 600;
export const MAX_BODY_BYTES = 16 * 1024;
/** Room names this endpoint signs for: a letter or digit, then up to 127 letters, digits, `-` or `_`. */
export const ROOM_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;
export const MAX_NAME_LENGTH = 128;
export const MAX_ATTRIBUTE_LENGTH = 256;

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

/** The display name without control characters and with its spaces collapsed, or undefined. */
function participantName(body) {
  const name = optionalString(body, 'participant_name', MAX_NAME_LENGTH);
  return name?.replace(CONTROL_CHARACTERS, ' ').replace(/\s+/g, ' ').trim() || undefined;
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

/** Parses and checks a request body; throws InvalidRequest with what is wrong. */
function parseRequest(text, allowedAttributes) {
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    throw new InvalidRequest('the body must be JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new InvalidRequest('the body must be a JSON object');
  return { room: roomName(body), name: participantName(body), attributes: attributes(body, allowedAttributes) };
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

/**
 * The endpoint's logic, independent of any HTTP framework.
 *
 * @param {{ apiKey: string, apiSecret: string, serverUrl: string, ttlSeconds?: number, attributeKeys?: string[] }} options
 *   `attributeKeys`: the participant attributes a browser may set in its token (none by default;
 *   never a key starting with `lk.`).
 * @returns {(request: { method: string, contentType?: string, body: string }) => Promise<{ status: number, body: object }>}
 */
export function createTokenHandler({ apiKey, apiSecret, serverUrl, ttlSeconds = TOKEN_TTL_SECONDS, attributeKeys = [] }) {
  if (!apiKey || !apiSecret || !serverUrl) throw new Error('createTokenHandler needs apiKey, apiSecret and serverUrl');
  const reserved = attributeKeys.filter((key) => typeof key !== 'string' || key === '' || key.startsWith('lk.'));
  if (reserved.length)
    throw new Error(
      `createTokenHandler: attributeKeys may not hold ${reserved.map((key) => JSON.stringify(key)).join(', ')} (LiveKit's own keys start with "lk.")`,
    );
  const allowedAttributes = new Set(attributeKeys);
  return async ({ method, contentType, body }) => {
    if (method !== 'POST') return { status: 405, body: { error: 'method_not_allowed', message: 'use POST' } };
    if (!isJson(contentType)) {
      return { status: 415, body: { error: 'unsupported_media_type', message: 'send the body as JSON, with Content-Type: application/json' } };
    }
    if (Buffer.byteLength(body, 'utf8') > MAX_BODY_BYTES) {
      return { status: 413, body: { error: 'payload_too_large', message: `the body must be at most ${MAX_BODY_BYTES} bytes` } };
    }
    let request;
    try {
      request = parseRequest(body, allowedAttributes);
    } catch (error) {
      if (error instanceof InvalidRequest) return { status: 400, body: { error: 'invalid_request', message: error.message } };
      throw error;
    }
    const token = new AccessToken(apiKey, apiSecret, {
      identity: uniqueIdentity(request.name),
      name: request.name,
      attributes: request.attributes,
      ttl: ttlSeconds,
    });
    // canUpdateOwnMetadata: raising a hand sets the participant attribute `handRaisedAt`.
    token.addGrant({ roomJoin: true, room: request.room, canPublish: true, canSubscribe: true, canPublishData: true, canUpdateOwnMetadata: true });
    return { status: 200, body: { server_url: serverUrl, participant_token: await token.toJwt() } };
  };
}

/**
 * The request body as text, or undefined when it is larger than `limit` bytes (what is over the
 * limit is read and dropped, so the answer reaches the client).
 */
function readBody(req, limit) {
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
 * Node `http` glue: reads the body (at most {@link MAX_BODY_BYTES}), calls the handler, answers
 * JSON that no cache keeps.
 *
 * @param {ReturnType<typeof createTokenHandler>} handle
 * @returns {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => Promise<void>}
 */
export function tokenRequestListener(handle) {
  const send = (res, status, body) => {
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(JSON.stringify(body));
  };
  return async (req, res) => {
    try {
      const body = await readBody(req, MAX_BODY_BYTES);
      if (body === undefined) {
        res.setHeader('Connection', 'close');
        send(res, 413, { error: 'payload_too_large', message: `the body must be at most ${MAX_BODY_BYTES} bytes` });
        return;
      }
      const answer = await handle({ method: req.method ?? 'GET', contentType: req.headers['content-type'], body });
      send(res, answer.status, answer.body);
    } catch (error) {
      console.error('token endpoint:', error);
      if (!res.headersSent) send(res, 500, { error: 'internal', message: 'could not issue a token' });
    }
  };
}
