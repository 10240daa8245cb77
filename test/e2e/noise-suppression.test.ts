// Noise suppression against the real server: off, the browser's own (capture constraint) and the
// strong one (RNNoise in WebAssembly, from the built dist/effects/noise/). A plain livekit-client
// peer measures what it receives: with RNNoise on, Chromium's fake microphone (a periodic beep,
// not a voice) arrives much quieter than with suppression off. Switching levels during the call
// keeps the same published, unmuted microphone. Nothing of the suppressor loads while it is off
// (this file's page has loaded no noise file before its first test ends: it runs first).
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { RemoteAudioTrack, Track, type LocalAudioTrack, type Room } from 'livekit-client';
import '../../src/index.js';
import type { VisioCallElement, VisioErrorEvent, VisioSettingsElement } from '../../src/index.js';
import { loadPreferences } from '../../src/core/preferences.js';
import { audioRuns, callTestHooks, framedPageHooks, fetchToken, peerOf, settle, uniqueRoom } from '../support/helpers.js';

/** The calls of the running test, left after it. */
const openCalls: VisioCallElement[] = [];

/** A call with the microphone on and the camera off, its effects from the built dist/effects/ (or `effectsPath`), joined without the prejoin. */
async function callWithMicrophone(level: 'off' | 'browser' | 'strong', effectsPath = '/dist/effects/'): Promise<{ call: VisioCallElement; roomName: string }> {
  const roomName = uniqueRoom('noise');
  const call = await fixture<VisioCallElement>(
    html`<visio-call lang="en" token-endpoint="/api/token" room=${roomName} name="Camille Martin" video="off" skip-prejoin effects-path=${effectsPath}></visio-call>`,
  );
  openCalls.push(call);
  expect(await call.setNoiseSuppression(level)).to.equal(level);
  expect(await call.join()).to.equal(true);
  await waitUntil(() => microphoneOf(call), 'the microphone is published', { timeout: 10_000 });
  return { call, roomName };
}

/** The call's published microphone (the call may come from the bundle in a frame: its classes are not this page's). */
function microphoneOf(call: VisioCallElement): LocalAudioTrack | undefined {
  const track = call.livekitRoom?.localParticipant.getTrackPublication(Track.Source.Microphone)?.track;
  return track?.kind === Track.Kind.Audio ? (track as LocalAudioTrack) : undefined;
}

/** The call's microphone as the peer receives it. */
async function receivedMicrophone(peer: Room, call: VisioCallElement): Promise<RemoteAudioTrack> {
  const identity = call.livekitRoom!.localParticipant.identity;
  let track: RemoteAudioTrack | undefined;
  await waitUntil(
    () => {
      const found = peer.remoteParticipants.get(identity)?.getTrackPublication(Track.Source.Microphone)?.track;
      track = found instanceof RemoteAudioTrack ? found : undefined;
      return track;
    },
    'the peer receives the microphone',
    { timeout: 10_000 },
  );
  return track!;
}

/** Bytes the peer has received of `track` so far. */
async function bytesReceived(track: RemoteAudioTrack): Promise<number> {
  return (await track.getReceiverStats())?.bytesReceived ?? 0;
}

/** Waits until the peer receives more packets of `track`: audio still arrives. */
async function stillReceives(track: RemoteAudioTrack): Promise<void> {
  const before = await bytesReceived(track);
  await waitUntil(async () => (await bytesReceived(track)) > before + 2_000, 'the peer keeps receiving audio', { timeout: 10_000 });
}

/**
 * The energy (mean square of the samples, -1 to 1) of what the peer receives over `ms`, through an
 * AnalyserNode on the received track. Chromium feeds Web Audio a remote WebRTC track only while a media element plays
 * it, so a muted `<audio>` plays it meanwhile.
 */
async function receivedEnergy(track: RemoteAudioTrack, ms = 4_000): Promise<number> {
  const element = document.createElement('audio');
  element.muted = true;
  element.srcObject = new MediaStream([track.mediaStreamTrack]);
  await element.play();
  const context = new AudioContext();
  await context.resume();
  const analyser = context.createAnalyser();
  analyser.fftSize = 2048;
  context.createMediaStreamSource(new MediaStream([track.mediaStreamTrack])).connect(analyser);
  const samples = new Float32Array(analyser.fftSize);
  let sum = 0;
  let count = 0;
  const end = performance.now() + ms;
  while (performance.now() < end) {
    analyser.getFloatTimeDomainData(samples);
    for (const sample of samples) sum += sample * sample;
    count += samples.length;
    await settle(20);
  }
  await context.close();
  element.srcObject = null;
  return sum / count;
}

/**
 * The browser's own noise suppression on the call's microphone capture: what the browser reports
 * in the track's settings. Firefox's fake microphone has no audio processing and reports `false`
 * whatever is asked, so there the constraint the capture was made with is read instead.
 */
function capturedWithSuppression(track: LocalAudioTrack): unknown {
  return navigator.userAgent.includes('Firefox') ? track.constraints.noiseSuppression : track.getSourceTrackSettings().noiseSuppression;
}

/** What the page fetched for noise suppression: its code (the lazy module) and its files. */
const noiseResources = () =>
  performance
    .getEntriesByType('resource')
    .map((entry) => entry.name)
    .filter((name) => /noise-processor|effects\/noise\/|rnnoise/.test(name));

describe('noise suppression', function () {
  this.timeout(120_000);
  const hooks = callTestHooks();
  let webAudio = false;
  // Each call leaves (its microphone capture stopped) before the next test captures the same
  // device: Chromium shares one capture's processing settings with a second capture still open.
  afterEach(() => Promise.all(openCalls.splice(0).map((call) => call.leave())));

  before(async () => {
    // The resource list is checked below: the development server serves each module as its own
    // request, past the browser's default of 250 entries.
    performance.setResourceTimingBufferSize(100_000);
    webAudio = await audioRuns();
  });

  it('loads nothing of the strong suppressor while it is off or standard, and says so in the state and capabilities', async () => {
    const { call, roomName } = await callWithMicrophone('off');
    expect(call.state.noiseSuppression).to.equal('off');
    expect(call.capabilities.noiseSuppression).to.include.members(['off', 'browser']);
    expect(call.capabilities.commands).to.include('setNoiseSuppression');
    const track = microphoneOf(call)!;
    // Off: captured without the browser's own suppression (where the browser reports it).
    expect(capturedWithSuppression(track)).to.equal(false);

    const peer = await peerOf(hooks, call, roomName, 'Dominique Bot');
    const received = await receivedMicrophone(peer, call);
    expect(await call.setNoiseSuppression('browser')).to.equal('browser');
    expect(call.state.noiseSuppression).to.equal('browser');
    expect(capturedWithSuppression(track)).to.equal(true);
    // The same microphone, still published and not muted, and the peer still hears it.
    expect(microphoneOf(call)).to.equal(track);
    expect(call.state.media.microphone).to.equal(true);
    await stillReceives(received);
    expect(noiseResources(), 'noise suppression files fetched while off or standard').to.deep.equal([]);
  });

  it('with strong suppression, the peer receives the fake microphone measurably quieter than with it off; switching back and forth keeps the microphone', async function () {
    const { call, roomName } = await callWithMicrophone('off');
    const track = microphoneOf(call)!;
    const peer = await peerOf(hooks, call, roomName, 'Dominique Bot');
    const received = await receivedMicrophone(peer, call);
    const errors: string[] = [];
    call.addEventListener('visio-error', (event) => errors.push(event.detail.code));

    if (!webAudio) {
      // No Web Audio here (Firefox in this set-up): the strong suppressor cannot run, the browser's own
      // takes over, and the microphone goes on.
      expect(await call.setNoiseSuppression('strong')).to.equal('browser');
      expect(errors).to.deep.equal(['noise-suppression-failed']);
      expect(call.state.noiseSuppression).to.equal('browser');
      expect(microphoneOf(call)).to.equal(track);
      await stillReceives(received);
      return;
    }

    const off = await receivedEnergy(received);
    expect(off, 'the fake microphone is heard with suppression off').to.be.greaterThan(0.000_1);

    expect(await call.setNoiseSuppression('strong')).to.equal('strong');
    expect(errors).to.deep.equal([]);
    expect(call.state.noiseSuppression).to.equal('strong');
    expect(track.getProcessor()?.name).to.equal('visio-noise-suppression');
    // RNNoise replaces the browser's own: captured without it.
    expect(capturedWithSuppression(track)).to.equal(false);
    expect(microphoneOf(call)).to.equal(track);
    expect(call.livekitRoom!.localParticipant.getTrackPublication(Track.Source.Microphone)?.isMuted).to.equal(false);
    await settle(2_000);
    const strong = await receivedEnergy(received);
    expect(strong, `received energy with RNNoise (${strong}) against off (${off})`).to.be.lessThan(off * 0.75);

    // Every file came from this page's origin; the only other origin is the LiveKit server.
    const livekit = new URL((await fetchToken(roomName, 'probe')).server_url.replace(/^ws/, 'http')).origin;
    const origins = new Set(performance.getEntriesByType('resource').map((entry) => new URL(entry.name).origin));
    expect([...origins].filter((origin) => origin !== location.origin && origin !== livekit)).to.deep.equal([]);
    expect(noiseResources().some((name) => name.startsWith(`${location.origin}/dist/effects/noise/rnnoise`))).to.equal(true);

    // Back to the browser's own, then off: the processor goes, the microphone stays, the beep is back.
    expect(await call.setNoiseSuppression('browser')).to.equal('browser');
    expect(track.getProcessor()).to.equal(undefined);
    expect(capturedWithSuppression(track)).to.equal(true);
    await stillReceives(received);
    expect(await call.setNoiseSuppression('off')).to.equal('off');
    expect(microphoneOf(call)).to.equal(track);
    await settle(2_000);
    const offAgain = await receivedEnergy(received);
    // A smaller margin than for `strong` against `off`: "off again" varies more than the first "off"
    // (0.0065-0.0102 against 0.0086-0.0113 in fifteen CI runs, quieter than it in twelve; the capture
    // is taken again on leaving `browser`). Against `strong` it was 1.40x to 2.51x, and once 1.33x,
    // which failed the 1.33x margin this replaced. RNNoise left on would give about 1x.
    expect(offAgain, `received energy off again (${offAgain}) against strong (${strong})`).to.be.greaterThan(strong * 1.15);
    console.log(`noise suppression: received energy off ${off}, strong ${strong}, off again ${offAgain}`);
    expect(errors).to.deep.equal([]);
  });

  it('falls back to the browser’s own, with the microphone on, when the suppressor’s files cannot be loaded', async () => {
    const { call, roomName } = await callWithMicrophone('browser', '/no-such-folder/');
    const track = microphoneOf(call)!;
    const peer = await peerOf(hooks, call, roomName, 'Dominique Bot');
    const received = await receivedMicrophone(peer, call);
    const failed = oneEvent<VisioErrorEvent>(call, 'visio-error');
    expect(await call.setNoiseSuppression('strong')).to.equal('browser');
    const { detail } = await failed;
    expect(detail.code).to.equal('noise-suppression-failed');
    expect(detail.message).to.equal(
      'Strong noise reduction could not start. Your browser’s own noise reduction is on instead, and your microphone still works.',
    );
    expect(call.state.noiseSuppression).to.equal('browser');
    expect(track.getProcessor()).to.equal(undefined);
    expect(microphoneOf(call)).to.equal(track);
    expect(call.state.media.microphone).to.equal(true);
    await stillReceives(received);
  });

  it('is chosen in the prejoin and changed in the settings during the call, and remembered', async () => {
    const roomName = uniqueRoom('noise-ui');
    const call = await fixture<VisioCallElement>(
      html`<visio-call lang="en" token-endpoint="/api/token" room=${roomName} name="Camille Martin" video="off" effects-path="/dist/effects/"></visio-call>`,
    );
    const prejoin = call.shadowRoot!.querySelector('visio-prejoin')!;
    await waitUntil(() => prejoin.shadowRoot?.querySelector('[part="noise-suppression"]'), 'the prejoin offers noise suppression', { timeout: 10_000 });
    const select = prejoin.shadowRoot!.querySelector<HTMLSelectElement>('[part="noise-suppression"]')!;
    // The browser's own by default, as in every call service; each option named.
    expect(select.value).to.equal('browser');
    expect([...select.options].map((option) => option.textContent.trim())).to.deep.equal(['Off', 'Standard (browser)', 'Strong']);
    expect(select.labels?.[0]?.textContent.trim()).to.equal('Noise reduction');
    select.value = 'strong';
    select.dispatchEvent(new Event('change'));
    await prejoin.updateComplete;
    await executeServerCommand('save-screenshot', { name: 'noise-prejoin' });
    prejoin.shadowRoot!.querySelector<HTMLButtonElement>('[part="join-button"]')!.click();
    await waitUntil(() => call.status === 'connected' && microphoneOf(call), 'joined with the microphone', { timeout: 15_000 });
    // Where Web Audio cannot run (Firefox here), strong falls back to the browser's own.
    const applied = webAudio ? 'strong' : 'browser';
    await waitUntil(
      () => call.state.noiseSuppression === applied && (applied !== 'strong' || microphoneOf(call)!.getProcessor()?.name === 'visio-noise-suppression'),
      'the prejoin’s choice applies',
      { timeout: 15_000 },
    );

    const settings = call.shadowRoot!.querySelector<VisioSettingsElement>('visio-settings')!;
    await settings.showSettings();
    await settings.updateComplete;
    const inSettings = settings.shadowRoot!.querySelector<HTMLSelectElement>('[part="noise-suppression"]')!;
    expect(inSettings.value).to.equal(call.state.noiseSuppression);
    await executeServerCommand('save-screenshot', { name: 'noise-settings' });
    inSettings.value = 'off';
    inSettings.dispatchEvent(new Event('change'));
    await waitUntil(() => call.state.noiseSuppression === 'off' && !microphoneOf(call)!.getProcessor(), 'off from the settings', { timeout: 15_000 });
    await settings.updateComplete;
    expect(settings.shadowRoot!.querySelector<HTMLSelectElement>('[part="noise-suppression"]')!.value).to.equal('off');
    expect(call.state.media.microphone).to.equal(true);
    expect(loadPreferences().noiseSuppression).to.equal('off');
    settings.close();
  });
});

type FrameWindow = Window & typeof globalThis & { cspViolations: Array<{ directive: string; blocked: string }>; unhandledRejections: string[] };

/**
 * The built bundle in a same-origin frame whose only policy is a `script-src` (test/support/noise-csp-*.html):
 * `wasm`, the guide's `'self' 'wasm-unsafe-eval'`; `strict`, `'self'` alone. Its effects come from
 * beside the bundle (/dist/effects/), as on a portal that serves dist/.
 */
async function pageWithScriptPolicy(policy: 'wasm' | 'strict'): Promise<{ frame: HTMLIFrameElement; win: FrameWindow; doc: Document }> {
  const frame = document.createElement('iframe');
  frame.src = `/test/support/noise-csp-${policy}.html`;
  document.body.append(frame);
  await waitUntil(() => (frame.contentWindow as FrameWindow | null)?.customElements?.get('visio-call'), 'the bundle loaded in the frame', { timeout: 15_000 });
  return { frame, win: frame.contentWindow as FrameWindow, doc: frame.contentDocument! };
}

describe('noise suppression under a Content Security Policy (built bundle)', function () {
  this.timeout(120_000);
  const hooks = callTestHooks();
  const frames = framedPageHooks();

  async function strongIn(policy: 'wasm' | 'strict') {
    const page = await pageWithScriptPolicy(policy);
    frames.keep(page.frame);
    const roomName = uniqueRoom('noise-csp');
    const call = page.doc.createElement('visio-call');
    for (const [name, value] of Object.entries({
      lang: 'en',
      'token-endpoint': '/api/token',
      room: roomName,
      name: 'Camille Martin',
      video: 'off',
      'skip-prejoin': '',
    })) {
      call.setAttribute(name, value);
    }
    page.doc.body.append(call);
    const errors: string[] = [];
    call.addEventListener('visio-error', (event) => errors.push(event.detail.code));
    expect(await call.join()).to.equal(true);
    await waitUntil(() => microphoneOf(call), 'the microphone is published', { timeout: 10_000 });
    const peer = await peerOf(hooks, call, roomName, 'Dominique Bot');
    const received = await receivedMicrophone(peer, call);
    const level = await call.setNoiseSuppression('strong');
    return { ...page, call, errors, level, received };
  }

  it('runs with the directives the guide gives (script-src with wasm-unsafe-eval), nothing blocked', async () => {
    const { win, call, errors, level, received } = await strongIn('wasm');
    if (await audioRuns()) {
      expect(errors).to.deep.equal([]);
      expect(level).to.equal('strong');
      expect(microphoneOf(call)!.getProcessor()?.name).to.equal('visio-noise-suppression');
    } else {
      // No Web Audio here (Firefox in this set-up): the fallback, not a policy violation.
      expect(level).to.equal('browser');
    }
    await stillReceives(received);
    expect(win.cspViolations).to.deep.equal([]);
    expect(win.unhandledRejections).to.deep.equal([]);
  });

  it('fails with noise-suppression-failed, the browser’s own on and the microphone going on, when the policy forbids WebAssembly', async () => {
    const { win, call, errors, level, received } = await strongIn('strict');
    expect(level).to.equal('browser');
    expect(errors).to.deep.equal(['noise-suppression-failed']);
    expect(call.state.noiseSuppression).to.equal('browser');
    expect(microphoneOf(call)!.getProcessor()).to.equal(undefined);
    expect(call.state.media.microphone).to.equal(true);
    await stillReceives(received);
    expect(win.unhandledRejections).to.deep.equal([]);
  });
});
