// Runs in browsers with their default autoplay policy (audio waits for a user gesture; see the
// `autoplay` groups in web-test-runner.config.mjs), against the real LiveKit server.
//
// Chromium exempts WebRTC (MediaStream) playback from that policy: remote audio must simply play,
// with no "start audio" prompt. Firefox blocks it like any other audible media: the element must
// show one "start audio" button, and a real click on it must make the audio play.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import { observeAudioPlayback } from '../../src/core/observe.js';
import type { VisioCallElement } from '../../src/index.js';
import { en } from '../../src/i18n/en.js';
import { blocksMediaStreamAudio, publishAudio, realClick } from '../support/autoplay.js';
import { callTestHooks, uniqueRoom } from '../support/helpers.js';

describe('remote audio under the default autoplay policy', function () {
  this.timeout(60_000);
  const hooks = callTestHooks();

  it(
    blocksMediaStreamAudio
      ? 'asks once to start audio when the browser blocks it, and plays after a click'
      : 'plays a remote microphone joined from script, without asking the user to start audio',
    async () => {
      const roomName = uniqueRoom('autoplay');
      const call = await fixture<VisioCallElement>(
        html`<visio-call lang="en" token-endpoint="/api/token" room=${roomName} name="Camille Martin" audio="off" video="off"></visio-call>`,
      );
      const connected = oneEvent(call, 'visio-connected');
      await call.join();
      await connected;
      expect(navigator.userActivation?.hasBeenActive ?? false, 'no user gesture so far').to.equal(false);

      await publishAudio(roomName, hooks);
      const audioRoot = () => call.shadowRoot!.querySelector('visio-audio')?.shadowRoot;
      await waitUntil(() => audioRoot()?.querySelector('audio'), 'remote audio attached', { timeout: 10_000 });
      const audio = audioRoot()!.querySelector('audio')!;
      const startAudio = () => audioRoot()!.querySelector<HTMLButtonElement>('[part="start-audio"]');

      if (blocksMediaStreamAudio) {
        await waitUntil(startAudio, '"start audio" offered', { timeout: 10_000 });
        expect(audioRoot()!.querySelectorAll('[part="start-audio"]').length).to.equal(1);
        expect(startAudio()!.textContent.trim()).to.equal(en.startAudio);
        await realClick(startAudio()!);
        await waitUntil(() => !startAudio(), 'prompt gone after the click', { timeout: 10_000 });
      }
      await waitUntil(() => !audio.paused && audio.currentTime > 1, 'remote audio playing for a second', { timeout: 10_000 });
      let heard: boolean | undefined;
      observeAudioPlayback(call.livekitRoom!, (value) => (heard = value))();
      expect(heard, 'the call knows the audio is heard').to.equal(true);
      // The prompt shows only after a block that lasts a second (PROMPT_DELAY_MS): none comes.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(startAudio()).to.equal(null);
    },
  );
});
