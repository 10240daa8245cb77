// Runs in a Chromium with microphones and no camera (see the `no-camera` group in
// web-test-runner.config.mjs), against the real LiveKit server.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { Track } from 'livekit-client';
import '../../src/index.js';
import type { VisioCallElement, VisioErrorEvent } from '../../src/index.js';
import { en } from '../../src/i18n/en.js';
import { callTestHooks, uniqueRoom } from '../support/helpers.js';

describe('no camera on this computer', function () {
  this.timeout(60_000);
  callTestHooks();

  it('says so, keeps the microphone working, and joins with the microphone only', async () => {
    const errors: string[] = [];
    const wrapper = await fixture<HTMLDivElement>(html`<div @visio-error=${(event: VisioErrorEvent) => errors.push(event.detail.code)}>
      <visio-call lang="en" token-endpoint="/api/token" room=${uniqueRoom('nocam')} name="Camille Martin"></visio-call>
    </div>`);
    const call = wrapper.querySelector<VisioCallElement>('visio-call')!;
    const root = () => call.shadowRoot!.querySelector('visio-prejoin')?.shadowRoot;
    await waitUntil(() => root()?.querySelector('[part="error"]'), 'message shown', { timeout: 10_000 });
    expect(root()!.querySelector('[part="error"]')!.textContent).to.equal(en.errors['media-device-not-found']);
    expect(errors).to.deep.equal(['media-device-not-found']);

    // The microphone was not taken down with the camera: its level moves.
    const meter = root()!.querySelector('[role="meter"]')!;
    await waitUntil(() => Number(meter.getAttribute('aria-valuenow')) > 0, 'microphone level', { timeout: 10_000, interval: 50 });
    const cameraList = root()!.querySelector('visio-device-select[kind="videoinput"]')!.shadowRoot!.querySelector('select')!;
    expect(cameraList.disabled).to.equal(true);
    expect(cameraList.textContent.trim()).to.equal(en.noDeviceFound);

    const connected = oneEvent(call, 'visio-connected');
    root()!.querySelector<HTMLButtonElement>('[part="join-button"]')!.click();
    await connected;
    const local = call.livekitRoom!.localParticipant;
    await waitUntil(() => local.getTrackPublication(Track.Source.Microphone)?.track, 'microphone published', { timeout: 10_000 });
    expect(local.getTrackPublication(Track.Source.Camera)).to.equal(undefined);
    expect(errors, 'no second error for the camera on join').to.deep.equal(['media-device-not-found']);
  });
});
