// Runs in a Chromium with the browsers' default autoplay policy (audio waits for a user gesture;
// see the `autoplay` group in web-test-runner.config.mjs), against the real LiveKit server.
//
// Chromium exempts WebRTC (MediaStream) playback from that policy, so here remote audio must
// simply play, with no "start audio" prompt; the prompt itself appears where a browser does block
// it (Safari, Firefox), which this Chromium-only run cannot show.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import type { VisioCallElement } from '../../src/index.js';
import { callTestHooks, joinAsPeer, uniqueRoom } from '../support/helpers.js';

describe('remote audio under the default autoplay policy', function () {
  this.timeout(60_000);
  const hooks = callTestHooks();

  it('plays a remote microphone joined from script, without asking the user to start audio', async () => {
    const roomName = uniqueRoom('autoplay');
    // Nothing captured locally: a page that captures may autoplay for that reason alone.
    const call = await fixture<VisioCallElement>(
      html`<visio-call lang="en" token-endpoint="/api/token" room=${roomName} name="Camille Martin" audio="off" video="off"></visio-call>`,
    );
    const connected = oneEvent(call, 'visio-connected');
    await call.join();
    await connected;
    expect(navigator.userActivation.hasBeenActive, 'no user gesture so far').to.equal(false);

    const peer = hooks.peer(await joinAsPeer(roomName, 'Dominique Bot'));
    await peer.localParticipant.setMicrophoneEnabled(true);
    const audioRoot = () => call.shadowRoot!.querySelector('visio-audio')?.shadowRoot;
    await waitUntil(() => audioRoot()?.querySelector('audio'), 'remote audio attached', { timeout: 10_000 });
    const audio = audioRoot()!.querySelector('audio')!;
    await waitUntil(() => !audio.paused && audio.currentTime > 1, 'remote audio playing for a second', { timeout: 10_000 });
    expect(call.livekitRoom!.canPlaybackAudio).to.equal(true);
    expect(audioRoot()!.querySelector('[part="start-audio"]')).to.equal(null);
  });
});
