// Runs in a Chromium that refuses camera and microphone access (see the `denied` group in
// web-test-runner.config.mjs), against the real LiveKit server: the user is told how to allow it,
// can still join to listen and watch, and once access is allowed (through Chromium's permission
// controls, test/support/permission-plugin.mjs) the preview starts without a reload.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { Track } from 'livekit-client';
import '../../src/index.js';
import type { VisioCallElement, VisioErrorEvent } from '../../src/index.js';
import { en } from '../../src/i18n/en.js';
import { fr } from '../../src/i18n/fr.js';
import { callTestHooks, joinAsPeer, tileOf, uniqueRoom, videoOf, waitForFrames } from '../support/helpers.js';

/** A camera for the peer that needs no permission: a small canvas, redrawn so it sends frames. */
function canvasCamera(): { track: MediaStreamTrack; stop(): void } {
  const canvas = document.createElement('canvas');
  canvas.width = 160;
  canvas.height = 120;
  const context = canvas.getContext('2d')!;
  let hue = 0;
  const timer = setInterval(() => {
    context.fillStyle = `hsl(${(hue += 20) % 360} 80% 50%)`;
    context.fillRect(0, 0, canvas.width, canvas.height);
  }, 100);
  const track = canvas.captureStream(10).getVideoTracks()[0];
  return { track, stop: () => (clearInterval(timer), track.stop()) };
}

describe('camera and microphone access denied', function () {
  this.timeout(60_000);
  const hooks = callTestHooks();
  afterEach(() => executeServerCommand('set-media-permission', { granted: false }));

  it('says how to allow access, fires visio-error, and still joins to listen and watch', async () => {
    const roomName = uniqueRoom('denied');
    const errors: VisioErrorEvent[] = [];
    const wrapper = await fixture<HTMLDivElement>(html`<div @visio-error=${(event: VisioErrorEvent) => errors.push(event)}>
      <visio-call lang="en" token-endpoint="/api/token" room=${roomName} name="Camille Martin"></visio-call>
    </div>`);
    const call = wrapper.querySelector<VisioCallElement>('visio-call')!;
    await waitUntil(() => call.shadowRoot!.querySelector('visio-prejoin')?.shadowRoot?.querySelector('[part="error"]'), 'message shown', {
      timeout: 10_000,
    });
    const prejoin = call.shadowRoot!.querySelector('visio-prejoin')!;
    const messages = [...prejoin.shadowRoot!.querySelectorAll('[part="error"]')];
    expect(messages.map((message) => message.textContent)).to.deep.equal([en.errors['media-permission-denied']]);
    expect(messages[0].getAttribute('role')).to.equal('alert');
    expect(errors.map((event) => event.detail.code)).to.include('media-permission-denied');
    expect(errors.every((event) => event.detail.code === 'media-permission-denied')).to.equal(true);
    expect(prejoin.shadowRoot!.querySelector('video:not([hidden])')).to.equal(null);

    // The message follows the language.
    call.lang = 'fr';
    await waitUntil(() => prejoin.shadowRoot!.querySelector('[part="error"]')!.textContent === fr.errors['media-permission-denied'], 'in French');
    call.lang = 'en';

    const camera = canvasCamera();
    const peer = hooks.peer(await joinAsPeer(roomName, 'Dominique Bot'));
    try {
      await peer.localParticipant.publishTrack(camera.track, { source: Track.Source.Camera });
      const connected = oneEvent(call, 'visio-connected');
      prejoin.shadowRoot!.querySelector<HTMLButtonElement>('[part="join-button"]')!.click();
      await connected;

      // Receive-only: the peer's video is decoded, nothing is published, no further error.
      const identity = peer.localParticipant.identity;
      await waitUntil(() => tileOf(call, identity)?.shadowRoot?.querySelector('video:not([hidden])'), 'remote video shown', { timeout: 15_000 });
      expect(await waitForFrames(videoOf(tileOf(call, identity)!))).to.be.at.least(10);
      expect(call.livekitRoom!.localParticipant.trackPublications.size).to.equal(0);
      expect(call.status).to.equal('connected');
      expect(errors.every((event) => event.detail.code === 'media-permission-denied')).to.equal(true);
    } finally {
      camera.stop();
    }
  });

  it('access allowed in the site settings while the prejoin is open: the preview starts, the message goes', async () => {
    const call = await fixture<VisioCallElement>(
      html`<visio-call lang="en" token-endpoint="/api/token" room=${uniqueRoom('allowed')} name="Camille Martin"></visio-call>`,
    );
    const root = () => call.shadowRoot!.querySelector('visio-prejoin')?.shadowRoot;
    await waitUntil(() => root()?.querySelector('[part="error"]'), 'denied first', { timeout: 10_000 });

    await executeServerCommand('set-media-permission', { granted: true });
    await waitUntil(() => root()!.querySelector('video:not([hidden])'), 'preview started', { timeout: 20_000 });
    expect(await waitForFrames(root()!.querySelector('video')!)).to.be.at.least(10);
    await waitUntil(() => !root()!.querySelector('[part="error"]'), 'message gone');
  });
});
