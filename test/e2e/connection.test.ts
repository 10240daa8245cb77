// What the user sees when the connection or the server ends or interrupts the call, against the
// real LiveKit server: a moderator removing them, the same person joining from another window,
// and a connection that drops and comes back.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { Room } from 'livekit-client';
import '../../src/index.js';
import type { VisioCallElement } from '../../src/index.js';
import { en } from '../../src/i18n/en.js';
import { callTestHooks, joinAsPeer, tileOf, uniqueRoom, videoOf, waitForFrames } from '../support/helpers.js';

describe('the call ended or interrupted from outside', function () {
  this.timeout(60_000);
  const hooks = callTestHooks();
  let peer: Room | undefined;

  async function join(roomName: string, endpoint = '/api/token') {
    const call = await fixture<VisioCallElement>(
      html`<visio-call lang="en" token-endpoint=${endpoint} room=${roomName} name="Camille Martin" audio="off"></visio-call>`,
    );
    const connected = oneEvent(call, 'visio-connected');
    await call.join();
    await connected;
    return call;
  }

  /** The error screen's message, once shown. */
  async function shownError(call: VisioCallElement) {
    await call.updateComplete;
    return call.shadowRoot!.querySelector('[role="alert"] .error-message')?.textContent;
  }

  it('removed by the server: a translated message, the events, and a retry that works', async () => {
    const roomName = uniqueRoom('removed');
    const call = await join(roomName);
    const error = oneEvent(call, 'visio-error');
    const disconnected = oneEvent(call, 'visio-disconnected');
    await fetch('/test/server/remove-participant', {
      method: 'POST',
      body: JSON.stringify({ room: roomName, identity: call.livekitRoom!.localParticipant.identity }),
    });

    expect((await error).detail.code).to.equal('removed-from-room');
    expect((await disconnected).detail.reason).to.equal('removed-from-room');
    expect(call.status).to.equal('error');
    expect(await shownError(call)).to.equal(en.errors['removed-from-room']);

    const reconnected = oneEvent(call, 'visio-connected');
    call.shadowRoot!.querySelector<HTMLButtonElement>('[part="join-button"]')!.click();
    await reconnected;
    expect(call.status).to.equal('connected');
  });

  it('the same person joining from another window: this window says so', async () => {
    const roomName = uniqueRoom('twice');
    const call = await join(roomName, '/test/token/same-identity');
    const error = oneEvent(call, 'visio-error');

    const response = await fetch('/test/token/same-identity', {
      method: 'POST',
      body: JSON.stringify({ room_name: roomName, participant_name: 'Camille Martin' }),
    });
    const { server_url, participant_token } = await response.json();
    peer = hooks.peer(new Room());
    await peer.connect(server_url, participant_token);

    expect((await error).detail.code).to.equal('duplicate-identity');
    expect(await shownError(call)).to.equal(en.errors['duplicate-identity']);
  });

  for (const scenario of ['signal-reconnect', 'full-reconnect'] as const) {
    it(`a dropped connection (${scenario}): "reconnecting" shown, then the call goes on`, async () => {
      const roomName = uniqueRoom('drop');
      const call = await join(roomName);
      peer = hooks.peer(await joinAsPeer(roomName, 'Dominique Bot'));
      await peer.localParticipant.setCameraEnabled(true);
      const identity = peer.localParticipant.identity;
      await waitUntil(() => tileOf(call, identity)?.shadowRoot?.querySelector('video:not([hidden])'), 'remote video', { timeout: 15_000 });

      const banner = () => call.shadowRoot!.querySelector('[part="banner"][role="status"]')?.textContent?.trim();
      await call.livekitRoom!.simulateScenario(scenario);
      await waitUntil(() => call.status === 'reconnecting', 'reconnecting', { timeout: 5_000, interval: 5 });
      await call.updateComplete;
      expect(banner()).to.equal(en.reconnecting);
      await waitUntil(() => call.status === 'connected', 'connected again', { timeout: 20_000 });
      await call.updateComplete;
      expect(banner()).to.equal(undefined);
      // Still in the call: the same remote tile decodes new frames.
      await waitUntil(() => tileOf(call, identity), 'remote tile after reconnecting', { timeout: 10_000 });
      expect(await waitForFrames(videoOf(tileOf(call, identity)!))).to.be.at.least(10);
    });
  }
});
