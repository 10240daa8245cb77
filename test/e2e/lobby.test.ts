// The reference server's lobby and moderation endpoint (demo/token-endpoint.mjs, mounted at
// /api/lk/…) with <visio-call> elements and plain livekit-client peers on the real LiveKit server:
// a guest knocks and is let in or turned away, cancelling stops knocking, hands and renames go
// through the server (tokens may not update their own attributes), and the endpoint refuses
// members and forged tokens.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { Room, RoomEvent } from 'livekit-client';
import '../../src/index.js';
import { livekitBackend, type BackendCall, type VisioCallElement, type WaitingParticipant } from '../../src/index.js';
import { roomRole } from '../../src/core/participants.js';
import { en } from '../../src/i18n/en.js';
import { fr } from '../../src/i18n/fr.js';
import { callTestHooks, settle, tileOf, uniqueRoom } from '../support/helpers.js';

const TOKEN = '/api/lk/token';
const MODERATION = '/api/lk/moderation';

describe('lobby and moderation through the reference server', function () {
  this.timeout(60_000);
  const hooks = callTestHooks();

  /** A <visio-call> on the reference server's endpoints, without the prejoin, devices off. */
  async function element(room: string, name: string, lang = 'en'): Promise<VisioCallElement> {
    return fixture<VisioCallElement>(
      html`<visio-call lang=${lang} token-endpoint=${TOKEN} moderation-endpoint=${MODERATION} room=${room} name=${name} skip-prejoin audio="off" video="off"></visio-call>`,
    );
  }

  /** The polite announcements `call` makes from now on, in order. */
  function announcements(call: VisioCallElement): string[] {
    const said: string[] = [];
    const region = call.shadowRoot!.querySelector('.visually-hidden[role="status"]')!;
    new MutationObserver(() => said.push(region.textContent.trim())).observe(region, { childList: true, characterData: true, subtree: true });
    return said;
  }

  /** The host (first in the room: its owner), joined. */
  async function host(room: string): Promise<VisioCallElement> {
    const call = await element(room, 'Héloïse Hôte');
    expect(await call.join()).to.equal(true);
    expect(roomRole(call.livekitRoom!.localParticipant)).to.equal('owner');
    return call;
  }

  /** Waits for the host's waiting list to be `names`. */
  async function waitingList(call: VisioCallElement, names: string[]): Promise<WaitingParticipant[]> {
    await waitUntil(() => JSON.stringify(call.getWaitingParticipants().map((p) => p.name)) === JSON.stringify(names), `waiting: ${names.join(', ')}`, {
      timeout: 15_000,
    });
    return call.getWaitingParticipants();
  }

  const lobbyButtons = (call: VisioCallElement) => [...call.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part="lobby"] button')];

  it('a guest knocks, the host is told by name and admits them: the guest joins and its tile shows on the host', async () => {
    const room = uniqueRoom('lobby');
    const owner = await host(room);
    const hostSaid = announcements(owner);
    const changes: WaitingParticipant[][] = [];
    owner.addEventListener('visio-lobby-changed', (event) => changes.push(event.detail.waiting));

    const guest = await element(room, 'Gaspard Invité');
    const guestSaid = announcements(guest);
    const joinButton = guest.shadowRoot!.querySelector<HTMLButtonElement>('[part="join-button"]')!;
    joinButton.focus();
    const joined = guest.join();
    await waitUntil(() => guest.status === 'waiting', 'the guest waits', { timeout: 10_000 });
    await guest.updateComplete;
    expect(guest.shadowRoot!.querySelector('[part="screen"] [role="status"]')!.textContent).to.equal(en.waitingToEnter);
    expect(guestSaid).to.include(en.waitingToEnter);
    const cancel = guest.shadowRoot!.querySelector<HTMLButtonElement>('[part="cancel-button"]')!;
    expect(cancel.textContent.trim()).to.equal(en.cancelWaiting);
    // The join button that had the focus is gone: the focus is on Cancel, not lost on the page.
    expect(guest.shadowRoot!.activeElement).to.equal(cancel);
    await executeServerCommand('save-screenshot', { name: 'lobby-guest-waiting' });

    const [waiting] = await waitingList(owner, ['Gaspard Invité']);
    await owner.updateComplete;
    expect(hostSaid).to.include('Gaspard Invité is waiting to join the call');
    expect(changes.at(-1)).to.deep.equal([waiting]);
    const panel = owner.shadowRoot!.querySelector('[part="lobby"]')!;
    expect(panel.querySelector('h2')!.textContent).to.equal(`${en.lobbyTitle as string} (1)`);
    const [admit, deny] = lobbyButtons(owner);
    expect([admit.textContent.trim(), admit.getAttribute('aria-label')]).to.deep.equal(['Admit', 'Admit Gaspard Invité']);
    expect([deny.textContent.trim(), deny.getAttribute('aria-label')]).to.deep.equal(['Deny', 'Deny Gaspard Invité']);
    await executeServerCommand('save-screenshot', { name: 'lobby-host-waiting-list' });

    admit.click();
    expect(await joined).to.equal(true);
    expect(guest.status).to.equal('connected');
    const guestIdentity = guest.livekitRoom!.localParticipant.identity;
    expect(roomRole(guest.livekitRoom!.localParticipant)).to.equal('member');
    await waitUntil(() => tileOf(owner, guestIdentity), 'the guest’s tile on the host', { timeout: 10_000 });
    expect(hostSaid).to.include('Gaspard Invité was let into the call');
    expect(owner.getWaitingParticipants()).to.deep.equal([]);
    expect(changes.at(-1)).to.deep.equal([]);
    await owner.updateComplete;
    expect(owner.shadowRoot!.querySelector('[part="lobby"]')).to.equal(null);
  });

  it('a host denies: the guest sees the refusal in its language, and the host hears it was done', async () => {
    const room = uniqueRoom('lobby');
    const owner = await host(room);
    const hostSaid = announcements(owner);
    const guest = await element(room, 'Gaspard Invité', 'fr');
    const failed = oneEvent(guest, 'visio-error');
    const joined = guest.join();
    const [waiting] = await waitingList(owner, ['Gaspard Invité']);

    expect(await owner.deny(waiting.id)).to.equal(true);
    expect(await joined).to.equal(false);
    expect((await failed).detail.code).to.equal('entry-denied');
    expect(guest.status).to.equal('error');
    await guest.updateComplete;
    expect(guest.shadowRoot!.querySelector('.error-message')!.textContent).to.equal(fr.errors['entry-denied']);
    await owner.updateComplete;
    expect(hostSaid.at(-1)).to.equal('Gaspard Invité was not let in');
    // Once decided, the same id cannot be decided again.
    expect(await owner.admit(waiting.id)).to.equal(false);
  });

  it('cancelling the wait stops knocking: the guest is back before the join (never “left”), the focus on Join, and the host’s list empties', async () => {
    const room = uniqueRoom('lobby');
    const owner = await host(room);
    let knocks = 0;
    const guest = await element(room, 'Gaspard Invité');
    guest.backend = livekitBackend({
      tokenEndpoint: TOKEN,
      moderationEndpoint: MODERATION,
      fetch: (input, init) => {
        knocks++;
        return fetch(input, init);
      },
    });
    const statuses: string[] = [];
    guest.addEventListener('visio-status-changed', (event) => statuses.push(event.detail.status));
    const joined = guest.join();
    await waitingList(owner, ['Gaspard Invité']);
    await waitUntil(() => knocks >= 2, 'the guest polls', { timeout: 10_000 });
    await guest.updateComplete;

    guest.shadowRoot!.querySelector<HTMLButtonElement>('[part="cancel-button"]')!.click();
    expect(await joined).to.equal(false);
    await waitUntil(() => guest.status === 'idle', 'back before the join');
    const knocksAtCancel = knocks;
    const join = guest.shadowRoot!.querySelector<HTMLButtonElement>('[part="join-button"]')!;
    expect(join.textContent.trim()).to.equal(en.join);
    await waitUntil(() => guest.shadowRoot!.activeElement === join, 'the focus on Join, not lost on the page');
    expect(guest.shadowRoot!.querySelector('[part="cancel-button"]')).to.equal(null);
    expect(statuses).to.deep.equal(['connecting', 'waiting', 'idle']);
    await waitingList(owner, []);
    expect(knocks, 'requests after the cancel').to.equal(knocksAtCancel);
    expect(guest.livekitRoom?.state ?? 'disconnected').to.equal('disconnected');
  });

  /** A plain livekit-client participant with a token of the reference server, and that token. */
  async function peer(room: string, name: string): Promise<{ peer: Room; token: string }> {
    const answer = await fetch(TOKEN, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ room_name: room, participant_name: name }),
    });
    expect(answer.status).to.equal(200);
    const { server_url, participant_token } = (await answer.json()) as { server_url: string; participant_token: string };
    const peer = hooks.peer(new Room());
    await peer.connect(server_url, participant_token);
    return { peer, token: participant_token };
  }

  it('raises a hand and renames through the server with a token that may not update its own attributes; a plain peer sees both', async () => {
    const room = uniqueRoom('moderated');
    const call = await host(room);
    const self = call.livekitRoom!.localParticipant;
    expect(self.permissions?.canUpdateMetadata).to.equal(false);
    const { peer: watcher } = await peer(room, 'Dominique Bot');
    await waitUntil(() => watcher.remoteParticipants.has(self.identity), 'the peer sees the call');
    const seen = () => watcher.remoteParticipants.get(self.identity)!;

    const before = Date.now();
    expect(await call.setHandRaised(true)).to.equal(true);
    await waitUntil(() => seen().attributes.handRaisedAt, 'the hand reaches the peer', { timeout: 10_000 });
    const raisedAt = Date.parse(seen().attributes.handRaisedAt);
    expect(raisedAt, 'the server’s time, now').to.be.within(before - 60_000, Date.now() + 60_000);
    await waitUntil(() => call.shadowRoot!.querySelector('[part="hand-button"]')!.getAttribute('aria-pressed') === 'true', 'the hand button pressed');

    expect(await call.setHandRaised(false)).to.equal(true);
    // An attribute set to "" is removed by LiveKit: the peer sees no time any more.
    await waitUntil(() => !seen().attributes.handRaisedAt, 'the hand lowered for the peer', { timeout: 10_000 });

    const renamed = new Promise<string | undefined>((resolve) => watcher.on(RoomEvent.ParticipantNameChanged, (name) => resolve(name)));
    expect(await call.setName('  Héloïse\u202E H.  ')).to.equal(true);
    expect(await renamed).to.equal('Héloïse H.');
  });

  it('refuses host actions to a member (403, moderation-failed) and any forged token (401)', async () => {
    const room = uniqueRoom('moderated');
    const { peer: owner, token: ownerToken } = await peer(room, 'Owner Bot');
    const { peer: member, token: memberToken } = await peer(room, 'Member Bot');
    expect(roomRole(owner.localParticipant)).to.equal('owner');
    expect(roomRole(member.localParticipant)).to.equal('member');
    await waitUntil(() => member.remoteParticipants.has(owner.localParticipant.identity), 'the member sees the owner');

    const backend = livekitBackend({ tokenEndpoint: TOKEN, moderationEndpoint: MODERATION });
    const asMember: BackendCall = { room: member, roomName: room, token: memberToken, serverUrl: '' };
    for (const act of [
      () => backend.removeParticipant!(asMember, owner.localParticipant.identity),
      () => backend.lowerHand!(asMember, owner.localParticipant.identity),
      () => backend.setRole!(asMember, member.localParticipant.identity, 'administrator'),
      () => backend.admit!(asMember, 'someone', true),
    ]) {
      const error = await act().then(
        () => undefined,
        (e: unknown) => e as { code: string; status?: number },
      );
      expect(error?.code).to.equal('moderation-failed');
      expect(error?.status).to.equal(403);
    }
    expect(roomRole(member.localParticipant)).to.equal('member');
    await settle(500);
    expect(member.remoteParticipants.has(owner.localParticipant.identity), 'the owner is still in the call').to.equal(true);

    // The member's token with another identity in it (the signature no longer matches), a token
    // of no one, and none at all.
    const [head, payload, signature] = memberToken.split('.');
    const claims = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>;
    const forgedPayload = btoa(JSON.stringify({ ...claims, sub: owner.localParticipant.identity }))
      .replace(/=+$/, '')
      .replace(/\+/g, '-')
      .replace(/\//g, '_');
    for (const authorization of [`Bearer ${head}.${forgedPayload}.${signature}`, 'Bearer not-a-token', '', `Basic ${btoa('a:b')}`]) {
      const answer = await fetch(`${MODERATION}/remove`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...(authorization ? { Authorization: authorization } : {}) },
        body: JSON.stringify({ participant_identity: member.localParticipant.identity }),
      });
      expect(answer.status, authorization).to.equal(401);
    }
    // The owner may: the member is removed.
    const removed = new Promise((resolve) => member.once(RoomEvent.Disconnected, resolve));
    await backend.removeParticipant!({ room: owner, roomName: room, token: ownerToken, serverUrl: '' }, member.localParticipant.identity);
    await removed;
  });
});
