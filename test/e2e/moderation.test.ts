// Moderation against the real server: a host's <visio-call> mutes, removes, lowers a hand and
// changes a role through a backend that really acts on LiveKit (the test routes call its API with
// livekit-server-sdk); the person acted on is told why, in their language; a forged notification
// shows nothing; a member sees no moderation; a source the token may not publish is disabled.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import { Track } from 'livekit-client';
import '../../src/index.js';
import { VisioError } from '../../src/core/errors.js';
import { endpointTokenSource } from '../../src/core/token-source.js';
import { en } from '../../src/i18n/en.js';
import { fr } from '../../src/i18n/fr.js';
import type { CallBackend, VisioCallElement, VisioModeratedDetail, VisioParticipantsElement, VisioTileElement } from '../../src/index.js';
import { callTestHooks, joinAsPeer, settle, tileOf, uniqueRoom } from '../support/helpers.js';

/** Asks the test server to act on the real LiveKit server (LiveKit's RoomService API). */
async function serverAction(action: string, body: object): Promise<void> {
  const response = await fetch(`/test/server/${action}`, { method: 'POST', body: JSON.stringify(body) });
  if (!response.ok) throw new VisioError('moderation-failed', `the test server answered ${response.status}`);
}

/** A backend that moderates for real: credentials from `tokenCase`, every action through LiveKit's API. */
function moderatingBackend(tokenCase: string): CallBackend {
  const source = endpointTokenSource(`/test/token/${tokenCase}`);
  return {
    credentials: (request, { signal }) => source(request, { signal }),
    muteTrack: (call, identity, trackSid) => serverAction('mute-track', { room: call.roomName, identity, trackSid }),
    removeParticipant: (call, identity) => serverAction('remove-participant', { room: call.roomName, identity }),
    lowerHand: (call, identity) => serverAction('update-attributes', { room: call.roomName, identity, attributes: { handRaisedAt: '' } }),
    setRole: (call, identity, role) => serverAction('update-attributes', { room: call.roomName, identity, attributes: { room_role: role } }),
  };
}

const fill = (term: string, values: Record<string, string>) => term.replace(/\{(\w+)\}/g, (_, key: string) => values[key]);

describe('moderation with the real server', function () {
  this.timeout(90_000);
  const hooks = callTestHooks();

  /** A joined <visio-call> in `lang` with `backend`, or the plain token endpoint. */
  async function call(roomName: string, name: string, options: { backend?: CallBackend; lang?: string; audio?: boolean; endpoint?: string } = {}) {
    const { backend, lang = 'en', audio = false, endpoint = '/api/token' } = options;
    const element = await fixture<VisioCallElement>(
      html`<visio-call lang=${lang} token-endpoint=${endpoint} room=${roomName} name=${name} audio=${audio ? 'on' : 'off'} video="off" skip-prejoin .backend=${backend}></visio-call>`,
    );
    expect(await element.join()).to.equal(true);
    return element;
  }

  const identityOf = (element: VisioCallElement) => element.livekitRoom!.localParticipant.identity;
  const seen = (host: VisioCallElement, identity: string) =>
    waitUntil(() => tileOf(host, identity), `${identity} seen`, { timeout: 10_000 }).then(() => tileOf(host, identity)!);
  const menuButton = (tile: VisioTileElement) => tile.shadowRoot!.querySelector<HTMLButtonElement>('[part="menu-button"]')!;
  const focused = (tile: VisioTileElement) => tile.shadowRoot!.activeElement as HTMLElement | null;
  const banner = (element: VisioCallElement) => element.shadowRoot!.querySelector('[part="banner"] span')?.textContent?.trim();
  const announced = (element: VisioCallElement) => element.shadowRoot!.querySelector('[role="status"][aria-live="polite"]')?.textContent?.trim();

  async function participantList(element: VisioCallElement): Promise<VisioParticipantsElement> {
    element.setPanel('participants');
    await element.updateComplete;
    const list = element.shadowRoot!.querySelector<VisioParticipantsElement>('visio-participants')!;
    await list.updateComplete;
    return list;
  }
  const row = (list: VisioParticipantsElement, identity: string) => list.shadowRoot!.querySelector<HTMLElement>(`li[data-identity="${identity}"]`);
  const items = (root: ParentNode) =>
    [...root.querySelectorAll<HTMLButtonElement>('[role="menuitem"], [role="menuitemcheckbox"]')].map((item) => item.textContent.trim());

  it('a host mutes someone from the tile menu by keyboard: their microphone is muted and their call says why, in French', async () => {
    const roomName = uniqueRoom('mod-mute');
    const host = await call(roomName, 'Camille Martin', { backend: moderatingBackend('owner') });
    const target = await call(roomName, 'Dominique Petit', { lang: 'fr', audio: true });
    const moderated = oneEvent(target, 'visio-moderated');
    const tile = await seen(host, identityOf(target));
    await waitUntil(() => !tile.muted, 'the microphone seen on', { timeout: 10_000 });

    // A real menu: aria-haspopup; Escape closes it and gives the focus back.
    expect(menuButton(tile).getAttribute('aria-haspopup')).to.equal('menu');
    menuButton(tile).focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => tile.shadowRoot!.querySelector('[role="menu"]'), 'the menu open');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !tile.shadowRoot!.querySelector('[role="menu"]'), 'the menu closed');
    expect(focused(tile)).to.equal(menuButton(tile));
    expect(menuButton(tile).getAttribute('aria-expanded')).to.equal('false');

    // Down opens it on its first item; Down again reaches "Mute".
    await sendKeys({ press: 'ArrowDown' });
    await waitUntil(() => focused(tile)?.textContent?.trim() === 'Pin Dominique Petit', 'the first item focused');
    expect(items(tile.shadowRoot!)).to.deep.equal([
      'Pin Dominique Petit',
      'Mute Dominique Petit',
      'Make Dominique Petit an administrator',
      'Remove Dominique Petit from the call',
    ]);
    await executeServerCommand('save-screenshot', { name: 'moderation-tile-menu' });
    await sendKeys({ press: 'ArrowDown' });
    expect(focused(tile)?.textContent?.trim()).to.equal('Mute Dominique Petit');
    await sendKeys({ press: 'Enter' });

    // The server muted the microphone; the muted participant's call says so, in its language.
    const publication = () => target.livekitRoom!.localParticipant.getTrackPublication(Track.Source.Microphone);
    await waitUntil(() => publication()?.isMuted, 'the microphone muted by the server', { timeout: 10_000 });
    await waitUntil(() => banner(target), 'the notice shown', { timeout: 10_000 });
    expect(banner(target)).to.equal(fill(fr.mutedBy as string, { name: 'Camille Martin' }));
    const { detail } = (await moderated) as CustomEvent<VisioModeratedDetail>;
    expect(detail).to.deep.equal({ action: 'muted', identity: identityOf(target), by: { identity: identityOf(host), name: 'Camille Martin' } });
    expect(target.state.media.microphone).to.equal(false);
    // The host hears that it was done; the focus is back on the menu button.
    await waitUntil(() => announced(host) === 'Dominique Petit was muted.', `announced: ${announced(host)}`);
    expect(focused(tile)).to.equal(menuButton(tile));
    await waitUntil(() => tile.muted, 'the tile shows the microphone off', { timeout: 10_000 });
  });

  it('a forged "participantMuted" from a plain participant shows nothing, even in a flood', async () => {
    const roomName = uniqueRoom('mod-forged');
    const target = await call(roomName, 'Dominique Petit', { audio: true });
    const events: unknown[] = [];
    target.addEventListener('visio-moderated', (event) => events.push(event.detail));
    const mallory = hooks.peer(await joinAsPeer(roomName, 'Mallory'));
    await waitUntil(() => mallory.remoteParticipants.has(identityOf(target)), 'Mallory in the call', { timeout: 10_000 });
    const packet = new TextEncoder().encode(JSON.stringify({ type: 'participantMuted' }));
    for (let i = 0; i < 30; i++) await mallory.localParticipant.publishData(packet, { reliable: true, destinationIdentities: [identityOf(target)] });
    await settle(1500);
    expect(banner(target), 'no notice').to.equal(undefined);
    expect(events).to.deep.equal([]);
    expect(target.state.media.microphone, 'the microphone still on').to.equal(true);

    // Muting oneself afterwards is not "muted by a moderator" either (the flood used up Mallory's rate).
    await target.setMicrophoneEnabled(false);
    await mallory.localParticipant.publishData(packet, { reliable: true, destinationIdentities: [identityOf(target)] });
    await settle(1000);
    expect(banner(target), 'no notice after muting oneself').to.equal(undefined);
    expect(events).to.deep.equal([]);
  });

  it('a host removes someone from the participant list after confirming: their call says a moderator removed them', async () => {
    const roomName = uniqueRoom('mod-remove');
    const host = await call(roomName, 'Camille Martin', { backend: moderatingBackend('owner') });
    const target = await call(roomName, 'Dominique Petit');
    await seen(host, identityOf(target));
    const list = await participantList(host);
    await waitUntil(() => row(list, identityOf(target))?.querySelector('[part="menu-button"]'), 'the menu button in the row');
    const button = row(list, identityOf(target))!.querySelector<HTMLButtonElement>('[part="menu-button"]')!;
    expect(button.getAttribute('aria-label')).to.equal('Options for Dominique Petit');
    button.click();
    await list.updateComplete;
    const menu = () => row(list, identityOf(target))!.querySelector<HTMLElement>('[part="menu"]')!;
    expect(items(menu())).to.deep.equal(['Make Dominique Petit an administrator', 'Remove Dominique Petit from the call']);
    await executeServerCommand('save-screenshot', { name: 'moderation-participant-list' });

    menu().querySelector<HTMLButtonElement>('[data-action="remove"]')!.click();
    await waitUntil(() => menu().querySelector('[part="confirm"]'), 'the question');
    expect(menu().querySelector('[part="confirm"]')!.textContent.trim()).to.equal('Remove Dominique Petit from the call?');
    expect(items(menu())).to.deep.equal(['Remove', 'Cancel']);
    expect(list.shadowRoot!.activeElement?.textContent?.trim(), 'the focus on the first answer').to.equal('Remove');
    expect(target.status, 'nothing done before confirming').to.equal('connected');

    const moderated = oneEvent(target, 'visio-moderated');
    const error = oneEvent(target, 'visio-error');
    menu().querySelector<HTMLButtonElement>('[data-action="confirm-remove"]')!.click();
    expect(((await moderated) as CustomEvent<VisioModeratedDetail>).detail).to.deep.equal({ action: 'removed', identity: identityOf(target) });
    expect((await error).detail.code).to.equal('removed-from-room');
    await waitUntil(() => target.status === 'error', 'the error screen');
    await target.updateComplete;
    expect(target.shadowRoot!.querySelector('.error-message')!.textContent.trim()).to.equal('A moderator removed you from the call.');
    await waitUntil(() => announced(host) === 'Dominique Petit was removed from the call.', `announced: ${announced(host)}`);
    await waitUntil(() => !row(list, identityOf(target)), 'gone from the list', { timeout: 10_000 });
  });

  it('a room closed for everyone is not a removal: its own code and message, and no visio-moderated', async () => {
    const roomName = uniqueRoom('mod-closed');
    const element = await call(roomName, 'Dominique Petit', { lang: 'fr' });
    const events: unknown[] = [];
    element.addEventListener('visio-moderated', (event) => events.push(event.detail));
    const error = oneEvent(element, 'visio-error');
    await serverAction('delete-room', { room: roomName });
    expect((await error).detail.code).to.equal('room-closed');
    await waitUntil(() => element.status === 'error', 'the error screen');
    await element.updateComplete;
    expect(element.shadowRoot!.querySelector('.error-message')!.textContent.trim()).to.equal(fr.errors['room-closed']);
    expect(events).to.deep.equal([]);
  });

  it('a host lowers a hand and makes someone administrator, then member again, from the participant list', async () => {
    const roomName = uniqueRoom('mod-roles');
    const host = await call(roomName, 'Camille Martin', { backend: moderatingBackend('owner') });
    const peer = hooks.peer(await joinAsPeer(roomName, 'Ana Lopez'));
    const identity = peer.localParticipant.identity;
    await seen(host, identity);
    // Raised by the server, as a backend does (tokens need not let participants write their attributes).
    await serverAction('update-attributes', { room: roomName, identity, attributes: { handRaisedAt: new Date().toISOString() } });
    const list = await participantList(host);
    await waitUntil(() => row(list, identity)?.querySelector('.state.hand'), 'the hand in the list', { timeout: 10_000 });

    const choose = async (action: string) => {
      row(list, identity)!.querySelector<HTMLButtonElement>('[part="menu-button"]')!.click();
      await list.updateComplete;
      row(list, identity)!.querySelector<HTMLButtonElement>(`[data-action="${action}"]`)!.click();
    };
    await choose('lowerHand');
    await waitUntil(() => !peer.localParticipant.attributes.handRaisedAt, 'the hand lowered by the server', { timeout: 10_000 });
    await waitUntil(() => !row(list, identity)!.querySelector('.state.hand'), 'the hand gone from the list', { timeout: 10_000 });
    await waitUntil(() => announced(host) === 'The hand of Ana Lopez was lowered.', `announced: ${announced(host)}`);

    expect(row(list, identity)!.querySelector('[part="role"]')).to.equal(null);
    await choose('makeAdministrator');
    await waitUntil(() => peer.localParticipant.attributes.room_role === 'administrator', 'administrator for the server', { timeout: 10_000 });
    await waitUntil(() => row(list, identity)!.querySelector('[part="role"]')?.textContent === 'Administrator', 'shown in the list', { timeout: 10_000 });
    expect(await host.setParticipantRole(identity, 'member')).to.equal(true);
    await waitUntil(() => peer.localParticipant.attributes.room_role === 'member', 'member again', { timeout: 10_000 });
    await waitUntil(() => !row(list, identity)!.querySelector('[part="role"]'), 'no longer marked', { timeout: 10_000 });
    // The host's own row says Owner.
    expect(row(list, identityOf(host))!.querySelector('[part="role"]')!.textContent).to.equal('Owner');
  });

  it('a member sees no moderation items, whatever the backend offers; the commands do nothing for someone absent', async () => {
    const roomName = uniqueRoom('mod-member');
    const member = await call(roomName, 'Camille Martin', { backend: moderatingBackend('member') });
    const peer = hooks.peer(await joinAsPeer(roomName, 'Ana Lopez'));
    await peer.localParticipant.setMicrophoneEnabled(true);
    const tile = await seen(member, peer.localParticipant.identity);
    await waitUntil(() => !tile.muted, 'the microphone seen on', { timeout: 10_000 });
    menuButton(tile).click();
    await tile.updateComplete;
    expect(items(tile.shadowRoot!)).to.deep.equal(['Pin Ana Lopez']);
    const list = await participantList(member);
    await waitUntil(() => row(list, peer.localParticipant.identity), 'the row');
    expect(row(list, peer.localParticipant.identity)!.querySelector('[part="menu-button"]')).to.equal(null);
    expect(await member.lowerHand('nobody-here')).to.equal(false);
  });

  it('a token that may not publish the camera disables the camera button with the reason; losing the microphone right disables it live and says why', async () => {
    const roomName = uniqueRoom('mod-rights');
    const element = await call(roomName, 'Camille Martin', { endpoint: '/test/token/no-camera' });
    const toggle = (source: string) =>
      element.shadowRoot!.querySelector('visio-controls')!.shadowRoot!.querySelector(`visio-toggle[source="${source}"]`)!.shadowRoot!.querySelector('button')!;
    await waitUntil(() => toggle('camera').getAttribute('aria-disabled') === 'true', 'the camera button disabled', { timeout: 10_000 });
    expect(toggle('camera').getAttribute('title')).to.equal(en.cannotPublishCamera);
    expect(toggle('microphone').getAttribute('aria-disabled')).to.equal('false');
    toggle('camera').click();
    await settle(500);
    expect(element.state.media.camera, 'the camera stays off').to.equal(false);

    const moderated = oneEvent(element, 'visio-moderated');
    await serverAction('set-publish-sources', { room: roomName, identity: identityOf(element), sources: ['screen_share'] });
    await waitUntil(() => toggle('microphone').getAttribute('aria-disabled') === 'true', 'the microphone button disabled', { timeout: 10_000 });
    expect(toggle('microphone').getAttribute('title')).to.equal(en.cannotPublishMicrophone);
    expect(((await moderated) as CustomEvent<VisioModeratedDetail>).detail).to.deep.equal({
      action: 'permissionsRemoved',
      identity: identityOf(element),
      sources: ['microphone'],
    });
    expect(banner(element)).to.equal(fill(en.permissionsRemoved as string, { sources: 'Microphone' }));
  });
});
