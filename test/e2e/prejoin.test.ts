// The prejoin and devices against the real LiveKit server, with Chromium's fake devices
// (--use-fake-device-for-media-stream=device-count=3: three cameras, the first with a green square
// top right, the third with a yellow one; three microphones that beep).
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { Track } from 'livekit-client';
import '../../src/index.js';
import type { VisioCallElement, VisioPrejoinElement } from '../../src/index.js';
import { PREFERENCES_KEY, loadPreferences } from '../../src/core/preferences.js';
import { en } from '../../src/i18n/en.js';
import { restoreDevices, unplug } from '../support/devices.js';
import { callTestHooks, receivedCamera, cornerRed, joinAsPeer, uniqueRoom, waitForFrames } from '../support/helpers.js';

const prejoinOf = (call: VisioCallElement) => call.shadowRoot!.querySelector('visio-prejoin')!;
const inPrejoin = <T extends Element>(prejoin: VisioPrejoinElement, selector: string) => prejoin.shadowRoot!.querySelector<T>(selector);
const selectOf = (root: ParentNode, kind: string) => root.querySelector(`visio-device-select[kind="${kind}"]`)!.shadowRoot!.querySelector('select')!;

async function cameras(): Promise<MediaDeviceInfo[]> {
  return (await navigator.mediaDevices.enumerateDevices()).filter((device) => device.kind === 'videoinput');
}

describe('<visio-prejoin> and devices', function () {
  this.timeout(60_000);
  const hooks = callTestHooks();
  let peerVideo: HTMLVideoElement | undefined;

  afterEach(() => {
    restoreDevices();
    peerVideo?.remove();
    peerVideo = undefined;
    localStorage.removeItem(PREFERENCES_KEY);
  });

  async function callElement(roomName: string, extra = '') {
    const call = await fixture<VisioCallElement>(
      html`<visio-call lang="en" token-endpoint="/api/token" room=${roomName} name="Camille Martin" ?name-locked=${extra === 'locked'}></visio-call>`,
    );
    await waitUntil(() => prejoinOf(call)?.shadowRoot, 'prejoin shown');
    return call;
  }

  it('shows the camera preview (decoded frames) and a microphone level that moves', async () => {
    const call = await callElement(uniqueRoom('preview'));
    const prejoin = prejoinOf(call);
    await waitUntil(() => inPrejoin<HTMLVideoElement>(prejoin, 'video:not([hidden])'), 'preview shown', { timeout: 10_000 });
    expect(await waitForFrames(inPrejoin<HTMLVideoElement>(prejoin, 'video')!)).to.be.at.least(10);

    const meter = inPrejoin<HTMLElement>(prejoin, '[role="meter"]')!;
    expect(meter.getAttribute('aria-label')).to.equal(en.microphoneLevel);
    const levels = new Set<number>();
    await waitUntil(
      () => {
        levels.add(Number(meter.getAttribute('aria-valuenow')));
        // The fake microphone beeps at one loudness: the level rises with each beep and falls
        // between them (two values at least, one of them above 0).
        return levels.size >= 2 && Math.max(...levels) > 0;
      },
      'the level follows the fake microphone',
      { timeout: 10_000, interval: 50 },
    ).catch((error: Error) => {
      throw new Error(`${error.message}: ${[...levels].join(', ')}`);
    });

    // Microphone and camera off: the preview and the meter stop, the buttons say so.
    const [mic, camera] = prejoin.shadowRoot!.querySelectorAll<HTMLButtonElement>('.toggles button');
    expect(mic.getAttribute('aria-label')).to.equal(en.microphone);
    mic.click();
    camera.click();
    await waitUntil(() => mic.getAttribute('aria-pressed') === 'false' && camera.getAttribute('aria-pressed') === 'false', 'both off');
    await waitUntil(() => meter.getAttribute('aria-valuenow') === '0' && inPrejoin(prejoin, 'video[hidden]'), 'preview and meter stopped');

    // The name is pre-filled and editable.
    const input = inPrejoin<HTMLInputElement>(prejoin, 'input')!;
    expect(input.value).to.equal('Camille Martin');
    expect(input.readOnly).to.equal(false);
  });

  it('joins with the preview’s camera (not opened again), and remembers the choices', async () => {
    const roomName = uniqueRoom('handover');
    const call = await callElement(roomName, 'locked');
    const prejoin = prejoinOf(call);
    expect(inPrejoin<HTMLInputElement>(prejoin, 'input')!.readOnly).to.equal(true);
    await waitUntil(() => prejoin.shadowRoot!.querySelector('video:not([hidden])'), 'preview', { timeout: 10_000 });
    const previewTrack = (inPrejoin<HTMLVideoElement>(prejoin, 'video')!.srcObject as MediaStream).getVideoTracks()[0];

    const request = oneEvent(call, 'visio-join-request');
    const connected = oneEvent(call, 'visio-connected');
    inPrejoin<HTMLButtonElement>(prejoin, '[part="join-button"]')!.click();
    expect((await request).detail).to.include({ name: 'Camille Martin', audioEnabled: true, videoEnabled: true });
    await connected;
    const local = call.livekitRoom!.localParticipant;
    await waitUntil(() => local.getTrackPublication(Track.Source.Camera)?.track, 'camera published', { timeout: 10_000 });
    expect(local.getTrackPublication(Track.Source.Camera)!.track!.mediaStreamTrack).to.equal(previewTrack);
    expect(previewTrack.readyState).to.equal('live');

    const peer = hooks.peer(await joinAsPeer(roomName, 'Dominique Bot'));
    peerVideo = await receivedCamera(peer, local.identity);
    expect(await waitForFrames(peerVideo)).to.be.at.least(10);

    const remembered = loadPreferences();
    expect(remembered).to.include({ audioEnabled: true, videoEnabled: true });
    expect(remembered.videoInput).to.equal(previewTrack.getSettings().deviceId);
    expect(remembered.name, 'a locked name is the portal’s, not remembered').to.equal(undefined);
  });

  it('a join the host refuses leaves the preview running; the next join publishes that same camera', async () => {
    const call = await callElement(uniqueRoom('refused'));
    const prejoin = prejoinOf(call);
    await waitUntil(() => prejoin.shadowRoot!.querySelector('video:not([hidden])'), 'preview', { timeout: 10_000 });
    const video = inPrejoin<HTMLVideoElement>(prejoin, 'video')!;
    const previewTrack = (video.srcObject as MediaStream).getVideoTracks()[0];

    const refuse = (event: Event) => event.preventDefault();
    call.addEventListener('visio-join-request', refuse);
    const request = oneEvent(call, 'visio-join-request');
    inPrejoin<HTMLButtonElement>(prejoin, '[part="join-button"]')!.click();
    await request;
    await call.updateComplete;
    expect(call.status).to.equal('idle');
    expect(prejoinOf(call)).to.equal(prejoin);
    expect(previewTrack.readyState, 'the camera was not stopped').to.equal('live');
    expect(await waitForFrames(video), 'the preview keeps showing video').to.be.at.least(10);

    call.removeEventListener('visio-join-request', refuse);
    const connected = oneEvent(call, 'visio-connected');
    inPrejoin<HTMLButtonElement>(prejoin, '[part="join-button"]')!.click();
    await connected;
    const local = call.livekitRoom!.localParticipant;
    await waitUntil(() => local.getTrackPublication(Track.Source.Camera)?.track, 'camera published', { timeout: 10_000 });
    expect(local.getTrackPublication(Track.Source.Camera)!.track!.mediaStreamTrack).to.equal(previewTrack);
  });

  it('reuses a remembered camera, and falls back to the default one when it is gone', async () => {
    const [, , second] = await cameras();
    expect(second, 'Chromium offers a third fake camera').to.not.equal(undefined);
    localStorage.setItem(PREFERENCES_KEY, JSON.stringify({ videoInput: second.deviceId, audioEnabled: false }));
    let call = await callElement(uniqueRoom('remembered'));
    let prejoin = prejoinOf(call);
    await waitUntil(() => prejoin.shadowRoot!.querySelector('video:not([hidden])'), 'preview', { timeout: 10_000 });
    const track = () => (inPrejoin<HTMLVideoElement>(prejoin, 'video')!.srcObject as MediaStream).getVideoTracks()[0];
    expect(track().getSettings().deviceId).to.equal(second.deviceId);
    expect(track().label).to.equal(second.label);
    await waitUntil(() => selectOf(prejoin.shadowRoot!, 'videoinput').value === second.deviceId, 'the list shows it');
    // The remembered "microphone off" applies too.
    expect(prejoin.shadowRoot!.querySelector('.toggles button')!.getAttribute('aria-pressed')).to.equal('false');
    call.remove();

    localStorage.setItem(PREFERENCES_KEY, JSON.stringify({ videoInput: 'a-camera-unplugged-since-last-time' }));
    call = await callElement(uniqueRoom('remembered'));
    prejoin = prejoinOf(call);
    await waitUntil(() => prejoin.shadowRoot!.querySelector('video:not([hidden])'), 'preview on the default camera', { timeout: 10_000 });
    const [first] = await cameras();
    expect(track().getSettings().deviceId).to.equal(first.deviceId);
    expect(await waitForFrames(inPrejoin<HTMLVideoElement>(prejoin, 'video')!)).to.be.at.least(5);
  });

  it('skip-prejoin: a plain join button, and the remembered camera is used; autojoin: no screen at all', async () => {
    const [, , third] = await cameras();
    localStorage.setItem(PREFERENCES_KEY, JSON.stringify({ videoInput: third.deviceId }));
    const call = await fixture<VisioCallElement>(
      html`<visio-call lang="en" token-endpoint="/api/token" room=${uniqueRoom('skip')} name="Camille Martin" audio="off" skip-prejoin></visio-call>`,
    );
    expect(call.shadowRoot!.querySelector('visio-prejoin')).to.equal(null);
    const connected = oneEvent(call, 'visio-connected');
    call.shadowRoot!.querySelector<HTMLButtonElement>('[part="join-button"]')!.click();
    await connected;
    const local = call.livekitRoom!.localParticipant;
    await waitUntil(() => local.getTrackPublication(Track.Source.Camera)?.track, 'camera published', { timeout: 10_000 });
    expect(local.getTrackPublication(Track.Source.Camera)!.track!.mediaStreamTrack.getSettings().deviceId).to.equal(third.deviceId);
    call.remove();

    const auto = await fixture<VisioCallElement>(
      html`<visio-call lang="en" token-endpoint="/api/token" room=${uniqueRoom('auto')} audio="off" video="off" autojoin></visio-call>`,
    );
    expect(auto.shadowRoot!.querySelector('visio-prejoin')).to.equal(null);
    await waitUntil(() => auto.status === 'connected', 'autojoin connects', { timeout: 10_000 });
  });

  it('switching camera mid-call: the remote side receives the other camera and keeps decoding', async () => {
    const roomName = uniqueRoom('switch');
    const call = await callElement(roomName);
    const connected = oneEvent(call, 'visio-connected');
    await call.join();
    await connected;
    const local = call.livekitRoom!.localParticipant;
    await waitUntil(() => local.getTrackPublication(Track.Source.Camera)?.track, 'camera published', { timeout: 10_000 });
    const publication = local.getTrackPublication(Track.Source.Camera)!;

    const peer = hooks.peer(await joinAsPeer(roomName, 'Dominique Bot'));
    peerVideo = await receivedCamera(peer, local.identity);
    await waitForFrames(peerVideo);
    expect(cornerRed(peerVideo), 'the first fake camera’s corner is green').to.be.below(100);

    // The control bar's camera list.
    await call.updateComplete;
    const controls = call.shadowRoot!.querySelector('visio-controls')!;
    await waitUntil(() => controls.shadowRoot?.querySelector('visio-device-select[kind="videoinput"]'), 'camera list in the bar');
    const select = selectOf(controls.shadowRoot!, 'videoinput');
    await waitUntil(() => select.options.length === 3, 'every camera listed');
    expect(select.closest('label') ?? select.labels?.[0]).to.not.equal(null);
    const [, , third] = await cameras();
    const changed = oneEvent(call, 'visio-device-change');
    select.value = third.deviceId;
    select.dispatchEvent(new Event('change'));
    expect((await changed).detail).to.deep.equal({ kind: 'videoinput', deviceId: third.deviceId, reason: 'user', message: undefined });

    await waitUntil(() => cornerRed(peerVideo!) > 150, 'the peer now receives the third camera', { timeout: 15_000 });
    expect(await waitForFrames(peerVideo)).to.be.at.least(10);
    expect(call.status).to.equal('connected');
    expect(local.getTrackPublication(Track.Source.Camera), 'same publication, track replaced in place').to.equal(publication);
    expect(loadPreferences().videoInput).to.equal(third.deviceId);

    // That camera is unplugged: the first one takes over, the call goes on, the user is told.
    const [first] = await cameras();
    const fallback = oneEvent(call, 'visio-device-change');
    unplug(third.deviceId);
    expect((await fallback).detail).to.include({ kind: 'videoinput', deviceId: first.deviceId, reason: 'unplugged' });
    await waitUntil(() => cornerRed(peerVideo!) < 100, 'the peer receives the first camera again', { timeout: 15_000 });
    expect(await waitForFrames(peerVideo)).to.be.at.least(10);
    const notice = controls.shadowRoot!.querySelector('visio-device-select[kind="videoinput"]')!.shadowRoot!.querySelector('[part="notice"]');
    expect(notice?.textContent).to.equal(`${third.label} was disconnected. Now using ${first.label}.`);
    expect(loadPreferences().videoInput, 'the fallback is not remembered over the user’s choice').to.equal(third.deviceId);
  });
});
