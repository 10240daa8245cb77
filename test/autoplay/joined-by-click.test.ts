// A user who joins with a click is never asked to start audio: the click that joins also unlocks
// playback, even where the browser blocks audible media without a gesture (Firefox). Its own file,
// so that no earlier test's click has already activated the page.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import { observeAudioPlayback } from '../../src/core/observe.js';
import type { VisioCallElement } from '../../src/index.js';
import { publishAudio, realClick } from '../support/autoplay.js';
import { callTestHooks, uniqueRoom } from '../support/helpers.js';

describe('remote audio after joining with a click', function () {
  this.timeout(60_000);
  const hooks = callTestHooks();

  it('plays without a "start audio" prompt', async () => {
    const roomName = uniqueRoom('clicked');
    const call = await fixture<VisioCallElement>(
      html`<visio-call lang="en" token-endpoint="/api/token" room=${roomName} name="Camille Martin" audio="off" video="off" skip-prejoin></visio-call>`,
    );
    expect(navigator.userActivation?.hasBeenActive ?? false, 'no user gesture before the click').to.equal(false);
    const connected = oneEvent(call, 'visio-connected');
    await realClick(call.shadowRoot!.querySelector('[part="join-button"]')!);
    await connected;
    // Watch every frame whether the prompt is on screen, however briefly.
    let promptSeen = false;
    let watching = true;
    const watch = () => {
      if (call.shadowRoot!.querySelector('visio-audio')?.shadowRoot?.querySelector('[part="start-audio"]')) promptSeen = true;
      if (watching) requestAnimationFrame(watch);
    };
    requestAnimationFrame(watch);

    await publishAudio(roomName, hooks);
    const audioRoot = () => call.shadowRoot!.querySelector('visio-audio')?.shadowRoot;
    await waitUntil(() => audioRoot()?.querySelector('audio'), 'remote audio attached', { timeout: 10_000 });
    const audio = audioRoot()!.querySelector('audio')!;
    await waitUntil(() => !audio.paused && audio.currentTime > 1, 'remote audio playing for a second', { timeout: 10_000 });
    let heard: boolean | undefined;
    observeAudioPlayback(call.livekitRoom!, (value) => (heard = value))();
    expect(heard, 'the call knows the audio is heard').to.equal(true);
    // The prompt shows only after a block that lasts a second (PROMPT_DELAY_MS): none comes.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    watching = false;
    expect(promptSeen, 'the prompt never showed').to.equal(false);
    expect(audioRoot()!.querySelector('[part="start-audio"]')).to.equal(null);
  });
});
