// <visio-call meet-api=…> and meetBackend against La Suite Meet's API as our Meet test server
// (test/support/meet-server.mjs) serves it, on the real LiveKit server. One page holds a
// signed-in host (the `/meet-host/` mount, whose session cookie stays there) and anonymous
// guests (the `/meet/` mount), as two browsers would.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { DisconnectReason, Room, RoomEvent, Track, type RemoteParticipant } from 'livekit-client';
import '../../src/index.js';
import { meetBackend, VisioError, type BackendCall, type VisioCallElement, type WaitingParticipant } from '../../src/index.js';
import { decodeJwtPayload } from '../../src/core/token-source.js';
import { callTestHooks, joinAsPeer, uniqueRoom, waitForFrames } from '../support/helpers.js';

const GUEST_API = '/meet/api/v1.0/';
const HOST_API = '/meet-host/api/v1.0/';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const csrfCookie = () => /(?:^|;\s*)csrftoken=([^;]+)/.exec(document.cookie)?.[1] ?? '';
const decode = (payload: Uint8Array) => JSON.parse(new TextDecoder().decode(payload)) as { type?: string };
const text = (call: VisioCallElement) => call.shadowRoot!.textContent.replace(/\s+/g, ' ');

/** Signs in to a mount (the host's by default) as a new user (Meet's session cookie and csrftoken); resolves to their `sub`. */
async function signIn(name: string, api = HOST_API): Promise<string> {
  const sub = `user-${uniqueRoom('sub')}`;
  const response = await fetch(`${api}authenticate/?sub=${encodeURIComponent(sub)}&name=${encodeURIComponent(name)}`);
  expect(response.status).to.equal(200);
  return sub;
}

/** Creates a room as the signed-in user (its owner), as Meet's home page does; resolves to its slug. */
async function createRoom(accessLevel: 'public' | 'trusted' | 'restricted', configuration: Record<string, unknown> = {}): Promise<string> {
  const response = await fetch(`${HOST_API}rooms/`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-CSRFToken': csrfCookie() },
    body: JSON.stringify({ name: uniqueRoom('meet'), access_level: accessLevel, configuration }),
  });
  expect(response.status, await response.clone().text()).to.equal(201);
  return ((await response.json()) as { slug: string }).slug;
}

describe('La Suite Meet: <visio-call meet-api> and meetBackend through a Meet-like server on the real LiveKit server', function () {
  this.timeout(60_000);
  const hooks = callTestHooks();

  /** A plain livekit-client participant who joined through Meet's API (`api`: the host's session, or a guest's). */
  async function joinThroughMeet(api: string, slug: string, name: string) {
    const backend = meetBackend({ api, room: slug });
    const details = await backend.credentials({ roomName: slug, participantName: name }, {});
    const room = hooks.peer(new Room());
    await room.connect(details.serverUrl, details.participantToken);
    const call: BackendCall = { room, roomName: slug, token: details.participantToken, serverUrl: details.serverUrl };
    return { backend, room, call };
  }

  async function guestCall(slug: string, name: string, { lang = 'en', audio = 'off', video = 'off' } = {}) {
    return fixture<VisioCallElement>(
      html`<visio-call lang=${lang} meet-api=${GUEST_API} room=${slug} name=${name} audio=${audio} video=${video}></visio-call>`,
    );
  }

  /** The owner (a plain client) in a new public room, and a guest's `<visio-call>` joined in it, once the owner sees the guest. */
  async function ownerWithGuest() {
    await signIn('Hélène Hôte');
    const slug = await createRoom('public');
    const host = await joinThroughMeet(HOST_API, slug, 'Hélène Hôte');
    const call = await guestCall(slug, 'Camille Martin');
    expect(await call.join()).to.equal(true);
    const identity = call.livekitRoom!.localParticipant.identity;
    await waitUntil(() => host.room.remoteParticipants.has(identity), 'host sees the guest', { timeout: 10_000 });
    return { slug, host, call, identity };
  }

  const stops: Array<() => void> = [];
  afterEach(() => stops.splice(0).forEach((stop) => stop()));

  /** An owner in a new restricted room, watching its lobby: every list seen, and every failure. */
  async function ownerWatchingLobby() {
    await signIn('Hélène Hôte');
    const slug = await createRoom('restricted');
    const host = await joinThroughMeet(HOST_API, slug, 'Hélène Hôte');
    const lists: WaitingParticipant[][] = [];
    const errors: unknown[] = [];
    stops.push(
      host.backend.watchLobby!(
        host.call,
        (waiting) => lists.push(waiting),
        (error) => errors.push(error),
      ),
    );
    return { slug, host, lists, errors };
  }

  const remoteOf = (peer: Room, call: VisioCallElement) => peer.remoteParticipants.get(call.livekitRoom!.localParticipant.identity);

  it('joins a public room: the LiveKit room is the Meet room’s id, and a plain client decodes its camera', async () => {
    await signIn('Hélène Hôte');
    const slug = await createRoom('public');
    const call = await guestCall(slug, 'Camille Martin', { video: 'on' });
    expect(await call.join()).to.equal(true);
    const room = call.livekitRoom!;
    expect(room.name).to.match(UUID);
    expect(room.localParticipant.attributes).to.include({ is_authenticated: 'false' });
    expect(room.localParticipant.attributes.color).to.match(/^hsl\(\d+, \d+%, \d+%\)$/);

    const peer = hooks.peer(await joinAsPeer(room.name, 'Dominique Peer'));
    await waitUntil(() => remoteOf(peer, call)?.getTrackPublication(Track.Source.Camera)?.videoTrack, 'camera subscribed', { timeout: 15_000 });
    const remote = remoteOf(peer, call)!;
    expect(remote.name).to.equal('Camille Martin');
    const video = document.createElement('video');
    video.muted = true;
    document.body.append(video);
    try {
      remote.getTrackPublication(Track.Source.Camera)!.videoTrack!.attach(video);
      expect(await waitForFrames(video)).to.be.at.least(10);
    } finally {
      video.remove();
    }
  });

  it('a guest knocks at a restricted room; the owner sees them through watchLobby (and participantWaiting) and lets them in', async () => {
    const { slug, host, lists, errors } = await ownerWatchingLobby();
    expect(host.room.localParticipant.attributes.room_role).to.equal('owner');
    const notices: string[] = [];
    host.room.on(RoomEvent.DataReceived, (payload, participant) => !participant && notices.push(decode(payload).type ?? ''));
    await waitUntil(() => lists.length === 1, 'the empty list first');
    expect(lists[0]).to.deep.equal([]);

    const guest = await guestCall(slug, 'Gaëlle Invitée');
    const joined = guest.join();
    await waitUntil(() => guest.status === 'waiting', 'guest waiting', { timeout: 10_000 });
    await guest.updateComplete;
    expect(text(guest)).to.contain('Waiting for a host to let you in…');
    await waitUntil(() => lists.at(-1)?.length === 1, 'the host sees the guest', { timeout: 10_000 });
    const [knocking] = lists.at(-1)!;
    expect(knocking.name).to.equal('Gaëlle Invitée');
    expect(knocking.color).to.match(/^hsl\(/);
    expect(notices).to.include('participantWaiting');

    await host.backend.admit!(host.call, knocking.id, true);
    expect(await joined).to.equal(true);
    expect(guest.status).to.equal('connected');
    // An anonymous guest let in joins with their lobby id as identity (Meet's generate_token).
    expect(guest.livekitRoom!.localParticipant.identity).to.equal(knocking.id);
    await waitUntil(() => host.room.remoteParticipants.get(knocking.id)?.name === 'Gaëlle Invitée', 'the host sees the guest in the call', {
      timeout: 10_000,
    });
    await waitUntil(() => lists.at(-1)?.length === 0, 'the lobby is empty again', { timeout: 5_000 });
    expect(errors).to.deep.equal([]);
  });

  it('a host turns a guest away: the guest sees the denial in French, as entry-denied', async () => {
    const { slug, host, lists } = await ownerWatchingLobby();
    const guest = await guestCall(slug, 'Gaëlle Invitée', { lang: 'fr' });
    const codes: string[] = [];
    guest.addEventListener('visio-error', (event) => codes.push(event.detail.code));
    const joined = guest.join();
    await waitUntil(() => lists.at(-1)?.length === 1, 'the host sees the guest', { timeout: 10_000 });
    await host.backend.admit!(host.call, lists.at(-1)![0].id, false);
    expect(await joined).to.equal(false);
    expect(guest.status).to.equal('error');
    expect(codes).to.deep.equal(['entry-denied']);
    await guest.updateComplete;
    expect(text(guest)).to.contain('L’organisateur ne vous a pas laissé entrer dans cet appel.');
  });

  it('a guest who cancels stops knocking and is back on the prejoin with their name; Meet forgets them 3 s after their last knock; joining again knocks again', async () => {
    const { slug, host, lists } = await ownerWatchingLobby();
    const guest = await guestCall(slug, 'Gaëlle Invitée');
    const prejoinOf = () => guest.shadowRoot!.querySelector('visio-prejoin');
    await waitUntil(() => prejoinOf()?.shadowRoot?.querySelector('[part="join-button"]'), 'the prejoin');
    // The user changes the name the portal proposed, then knocks.
    const input = prejoinOf()!.shadowRoot!.querySelector<HTMLInputElement>('[part="name-input"]')!;
    input.value = 'Gaëlle Martin';
    input.dispatchEvent(new Event('input'));
    const joined = guest.join();
    await waitUntil(() => lists.at(-1)?.length === 1, 'the host sees the guest', { timeout: 10_000 });
    expect(lists.at(-1)![0].name).to.equal('Gaëlle Martin');
    await guest.updateComplete;
    guest.shadowRoot!.querySelector<HTMLButtonElement>('[part="cancel-button"]')!.click();
    expect(await joined).to.equal(false);
    await waitUntil(() => guest.status === 'idle', 'back before the join');
    await waitUntil(() => prejoinOf()?.shadowRoot?.activeElement?.getAttribute('part') === 'join-button', 'the focus on the prejoin’s Join');
    expect(guest.shadowRoot!.activeElement).to.equal(prejoinOf());
    expect(prejoinOf()!.shadowRoot!.querySelector<HTMLInputElement>('[part="name-input"]')!.value).to.equal('Gaëlle Martin');
    expect(guest.livekitRoom?.state ?? 'disconnected').to.equal('disconnected');
    await executeServerCommand('save-screenshot', { name: 'meet-lobby-cancelled' });
    await waitUntil(() => lists.at(-1)?.length === 0, 'the waiter forgotten', { timeout: 10_000 });

    const again = guest.join();
    await waitUntil(() => lists.at(-1)?.length === 1, 'the host sees the guest knock again', { timeout: 10_000 });
    expect(lists.at(-1)![0].name).to.equal('Gaëlle Martin');
    await host.backend.admit!(host.call, lists.at(-1)![0].id, true);
    expect(await again).to.equal(true);
    expect(guest.livekitRoom!.localParticipant.name).to.equal('Gaëlle Martin');
  });

  it('raises and lowers a hand through toggle-hand/ (the token may not update its own attributes), and renames through rename/', async () => {
    await signIn('Hélène Hôte');
    const slug = await createRoom('public');
    const call = await guestCall(slug, 'Camille Martin');
    expect(await call.join()).to.equal(true);
    const room = call.livekitRoom!;
    // What Meet signs, and what the LiveKit server granted from it.
    const details = await meetBackend({ api: GUEST_API }).credentials({ roomName: slug, participantName: 'x' }, {});
    expect((decodeJwtPayload(details.participantToken)?.video as Record<string, unknown>).canUpdateOwnMetadata).to.equal(false);
    expect(room.localParticipant.permissions?.canUpdateMetadata).to.equal(false);
    const peer = hooks.peer(await joinAsPeer(room.name, 'Dominique Peer'));
    await waitUntil(() => remoteOf(peer, call), 'peer sees the call', { timeout: 10_000 });

    const before = Date.now();
    expect(await call.setHandRaised(true)).to.equal(true);
    await waitUntil(() => remoteOf(peer, call)?.attributes.handRaisedAt, 'the peer sees the hand', { timeout: 10_000 });
    const raisedAt = Date.parse(remoteOf(peer, call)!.attributes.handRaisedAt);
    expect(raisedAt).to.be.at.least(before - 5_000);
    expect(await call.setHandRaised(false)).to.equal(true);
    await waitUntil(() => !remoteOf(peer, call)?.attributes.handRaisedAt, 'the peer sees the hand lowered', { timeout: 10_000 });

    expect(await call.setName('Camille Dupont')).to.equal(true);
    await waitUntil(() => remoteOf(peer, call)?.name === 'Camille Dupont', 'the peer sees the new name', { timeout: 10_000 });
  });

  it('mutes someone through mute-participant/: their microphone is muted on the server and they are told (participantMuted)', async () => {
    await signIn('Hélène Hôte');
    const slug = await createRoom('public');
    const call = await guestCall(slug, 'Camille Martin', { audio: 'on' });
    expect(await call.join()).to.equal(true);
    const target = call.livekitRoom!;
    await waitUntil(() => target.localParticipant.getTrackPublication(Track.Source.Microphone)?.trackSid, 'microphone published', { timeout: 10_000 });
    const micSid = target.localParticipant.getTrackPublication(Track.Source.Microphone)!.trackSid;
    const told = new Promise<string | undefined>((resolve) =>
      target.on(
        RoomEvent.DataReceived,
        (payload, participant?: RemoteParticipant) => decode(payload).type === 'participantMuted' && resolve(participant?.identity),
      ),
    );

    // An anonymous member mutes with their LiveKit token (everyone_can_mute is on by default).
    const member = await joinThroughMeet(GUEST_API, slug, 'Dominique Membre');
    await waitUntil(() => member.room.remoteParticipants.has(target.localParticipant.identity), 'member sees the call', { timeout: 10_000 });
    await waitUntil(() => target.remoteParticipants.has(member.room.localParticipant.identity), 'the call sees the member', { timeout: 10_000 });
    await member.backend.muteTrack!(member.call, target.localParticipant.identity, micSid);
    expect(await told).to.equal(member.room.localParticipant.identity);
    await waitUntil(() => target.localParticipant.getTrackPublication(Track.Source.Microphone)?.isMuted, 'muted for the person', { timeout: 10_000 });
    const onServer = (await (await fetch(`/meet/test/participant?room=${target.name}&identity=${target.localParticipant.identity}`)).json()) as {
      tracks: Array<{ sid: string; muted?: boolean }>;
    };
    expect(onServer.tracks.find((track) => track.sid === micSid)?.muted).to.equal(true);
  });

  it('where everyone_can_mute is off, a member may not mute (moderation-failed, 403) and the owner, with the session, may', async () => {
    await signIn('Hélène Hôte');
    const slug = await createRoom('public', { everyone_can_mute: false });
    const member = await joinThroughMeet(GUEST_API, slug, 'Dominique Membre');
    await member.room.localParticipant.setMicrophoneEnabled(true);
    const micSid = member.room.localParticipant.getTrackPublication(Track.Source.Microphone)!.trackSid;
    const host = await joinThroughMeet(HOST_API, slug, 'Hélène Hôte');
    await waitUntil(() => host.room.remoteParticipants.has(member.room.localParticipant.identity), 'host sees member', { timeout: 10_000 });

    const refused = await member.backend.muteTrack!(member.call, host.room.localParticipant.identity, micSid).catch((error: unknown) => error);
    expect(refused).to.be.instanceOf(VisioError);
    expect((refused as VisioError).code).to.equal('moderation-failed');
    expect((refused as VisioError).status).to.equal(403);

    await host.backend.muteTrack!(host.call, member.room.localParticipant.identity, micSid);
    await waitUntil(() => member.room.localParticipant.getTrackPublication(Track.Source.Microphone)?.isMuted, 'muted by the owner', { timeout: 10_000 });
  });

  it('the owner removes someone through remove-participant/: disconnected as PARTICIPANT_REMOVED; a guest may not (401)', async () => {
    const { slug, host, call, identity } = await ownerWithGuest();

    const guest = await joinThroughMeet(GUEST_API, slug, 'Dominique Membre');
    const refused = await guest.backend.removeParticipant!(guest.call, identity).catch((error: unknown) => error);
    expect((refused as VisioError).code).to.equal('moderation-failed');
    expect((refused as VisioError).status).to.equal(401);

    const reason = new Promise((resolve) => call.livekitRoom!.once(RoomEvent.Disconnected, resolve));
    await host.backend.removeParticipant!(host.call, identity);
    expect(await reason).to.equal(DisconnectReason.PARTICIPANT_REMOVED);
    await waitUntil(() => call.status === 'error', 'the call shows the removal');
    await call.updateComplete;
    expect(text(call)).to.contain('A moderator removed you from the call');
  });

  it('the owner lowers someone’s hand (update-participant/) and starts and stops a recording: the room metadata follows, 409 and 502 as recording-failed', async () => {
    const { host, call, identity } = await ownerWithGuest();

    expect(await call.setHandRaised(true)).to.equal(true);
    await waitUntil(() => host.room.remoteParticipants.get(identity)?.attributes.handRaisedAt, 'hand seen', { timeout: 10_000 });
    await host.backend.lowerHand!(host.call, identity);
    await waitUntil(() => !call.livekitRoom!.localParticipant.attributes.handRaisedAt, 'hand lowered for its owner', { timeout: 10_000 });

    const metadata = () => JSON.parse(call.livekitRoom!.metadata || '{}') as Record<string, unknown>;
    await host.backend.startRecording!(host.call, 'transcript');
    await waitUntil(() => metadata().recording_status === 'started', `recording started: ${call.livekitRoom!.metadata}`, { timeout: 10_000 });
    expect(metadata().recording_mode).to.equal('transcript');
    const again = await host.backend.startRecording!(host.call, 'screen_recording').catch((error: unknown) => error);
    expect([(again as VisioError).code, (again as VisioError).status]).to.deep.equal(['recording-failed', 409]);
    await host.backend.stopRecording!(host.call);
    await waitUntil(() => !('recording_status' in metadata()) && !('recording_mode' in metadata()), 'recording keys removed', { timeout: 10_000 });

    await fetch('/meet-host/test/recording-worker?fails=true');
    try {
      const broken = await host.backend.startRecording!(host.call, 'screen_recording').catch((error: unknown) => error);
      expect([(broken as VisioError).code, (broken as VisioError).status]).to.deep.equal(['recording-failed', 502]);
    } finally {
      await fetch('/meet-host/test/recording-worker?fails=false');
    }
  });

  it('the owner makes a signed-in member an administrator (update-participant-role/), mirrored in room_role; an anonymous guest cannot be (404)', async () => {
    const MEMBER_API = '/meet-member/api/v1.0/';
    await signIn('Hélène Hôte');
    const slug = await createRoom('public');
    const host = await joinThroughMeet(HOST_API, slug, 'Hélène Hôte');
    const memberSub = await signIn('Marc Membre', MEMBER_API);
    const member = await joinThroughMeet(MEMBER_API, slug, 'Marc Membre');
    expect(member.room.localParticipant.identity).to.equal(memberSub);
    expect(member.room.localParticipant.attributes).to.include({ is_authenticated: 'true' });
    const guest = await joinThroughMeet(GUEST_API, slug, 'Gaëlle Invitée');
    await waitUntil(
      () => host.room.remoteParticipants.has(memberSub) && host.room.remoteParticipants.has(guest.room.localParticipant.identity),
      'host sees both',
      { timeout: 10_000 },
    );

    await host.backend.setRole!(host.call, memberSub, 'administrator');
    await waitUntil(() => member.room.localParticipant.attributes.room_role === 'administrator', 'promoted', { timeout: 10_000 });
    await waitUntil(() => guest.room.remoteParticipants.get(memberSub)?.attributes.room_role === 'administrator', 'seen by others', { timeout: 10_000 });
    await host.backend.setRole!(host.call, memberSub, 'member');
    await waitUntil(() => member.room.localParticipant.attributes.room_role === 'member', 'back to member', { timeout: 10_000 });

    const refused = await host.backend.setRole!(host.call, guest.room.localParticipant.identity, 'administrator').catch((error: unknown) => error);
    expect([(refused as VisioError).code, (refused as VisioError).status]).to.deep.equal(['moderation-failed', 404]);
  });
});
