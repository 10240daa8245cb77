// The participant list against the real LiveKit server: who is in the call, with their
// microphone and camera state as the other side changes it, opened from the control bar.
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
      name: row.querySelector('.name')!.textContent.trim(),
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

    await waitUntil(() => rows(list).length === 2 && rows(list)[1].states.includes(String(en.cameraOn)), 'both people, the peer’s camera on', { timeout: 10_000 });
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
});
