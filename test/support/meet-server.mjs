// A test server that follows La Suite Meet's REST API (github.com/suitenumerique/meet, read at
// commit e5f0b1c of 2026-08-21) route by route, acting on the REAL LiveKit server through
// livekit-server-sdk. Not canned answers: rooms, users, sessions, roles and the lobby live in
// memory with Meet's rules and timings, and every action a route takes reaches LiveKit.
//
// Paths in comments: `B:` is src/backend/core/ of Meet's repository.
//
// Known differences with Meet (on purpose, or because CI reaches no OIDC provider or egress):
// - `authenticate/` signs in at once as the user named in its query (`?sub=…&name=…`) instead
//   of starting OIDC; it sets the session cookie and `csrftoken` as Django's login would.
// - Colours: Meet seeds Python's `random` with the identity's SHA-1; here the hue, saturation
//   and lightness come straight from the SHA-1, in the same ranges and the same `hsl()` form.
// - Recording: no egress runs. `start-recording/` writes `recording_mode` and
//   `recording_status: "starting"` as Meet does, then `"started"` as Meet's egress webhook would;
//   `stop-recording/` writes `"saving"`, then removes both keys as the `egress_ended` webhook
//   would. LiveKit's own `room.isRecording` stays false (no egress), which Meet's client also
//   checks before it says "started".
// - CSRF: the `X-CSRFToken` header must equal the `csrftoken` cookie (Django also unmasks), and a
//   cross-origin `Origin` must be in `trustedOrigins` (CSRF_TRUSTED_ORIGINS).
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DataPacket_Kind, TrackSource } from '@livekit/protocol';
import { AccessToken, RoomServiceClient, TokenVerifier } from 'livekit-server-sdk';

/** B:../meet/settings.py: LOBBY_WAITING_TIMEOUT 3 s, LOBBY_DENIED_TIMEOUT 5 s, LOBBY_ACCEPTED_TIMEOUT 6 h. */
export const LOBBY_TIMEOUTS = { waiting: 3_000, denied: 5_000, accepted: 6 * 3600_000 };
/** B:../meet/settings.py LIVEKIT_DEFAULT_SOURCES. */
const DEFAULT_SOURCES = ['camera', 'microphone', 'screen_share', 'screen_share_audio'];
/** B:../meet/settings.py DEFAULT_THROTTLE_RATES.request_entry: 150/minute. */
const REQUEST_ENTRY_PER_MINUTE = 150;
const SESSION_COOKIE = 'meet_sessionid';
const LOBBY_COOKIE = 'lobbyParticipantId';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

class HttpError extends Error {
  constructor(status, body, headers = {}) {
    super(`HTTP ${status}`);
    this.status = status;
    this.body = body;
    this.headers = headers;
  }
}

const fail = (status, body, headers) => {
  throw new HttpError(status, body, headers);
};

/** Django's slugify: ASCII, lower case, spaces and dashes to one dash, nothing else. */
function slugify(value) {
  return String(value)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^ -~]/g, '')
    .toLowerCase()
    .replace(/[^\w\s-]/g, '')
    .trim()
    .replace(/[-\s]+/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '');
}

/** B:utils.py generate_color: a stable `hsl(h, s%, l%)` per identity (see the known differences). */
function generateColor(identity) {
  const hash = createHash('sha1').update(identity).digest();
  const hue = hash.readUInt16BE(0) % 361;
  const saturation = 50 + (hash[2] % 26);
  const lightness = 25 + (hash[3] % 36);
  return `hsl(${hue}, ${saturation}%, ${lightness}%)`;
}

/** Python's `timezone.now().isoformat()`: microseconds and `+00:00`. */
const isoNow = () => new Date().toISOString().replace('Z', '000+00:00');

function parseCookies(header = '') {
  const cookies = {};
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at > 0) cookies[part.slice(0, at).trim()] = decodeURIComponent(part.slice(at + 1).trim());
  }
  return cookies;
}

async function readJson(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > 1024 * 1024) fail(413, { detail: 'Request body too large.' });
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    return fail(400, { detail: 'JSON parse error.' });
  }
}

/**
 * @param {{ url: string, apiKey: string, apiSecret: string }} livekit the real server
 * @param {{ trustedOrigins?: string[], recording?: boolean, timeouts?: typeof LOBBY_TIMEOUTS }} [options]
 */
export function createMeetServer(livekit, options = {}) {
  const { trustedOrigins = [], recording: recordingEnabled = true, timeouts = LOBBY_TIMEOUTS } = options;
  const lk = new RoomServiceClient(livekit.url.replace(/^ws/, 'http'), livekit.apiKey, livekit.apiSecret);
  const verifier = new TokenVerifier(livekit.apiKey, livekit.apiSecret);

  /** B:models.py User: by `sub`. */
  const users = new Map();
  /** Session key → sub (Django's session store). */
  const sessions = new Map();
  /** B:models.py Room, with its ResourceAccess roles (sub → owner | administrator | member). */
  const rooms = new Map();
  /** B:services/lobby.py: the cache, `room_lobby_{room}_{participant}` → participant and expiry. */
  const lobby = new Map();
  /** B:models.py Recording: room id → active recording. */
  const recordings = new Map();
  /** Request-entry throttle: key → request times in the last minute. */
  const throttle = new Map();
  /** Test switch: the recording worker fails to start (Meet answers 502). */
  let workerFails = false;

  const lobbyKey = (roomId, participantId) => `room_lobby_${roomId}_${participantId}`;
  const lobbyGet = (roomId, participantId) => {
    const entry = lobby.get(lobbyKey(roomId, participantId));
    if (!entry) return undefined;
    if (entry.expires <= Date.now()) {
      lobby.delete(lobbyKey(roomId, participantId));
      return undefined;
    }
    return entry.participant;
  };
  const lobbySet = (roomId, participant, timeout) =>
    lobby.set(lobbyKey(roomId, participant.id), { participant: { ...participant }, expires: Date.now() + timeout });

  /** B:models.py Room.get_role. */
  const roleOf = (room, user) => (user ? (room.accesses.get(user.sub) ?? null) : null);
  const isHost = (room, user) => ['owner', 'administrator'].includes(roleOf(room, user));

  /** B:utils.py generate_token: what Meet signs. */
  async function generateToken({ roomName, user, username, color, sources, role, participantId }) {
    const admin = role === 'owner' || role === 'administrator';
    const allowed = admin || !sources ? DEFAULT_SOURCES : sources;
    const identity = user ? user.sub : (participantId ?? randomUUID());
    const defaultName = user ? user.full_name || user.sub : 'Anonymous';
    const token = new AccessToken(livekit.apiKey, livekit.apiSecret, { identity, name: username || defaultName, ttl: '6h' });
    token.addGrant({
      room: roomName,
      roomJoin: true,
      roomAdmin: admin,
      canUpdateOwnMetadata: false,
      canPublish: allowed.length > 0,
      canPublishSources: allowed.map((source) => TrackSource[source.toUpperCase()]),
      canSubscribe: true,
    });
    // Python's None goes into the JWT as null, as Meet's does for someone without a role.
    token.attributes = { color: color ?? generateColor(identity), room_role: role, is_authenticated: user ? 'true' : 'false' };
    return token.toJwt();
  }

  /** B:utils.py generate_livekit_config. */
  async function livekitConfig(args) {
    return { url: livekit.url, room: args.roomName, token: await generateToken({ ...args, sources: args.configuration?.can_publish_sources ?? undefined }) };
  }

  /** B:api/serializers.py RoomSerializer.to_representation. */
  async function serializeRoom(room, user, username) {
    const role = roleOf(room, user);
    const output = {
      id: room.id,
      name: room.name,
      slug: room.slug,
      configuration: room.configuration,
      access_level: room.access_level,
      pin_code: room.pin_code,
    };
    if (role === 'owner' || role === 'administrator') {
      output.accesses = [...room.accesses].map(([sub, accessRole]) => ({ user: { id: sub, full_name: users.get(sub)?.full_name ?? '' }, role: accessRole }));
    }
    if ((room.access_level === 'trusted' && user) || role !== null || room.access_level === 'public') {
      output.livekit = await livekitConfig({ roomName: room.id, user, username, configuration: room.configuration, role });
    } else {
      delete output.pin_code;
    }
    return output;
  }

  /** B:api/viewsets.py RoomViewSet.get_object: by UUID, else by slug; 404 otherwise. */
  function roomOf(pk) {
    const room = UUID.test(pk) ? rooms.get(pk.toLowerCase()) : [...rooms.values()].find((r) => r.slug === slugify(pk));
    return room ?? fail(404, { detail: 'No Room matches the given query.' });
  }

  /** B:services/participants_management.py: LiveKit's "not_found" becomes 404, anything else 500. */
  async function onLivekit(what, action) {
    try {
      return await action();
    } catch (error) {
      if (error?.code === 'not_found' || error?.status === 404) fail(404, { error: 'Participant not found' });
      fail(500, { error: `Failed to ${what}` });
    }
  }

  /** B:utils.py notify_participants: a reliable packet to the whole room, if the room exists. */
  async function notify(roomName, data) {
    const existing = await lk.listRooms([roomName]);
    if (!existing.length) return;
    await lk.sendData(roomName, new TextEncoder().encode(JSON.stringify(data)), DataPacket_Kind.RELIABLE, {});
  }

  /** B:services/room_management.py update_metadata: merge into the room's JSON metadata. */
  async function updateRoomMetadata(roomName, metadata = {}, removeKeys = []) {
    const [existing] = await lk.listRooms([roomName]);
    if (!existing) return;
    const current = JSON.parse(existing.metadata || '{}');
    for (const key of removeKeys) delete current[key];
    await lk.updateRoomMetadata(roomName, JSON.stringify({ ...current, ...metadata }));
  }

  /** B:services/participants_management.py check_if_in_meeting. */
  async function inMeeting(roomName, identity) {
    try {
      const participant = await lk.getParticipant(roomName, identity);
      return participant.state !== 3; // ParticipantInfo_State.DISCONNECTED
    } catch {
      return false;
    }
  }

  const validIdentity = (body) =>
    typeof body.participant_identity === 'string' && body.participant_identity
      ? body.participant_identity
      : fail(400, { participant_identity: ['This field is required.'] });

  /**
   * One request, authenticated as Meet would: `ctx.user` from the session cookie
   * (SessionAuthenticationWith401 + DRF's CSRF check on unsafe methods), `ctx.auth` from a
   * Bearer LiveKit token where the route accepts it (B:authentication/livekit.py).
   */
  function authenticate(ctx, { bearer = false, session = true }) {
    const header = ctx.req.headers.authorization;
    if (bearer && header) {
      const parts = header.split(/\s+/);
      // LiveKitTokenAuthentication has no authenticate_header: DRF answers 403, not 401.
      if (parts.length !== 2 || parts[0].toLowerCase() !== 'bearer') fail(403, { detail: 'Authorization header must be: Bearer <token>' });
      return verifier.verify(parts[1]).then(
        (claims) => {
          if (!claims.sub) fail(403, { detail: 'Token missing user identity' });
          ctx.auth = { identity: claims.sub, video: claims.video ?? {} };
          ctx.user = users.get(claims.sub);
        },
        (error) => fail(403, { detail: `Invalid LiveKit token: ${error.message}` }),
      );
    }
    if (!session) return;
    const sid = ctx.cookies[SESSION_COOKIE];
    const user = sid ? users.get(sessions.get(sid)) : undefined;
    if (!user) return;
    ctx.user = user;
    if (ctx.req.method !== 'GET' && ctx.req.method !== 'HEAD') {
      // DRF's SessionAuthentication.enforce_csrf (Django's CsrfViewMiddleware rules).
      const origin = ctx.req.headers.origin;
      const own = `http://${ctx.req.headers.host}`;
      if (origin && origin !== own && !trustedOrigins.includes(origin))
        fail(403, { detail: `CSRF Failed: Origin checking failed - ${origin} does not match any trusted origins.` });
      const cookie = ctx.cookies.csrftoken;
      if (!cookie) fail(403, { detail: 'CSRF Failed: CSRF cookie not set.' });
      if (ctx.req.headers['x-csrftoken'] !== cookie) fail(403, { detail: 'CSRF Failed: CSRF token incorrect.' });
    }
  }

  /** B:api/permissions.py IsAuthenticated (401 through SessionAuthenticationWith401) then HasPrivilegesOnRoom. */
  function requireHost(ctx, room) {
    if (!ctx.user && !ctx.auth) fail(401, { detail: 'Authentication credentials were not provided.' }, { 'WWW-Authenticate': 'Session' });
    if (!isHost(room, ctx.user)) fail(403, { detail: 'You must have privileges on room to perform this action.' });
  }

  /** B:api/permissions.py HasLiveKitRoomAccess. */
  function requireRoomToken(ctx, room) {
    if (!ctx.auth || ctx.auth.video.room !== room.id) fail(403, { detail: 'You do not have permission to perform this action.' });
  }

  const routes = [
    // Meet's OIDC entry point, B:../meet/urls.py → mozilla_django_oidc (see the known differences).
    [
      'GET',
      /^authenticate\/$/,
      async (ctx) => {
        const sub = ctx.query.get('sub') || randomUUID();
        const user = users.get(sub) ?? { sub, full_name: ctx.query.get('name') || '' };
        users.set(sub, user);
        const sid = randomBytes(16).toString('hex');
        sessions.set(sid, sub);
        const csrf = ctx.cookies.csrftoken || randomBytes(16).toString('hex');
        ctx.setCookies.push(`${SESSION_COOKIE}=${sid}; HttpOnly; SameSite=Lax; Path=${ctx.sessionPath}`, `csrftoken=${csrf}; SameSite=Lax; Path=/`);
        return [200, { id: sub, full_name: user.full_name }];
      },
    ],
    // B:api/viewsets.py UserViewSet.get_me.
    [
      'GET',
      /^users\/me\/$/,
      async (ctx) => {
        authenticate(ctx, {});
        if (!ctx.user) fail(401, { detail: 'Authentication credentials were not provided.' }, { 'WWW-Authenticate': 'Session' });
        return [200, { id: ctx.user.sub, full_name: ctx.user.full_name }];
      },
    ],
    // B:api/viewsets.py RoomViewSet.create + perform_create: the caller becomes the owner.
    [
      'POST',
      /^rooms\/$/,
      async (ctx) => {
        authenticate(ctx, {});
        if (!ctx.user) fail(401, { detail: 'Authentication credentials were not provided.' }, { 'WWW-Authenticate': 'Session' });
        const body = await readJson(ctx.req);
        if (typeof body.name !== 'string' || !body.name.trim()) fail(400, { name: ['This field is required.'] });
        const slug = slugify(body.name);
        if ([...rooms.values()].some((r) => r.slug === slug)) fail(400, { slug: ['Room with this Slug already exists.'] });
        const accessLevel = body.access_level ?? 'public';
        if (!['public', 'trusted', 'restricted'].includes(accessLevel)) fail(400, { access_level: [`"${accessLevel}" is not a valid choice.`] });
        const room = {
          id: randomUUID(),
          name: body.name,
          slug,
          access_level: accessLevel,
          configuration: body.configuration ?? {},
          pin_code: null,
          accesses: new Map([[ctx.user.sub, 'owner']]),
        };
        rooms.set(room.id, room);
        return [201, await serializeRoom(room, ctx.user)];
      },
    ],
    // B:api/viewsets.py RoomViewSet.retrieve (ALLOW_UNREGISTERED_ROOMS, on by default, for unknown slugs).
    [
      'GET',
      /^rooms\/([^/]+)\/$/,
      async (ctx, [pk]) => {
        authenticate(ctx, {});
        const username = ctx.query.get('username');
        let room;
        try {
          room = roomOf(pk);
        } catch {
          const slug = slugify(pk);
          return [
            200,
            {
              id: null,
              slug,
              is_administrable: false,
              access_level: 'public',
              livekit: { url: livekit.url, room: slug, token: await generateToken({ roomName: slug, user: ctx.user, username }) },
            },
          ];
        }
        return [200, await serializeRoom(room, ctx.user, username)];
      },
    ],
    // B:api/viewsets.py RoomViewSet.request_entry, B:services/lobby.py LobbyService.request_entry,
    // B:api/throttling.py (per lobby cookie for guests, per user when signed in; none before the cookie).
    [
      'POST',
      /^rooms\/([^/]+)\/request-entry\/$/,
      async (ctx, [pk]) => {
        authenticate(ctx, {});
        const throttleKey = ctx.user ? `user:${ctx.user.sub}` : ctx.cookies[LOBBY_COOKIE] ? `lobby:${ctx.cookies[LOBBY_COOKIE]}` : undefined;
        if (throttleKey) {
          const now = Date.now();
          const recent = (throttle.get(throttleKey) ?? []).filter((t) => t > now - 60_000);
          if (recent.length >= REQUEST_ENTRY_PER_MINUTE) fail(429, { detail: 'Request was throttled.' }, { 'Retry-After': '60' });
          throttle.set(throttleKey, [...recent, now]);
        }
        const body = await readJson(ctx.req);
        if (typeof body.username !== 'string' || !body.username.trim()) fail(400, { username: ['This field may not be blank.'] });
        const room = roomOf(pk);
        const participantId = ctx.cookies[LOBBY_COOKIE] || randomUUID();
        let participant = lobbyGet(room.id, participantId);
        const role = roleOf(room, ctx.user);
        const config = () =>
          livekitConfig({
            roomName: room.id,
            user: ctx.user,
            username: body.username,
            color: participant.color,
            configuration: room.configuration,
            participantId,
            role,
          });
        let livekitAnswer = null;
        // LobbyService.can_bypass_lobby.
        if (
          room.access_level === 'public' ||
          (room.access_level === 'trusted' && ctx.user) ||
          (room.access_level === 'restricted' && ctx.user && role !== null)
        ) {
          participant = participant
            ? { ...participant, status: 'accepted' }
            : { status: 'accepted', username: body.username, id: participantId, color: generateColor(participantId) };
          livekitAnswer = await config();
        } else if (!participant) {
          // LobbyService.enter: notify the room, then wait (forgotten after 3 s without a poll).
          participant = { status: 'waiting', username: body.username, id: participantId, color: generateColor(participantId) };
          await notify(room.id, { type: 'participantWaiting' }).catch(() => undefined);
          lobbySet(room.id, participant, timeouts.waiting);
        } else if (participant.status === 'waiting') {
          lobbySet(room.id, participant, timeouts.waiting); // refresh_waiting_status: cache.touch
        } else if (participant.status === 'accepted') {
          livekitAnswer = await config();
        }
        // LobbyService.prepare_response.
        ctx.setCookies.push(`${LOBBY_COOKIE}=${participantId}; HttpOnly; Secure; SameSite=Lax; Path=/`);
        const { status, username, id, color } = participant;
        return [200, { status, username, id, color, livekit: livekitAnswer }];
      },
    ],
    // B:api/viewsets.py RoomViewSet.list_waiting_participants, LobbyService.list_waiting_participants.
    [
      'GET',
      /^rooms\/([^/]+)\/waiting-participants\/$/,
      async (ctx, [pk]) => {
        authenticate(ctx, {});
        const room = roomOf(pk);
        requireHost(ctx, room);
        if (room.access_level === 'public') return [200, { participants: [] }];
        const participants = [];
        for (const key of lobby.keys()) {
          if (!key.startsWith(lobbyKey(room.id, ''))) continue;
          const participant = lobbyGet(room.id, key.slice(lobbyKey(room.id, '').length));
          if (participant?.status === 'waiting') participants.push(participant);
        }
        return [200, { participants }];
      },
    ],
    // B:api/viewsets.py RoomViewSet.allow_participant_to_enter, LobbyService.handle_participant_entry.
    [
      'POST',
      /^rooms\/([^/]+)\/enter\/$/,
      async (ctx, [pk]) => {
        authenticate(ctx, {});
        const room = roomOf(pk);
        requireHost(ctx, room);
        const body = await readJson(ctx.req);
        if (typeof body.participant_id !== 'string' || !UUID.test(body.participant_id)) fail(400, { participant_id: ['Must be a valid UUID.'] });
        if (typeof body.allow_entry !== 'boolean') fail(400, { allow_entry: ['Must be a valid boolean.'] });
        if (room.access_level === 'public') fail(404, { message: 'Room has no lobby system.' });
        const participant = lobbyGet(room.id, body.participant_id);
        if (!participant) fail(404, { message: 'Participant not found.' });
        if (body.allow_entry) lobbySet(room.id, { ...participant, status: 'accepted' }, timeouts.accepted);
        else lobbySet(room.id, { ...participant, status: 'denied' }, timeouts.denied);
        return [200, { message: 'Participant was updated.' }];
      },
    ],
    // B:api/viewsets.py RoomViewSet.toggle_hand (LiveKitTokenAuthentication, HasLiveKitRoomAccess).
    [
      'POST',
      /^rooms\/([^/]+)\/toggle-hand\/$/,
      async (ctx, [pk]) => {
        await authenticate(ctx, { bearer: true, session: false });
        const room = roomOf(pk);
        requireRoomToken(ctx, room);
        const body = await readJson(ctx.req);
        if (typeof body.raised !== 'boolean') fail(400, { raised: ['Must be a valid boolean.'] });
        await onLivekit('update participant hand state', () =>
          lk.updateParticipant(room.id, ctx.auth.identity, { attributes: { handRaisedAt: body.raised ? isoNow() : '' } }),
        );
        return [200, { status: 'success' }];
      },
    ],
    // B:api/viewsets.py RoomViewSet.rename (RenameParticipantSerializer: 1 to 255 characters).
    [
      'POST',
      /^rooms\/([^/]+)\/rename\/$/,
      async (ctx, [pk]) => {
        await authenticate(ctx, { bearer: true, session: false });
        const room = roomOf(pk);
        requireRoomToken(ctx, room);
        const body = await readJson(ctx.req);
        if (typeof body.name !== 'string' || !body.name.trim() || body.name.length > 255)
          fail(400, { name: ['Ensure this field has between 1 and 255 characters.'] });
        await onLivekit('rename participant', () => lk.updateParticipant(room.id, ctx.auth.identity, { name: body.name }));
        return [200, { status: 'success' }];
      },
    ],
    // B:api/viewsets.py RoomViewSet.mute_participant, B:api/permissions.py CanMuteParticipant.
    [
      'POST',
      /^rooms\/([^/]+)\/mute-participant\/$/,
      async (ctx, [pk]) => {
        await authenticate(ctx, { bearer: true });
        const room = roomOf(pk);
        const byToken = Boolean(ctx.auth);
        const allowed = (!byToken && isHost(room, ctx.user)) || (room.configuration.everyone_can_mute !== false && byToken && ctx.auth.video.room === room.id);
        if (!allowed) fail(403, { detail: 'You do not have permission to perform this action.' });
        const body = await readJson(ctx.req);
        const identity = validIdentity(body);
        if (typeof body.track_sid !== 'string' || !body.track_sid || body.track_sid.length > 255) fail(400, { track_sid: ['This field is required.'] });
        // TEMPORARY in Meet: a token proves access was granted, not that the caller joined.
        if (byToken && !(await inMeeting(room.id, ctx.auth.identity))) fail(403, { error: 'Could not verify caller presence' });
        await onLivekit('mute participant', () => lk.mutePublishedTrack(room.id, identity, body.track_sid, true));
        return [200, { status: 'success' }];
      },
    ],
    // B:api/viewsets.py RoomViewSet.update_participant (UpdateParticipantSerializer: one field at least).
    [
      'POST',
      /^rooms\/([^/]+)\/update-participant\/$/,
      async (ctx, [pk]) => {
        authenticate(ctx, {});
        const room = roomOf(pk);
        requireHost(ctx, room);
        const body = await readJson(ctx.req);
        const identity = validIdentity(body);
        const given = ['metadata', 'attributes', 'permission', 'name'].filter(
          (field) => body[field] !== undefined && body[field] !== null && body[field] !== '',
        );
        if (!given.length) fail(400, { non_field_errors: ['At least one of the following fields must be provided: metadata, attributes, permission, name.'] });
        // ParticipantsManagement.update sends json.dumps(metadata), "null" when absent, as Meet does.
        await onLivekit('update participant', () =>
          lk.updateParticipant(room.id, identity, {
            metadata: JSON.stringify(body.metadata ?? null),
            attributes: body.attributes ?? undefined,
            name: body.name ?? undefined,
          }),
        );
        return [200, { status: 'success' }];
      },
    ],
    // B:api/viewsets.py RoomViewSet.remove_participant; B:services/participants_management.py remove (clears the lobby entry too).
    [
      'POST',
      /^rooms\/([^/]+)\/remove-participant\/$/,
      async (ctx, [pk]) => {
        authenticate(ctx, {});
        const room = roomOf(pk);
        requireHost(ctx, room);
        const identity = validIdentity(await readJson(ctx.req));
        lobby.delete(lobbyKey(room.id, identity));
        await onLivekit('remove participant', () => lk.removeParticipant(room.id, identity));
        return [200, { status: 'success' }];
      },
    ],
    // B:api/viewsets.py RoomViewSet.update_participant_role (+ IsPresentInMeeting), B:services/room_roles.py.
    [
      'POST',
      /^rooms\/([^/]+)\/update-participant-role\/$/,
      async (ctx, [pk]) => {
        authenticate(ctx, {});
        const room = roomOf(pk);
        requireHost(ctx, room);
        if (!(await inMeeting(room.id, ctx.user.sub))) fail(403, { detail: 'You must be connected to the meeting to perform this action.' });
        const body = await readJson(ctx.req);
        const identity = validIdentity(body);
        if (!['member', 'administrator'].includes(body.role)) fail(400, { role: [`"${body.role}" is not a valid choice.`] });
        if (identity === ctx.user.sub) fail(403, { error: 'You cannot change your own role.' });
        if (!(await inMeeting(room.id, identity))) fail(404, { error: 'Participant is not connected to this meeting.' });
        if (!users.has(identity)) fail(404, { error: 'This participant has no user account and cannot be assigned a role.' });
        if (room.accesses.get(identity) === 'owner') fail(403, { error: 'Room owners cannot be demoted.' });
        room.accesses.set(identity, body.role);
        const synced = await lk.updateParticipant(room.id, identity, { attributes: { room_role: body.role } }).then(
          () => true,
          () => false,
        );
        return [200, { role: body.role, livekit_synced: synced }];
      },
    ],
    // B:api/viewsets.py RoomViewSet.start_room_recording, B:recording/worker/mediator.py start.
    [
      'POST',
      /^rooms\/([^/]+)\/start-recording\/$/,
      async (ctx, [pk]) => {
        authenticate(ctx, {});
        const room = roomOf(pk);
        requireHost(ctx, room);
        if (!recordingEnabled) fail(404, { detail: 'Not found.' });
        const body = await readJson(ctx.req);
        if (!['screen_recording', 'transcript'].includes(body.mode)) fail(400, { detail: 'Invalid request.' });
        if (recordings.has(room.id)) fail(409, { error: `A recording is already in progress for room ${room.slug}` });
        if (workerFails) fail(502, { error: `Recording failed to start for room ${room.slug}` });
        recordings.set(room.id, { mode: body.mode, status: 'active' });
        await updateRoomMetadata(room.id, { recording_mode: body.mode, recording_status: 'starting' }).catch(() => undefined);
        // What Meet's egress_updated webhook (EGRESS_ACTIVE) writes next.
        setTimeout(() => {
          if (recordings.get(room.id)?.status === 'active') void updateRoomMetadata(room.id, { recording_status: 'started' }).catch(() => undefined);
        }, 300);
        return [201, { message: `Recording successfully started for room ${room.slug}` }];
      },
    ],
    // B:api/viewsets.py RoomViewSet.stop_room_recording; B:services/livekit_events.py egress_ended removes the keys.
    [
      'POST',
      /^rooms\/([^/]+)\/stop-recording\/$/,
      async (ctx, [pk]) => {
        authenticate(ctx, {});
        const room = roomOf(pk);
        requireHost(ctx, room);
        if (!recordingEnabled) fail(404, { detail: 'Not found.' });
        if (!recordings.has(room.id)) fail(404, { detail: 'No active recording found for this room.' });
        recordings.delete(room.id);
        await updateRoomMetadata(room.id, { recording_status: 'saving' }).catch(() => undefined);
        setTimeout(() => void updateRoomMetadata(room.id, {}, ['recording_mode', 'recording_status']).catch(() => undefined), 300);
        return [200, { message: `Recording stopped for room ${room.slug}.` }];
      },
    ],
  ];

  /**
   * Handles `req` if its path is under `base` (Meet's `/api/v1.0/`, or a mount of it); resolves
   * to false otherwise. `sessionPath` is the session cookie's Path (Django's SESSION_COOKIE_PATH).
   */
  async function handle(req, res, { base = '/api/v1.0/', sessionPath = '/' } = {}) {
    const url = new URL(req.url, 'http://meet.test');
    if (!url.pathname.startsWith(base)) return false;
    const rest = url.pathname.slice(base.length);
    const ctx = { req, query: url.searchParams, cookies: parseCookies(req.headers.cookie), setCookies: [], sessionPath };
    let status = 404;
    let body = { detail: 'Not found.' };
    let headers = {};
    try {
      for (const [method, pattern, route] of routes) {
        const match = pattern.exec(rest);
        if (!match) continue;
        if (req.method !== method) {
          [status, body] = [405, { detail: `Method "${req.method}" not allowed.` }];
          continue;
        }
        [status, body] = await route(ctx, match.slice(1).map(decodeURIComponent));
        break;
      }
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      ({ status, body, headers } = error);
    }
    res.statusCode = status;
    res.setHeader('Content-Type', 'application/json');
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    if (ctx.setCookies.length) res.setHeader('Set-Cookie', ctx.setCookies);
    res.end(JSON.stringify(body));
    return true;
  }

  return {
    handle,
    /** Test switch: makes the recording worker fail (start-recording/ answers 502). */
    failRecordingWorker(fails = true) {
      workerFails = fails;
    },
    /** What LiveKit holds for a participant: for tests that check the server, not a client. */
    participant: (roomName, identity) => lk.getParticipant(roomName, identity),
    rooms,
  };
}

/**
 * Koa middleware for @web/test-runner: Meet's API under `/meet…/api/v1.0/`, each first path
 * segment being its own mount whose session cookie is scoped to it (SESSION_COOKIE_PATH), so
 * one browser page can hold a signed-in host (`/meet-host/`) and an anonymous guest (`/meet/`)
 * at once, as two browsers would. Plus `/meet…/test/participant?room=&identity=` (LiveKit's view
 * of a participant, for assertions) and `/meet…/test/recording-worker` (`{fails}`).
 */
export function meetRoutes(livekit) {
  const meet = createMeetServer(livekit);
  return async (ctx, next) => {
    const mount = /^\/(meet[\w-]*)\//.exec(ctx.path)?.[1];
    if (!mount) return next();
    if (ctx.path === `/${mount}/test/participant`) {
      const info = await meet.participant(ctx.query.room, ctx.query.identity);
      ctx.type = 'application/json';
      ctx.body = info.toJsonString();
      return;
    }
    if (ctx.path === `/${mount}/test/recording-worker`) {
      meet.failRecordingWorker(ctx.query.fails === 'true');
      ctx.body = '{}';
      return;
    }
    ctx.respond = false;
    if (!(await meet.handle(ctx.req, ctx.res, { base: `/${mount}/api/v1.0/`, sessionPath: `/${mount}/` }))) {
      ctx.respond = true;
      return next();
    }
  };
}
