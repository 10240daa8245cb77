// The participant list against the real LiveKit server: who is in the call, with their
// microphone and camera state as the other side changes it, opened from the control bar; renaming
// oneself from the list or with setName(), and remote renames shown and announced.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import type { VisioCallElement, VisioParticipantsElement } from '../../src/index.js';
import { en } from '../../src/i18n/en.js';
import { callTestHooks, joinAsPeer, uniqueRoom } from '../support/helpers.js';

describe('<visio-participants> in a call', function () {
  this.timeout(60_000);
  const hooks = callTestHooks();

  const rows = (list: VisioParticipantsElement) =>
    [...list.shadowRoot!.querySelectorAll('[part="participant"]')].map((row) => ({
      name: row.querySelector('.name')?.textContent?.trim() ?? '',
      states: [...row.querySelectorAll('[role="img"]')].map((state) => state.getAttribute('aria-label')),
    }));

  it('lists everyone with their microphone and camera, follows changes, and opens from the keyboard', async () => {
    const roomName = uniqueRoom('people');
    const call = await fixture<VisioCallElement>(
      html`<visio-call lang="en" token-endpoint="/api/token" room=${roomName} name="Camille Martin" audio="off" skip-prejoin></visio-call>`,
    );
    const connected = oneEvent(call, 'visio-connected');
    expect(await call.join()).to.equal(true);
    await connected;
    const peer = hooks.peer(await joinAsPeer(roomName, 'Dominique Bot'));
    await peer.localParticipant.setCameraEnabled(true);

    // Opened with the keyboard from the control bar's named button.
    const button = call.shadowRoot!.querySelector<HTMLButtonElement>('[part="participants-button"]')!;
    expect(button.getAttribute('aria-label')).to.equal(en.participants);
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    button.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => call.shadowRoot!.querySelector('visio-participants'), 'the list shown');
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    const list = call.shadowRoot!.querySelector<VisioParticipantsElement>('visio-participants')!;

    await waitUntil(() => rows(list).length === 2 && rows(list)[1].states.includes(String(en.cameraOn)), 'both people, the peer’s camera on', {
      timeout: 10_000,
    });
    expect(list.shadowRoot!.querySelector('[part="heading"]')!.textContent).to.equal('2 participants');
    expect(rows(list)[0]).to.deep.equal({ name: 'Camille Martin (you)', states: [en.microphoneMuted, en.cameraOn] });
    expect(rows(list)[1]).to.deep.equal({ name: 'Dominique Bot', states: [en.microphoneMuted, en.cameraOn] });

    // The peer turns the microphone on and the camera off: the row follows.
    await peer.localParticipant.setMicrophoneEnabled(true);
    await peer.localParticipant.setCameraEnabled(false);
    await waitUntil(() => rows(list)[1]?.states.join() === [en.microphoneOn, en.cameraOff].join(), 'the peer’s new state', { timeout: 10_000 });

    // The peer leaves: one person left.
    await peer.disconnect();
    await waitUntil(() => rows(list).length === 1, 'the peer gone from the list', { timeout: 10_000 });
    expect(list.shadowRoot!.querySelector('[part="heading"]')!.textContent).to.equal('1 participant');

    button.click();
    await waitUntil(() => !call.shadowRoot!.querySelector('visio-participants'), 'the list closed');
  });

  async function callWithList(prefix: string, endpoint = '/api/token') {
    const roomName = uniqueRoom(prefix);
    const call = await fixture<VisioCallElement>(
      html`<visio-call lang="en" token-endpoint=${endpoint} room=${roomName} name="Camille Martin" audio="off" video="off" skip-prejoin></visio-call>`,
    );
    expect(await call.join()).to.equal(true);
    const peer = hooks.peer(await joinAsPeer(roomName, 'Dominique Bot'));
    call.setPanel('participants');
    await call.updateComplete;
    const list = call.shadowRoot!.querySelector<VisioParticipantsElement>('visio-participants')!;
    await waitUntil(() => rows(list).length === 2, 'both people listed', { timeout: 10_000 });
    return { call, peer, list };
  }

  it('renames oneself from the list: Rename opens a field, Enter saves for everyone, Escape cancels', async () => {
    const { call, peer, list } = await callWithList('rename');
    const identity = call.livekitRoom!.localParticipant.identity;
    const renameButton = () => list.shadowRoot!.querySelector<HTMLButtonElement>('[part="rename-button"]');
    const field = () => list.shadowRoot!.querySelector<HTMLInputElement>('[part="name-input"]');
    await waitUntil(renameButton, 'the local row’s Rename button');
    expect(list.shadowRoot!.querySelectorAll('[part="rename-button"]')).to.have.length(1);
    expect(renameButton()!.closest('[part="participant"]')!.getAttribute('data-identity')).to.equal(identity);
    expect(renameButton()!.textContent.trim()).to.equal(en.rename);

    // Escape closes the field without renaming and gives the focus back to the button.
    renameButton()!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(field, 'the name field');
    expect(field()!.getAttribute('aria-label')).to.equal(en.newName);
    expect(field()!.matches(':focus')).to.equal(true);
    expect(field()!.value).to.equal('Camille Martin');
    await sendKeys({ type: 'x' });
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !field(), 'the field closed');
    expect(call.shadowRoot!.querySelector('visio-participants'), 'the panel stays open').to.exist;
    expect(renameButton()!.matches(':focus')).to.equal(true);
    expect(rows(list)[0].name).to.equal('Camille Martin (you)');

    // Enter saves: the peer sees the new name, the list shows it, getParticipants() has it.
    const changed = oneEvent(call, 'visio-participants-changed');
    renameButton()!.click();
    await waitUntil(field, 'the name field again');
    field()!.select();
    await sendKeys({ type: 'Camille Durand' });
    await sendKeys({ press: 'Enter' });
    await changed;
    await waitUntil(() => peer.remoteParticipants.get(identity)?.name === 'Camille Durand', 'the peer sees the new name', { timeout: 10_000 });
    await waitUntil(() => rows(list)[0]?.name === 'Camille Durand (you)', 'the list shows the new name');
    expect(call.getParticipants()[0].name).to.equal('Camille Durand');
    expect(renameButton()!.matches(':focus')).to.equal(true);
  });

  it('setName() renames during the call; a peer’s rename shows as text and is announced', async () => {
    const { call, peer, list } = await callWithList('rename-remote');
    expect(await call.setName('  Camille D.  ')).to.equal(true);
    const identity = call.livekitRoom!.localParticipant.identity;
    await waitUntil(() => peer.remoteParticipants.get(identity)?.name === 'Camille D.', 'the peer sees the new name', { timeout: 10_000 });
    expect(await call.setName('   ')).to.equal(false);

    // The peer renames itself, with markup in the name: plain text in the list, announced.
    await peer.localParticipant.setName('<b>Dominique</b> Martin');
    await waitUntil(() => rows(list)[1]?.name === '<b>Dominique</b> Martin', 'the list shows the peer’s new name', { timeout: 10_000 });
    expect(list.shadowRoot!.querySelector('b')).to.equal(null);
    const status = call.shadowRoot!.querySelector('[aria-live="polite"]')!;
    await waitUntil(() => status.textContent === 'Dominique Bot is now <b>Dominique</b> Martin', 'the rename announced');
    expect(call.getParticipants()[1].name).to.equal('<b>Dominique</b> Martin');
  });

  it('without canUpdateOwnMetadata: no Rename button, and setName() fails with rename-failed', async () => {
    const { call, peer, list } = await callWithList('rename-denied', '/test/token/no-metadata');
    await list.updateComplete;
    expect(list.shadowRoot!.querySelector('[part="rename-button"]')).to.equal(null);
    const failed = oneEvent(call, 'visio-error');
    expect(await call.setName('Someone else')).to.equal(false);
    const { detail } = await failed;
    expect(detail.code).to.equal('rename-failed');
    expect(detail.message).to.equal(en.errors['rename-failed']);
    await waitUntil(() => call.shadowRoot!.querySelector('[part="banner"][role="alert"]'), 'notice shown');
    expect(call.shadowRoot!.querySelector('[part="banner"][role="alert"] span')!.textContent).to.equal(en.errors['rename-failed']);
    expect(peer.remoteParticipants.get(call.livekitRoom!.localParticipant.identity)?.name).to.equal('Camille Martin');
  });
});
