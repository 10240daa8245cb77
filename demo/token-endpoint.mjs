// The reference token endpoint: LiveKit's standard token-endpoint format, signed with
// livekit-server-sdk. A portal writes its own (it knows who the user is and which rooms they may
// join); this one shows the contract, and serves the demo and the tests.
//
//   POST {room_name, participant_name?, participant_metadata?, participant_attributes?}
//   200  {server_url, participant_token}
//   400  {error: "invalid_request", message}    the body is not what this contract says
//   405  {error: "method_not_allowed", message} anything but POST
//   413  {error: "payload_too_large", message}  a body over 16 KiB (the HTTP adapter)
//
// Identities are made here, unique per request (`<name-slug>-<random>`): a `participant_identity`
// sent by the browser is ignored, since anyone could send another person's identity and LiveKit
// disconnects the older of two participants with the same identity. Tokens are valid for ten
// minutes: long enough to join, and LiveKit refreshes them for a connected participant.
import { randomBytes } from 'node:crypto';
import { AccessToken } from 'livekit-server-sdk';

export const TOKEN_TTL_SECONDS = 600;
export const MAX_BODY_BYTES = 16 * 1024;

const LIMITS = { room_name: 256, participant_name: 128, participant_metadata: 4096 };

class InvalidRequest extends Error {}

function optionalString(body, field) {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new InvalidRequest(`${field} must be a string`);
  if (value.length > LIMITS[field]) throw new InvalidRequest(`${field} is longer than ${LIMITS[field]} characters`);
  return value;
}

function attributes(body) {
  const value = body.participant_attributes;
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value) || !Object.values(value).every((v) => typeof v === 'string')) {
    throw new InvalidRequest('participant_attributes must be an object of strings');
  }
  return value;
}

/** Parses and checks a request body; throws InvalidRequest with what is wrong. */
function parseRequest(text) {
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    throw new InvalidRequest('the body must be JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new InvalidRequest('the body must be a JSON object');
  const room = optionalString(body, 'room_name')?.trim();
  if (!room) throw new InvalidRequest('room_name is required');
  return {
    room,
    name: optionalString(body, 'participant_name')?.trim() || undefined,
    metadata: optionalString(body, 'participant_metadata'),
    attributes: attributes(body),
  };
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
 * @param {{ apiKey: string, apiSecret: string, serverUrl: string, ttlSeconds?: number }} options
 * @returns {(request: { method: string, body: string }) => Promise<{ status: number, body: object }>}
 */
export function createTokenHandler({ apiKey, apiSecret, serverUrl, ttlSeconds = TOKEN_TTL_SECONDS }) {
  if (!apiKey || !apiSecret || !serverUrl) throw new Error('createTokenHandler needs apiKey, apiSecret and serverUrl');
  return async ({ method, body }) => {
    if (method !== 'POST') return { status: 405, body: { error: 'method_not_allowed', message: 'use POST' } };
    let request;
    try {
      request = parseRequest(body);
    } catch (error) {
      if (error instanceof InvalidRequest) return { status: 400, body: { error: 'invalid_request', message: error.message } };
      throw error;
    }
    const token = new AccessToken(apiKey, apiSecret, {
      identity: uniqueIdentity(request.name),
      name: request.name,
      metadata: request.metadata,
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
      const answer = await handle({ method: req.method ?? 'GET', body });
      send(res, answer.status, answer.body);
    } catch (error) {
      console.error('token endpoint:', error);
      if (!res.headersSent) send(res, 500, { error: 'internal', message: 'could not issue a token' });
    }
  };
}
