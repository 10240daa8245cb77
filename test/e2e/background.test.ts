// Chromium only (web-test-runner.config.mjs): in headless Firefox ESR here the effect's support
// check finds no WebGL 2, so the choice is disabled with its reason (background-support.test.ts runs there).
// Background blur and replacement against the real LiveKit server: what a plain livekit-client
// peer decodes, what the page loads (and from where), the choice in the prejoin and the settings,
// the user's own image, and a browser that cannot. The fake camera's picture is known (Chromium:
// a dark green plane with a light green wedge turning on it, no person), so a blurred background
// shows as the wedge's sharp outline gone from the received frames, and a replacement image as
// its colour.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/index.js';
import type { VisioCallElement, VisioPrejoinElement } from '../../src/index.js';
import { localCameraTrack } from '../../src/core/effects/background.js';
import { loadOwnImage } from '../../src/core/effects/own-image.js';
import { loadPreferences } from '../../src/core/preferences.js';
import { en } from '../../src/i18n/en.js';
import { callTestHooks, decodedFrames, receivedCamera, fetchToken, joinAsPeer, uniqueRoom, waitForFrames } from '../support/helpers.js';

/** The built effect files (npm test builds before the browser tests). */
const EFFECTS = '/dist/effects/';

const prejoinOf = (call: VisioCallElement) => call.shadowRoot!.querySelector('visio-prejoin')!;
const inPrejoin = <T extends Element>(prejoin: VisioPrejoinElement, selector: string) => prejoin.shadowRoot!.querySelector<T>(selector);

/** The radio of the background choice named `label` under `root`. */
function radioNamed(root: ParentNode, label: string): HTMLInputElement {
  const option = [...root.querySelectorAll('.background-option')].find((each) => each.textContent?.trim() === label);
  if (!option) throw new Error(`no background option named ${label}`);
  return option.querySelector('input')!;
}

/** The picture of `video` now, small, as RGBA. */
function pixels(video: HTMLVideoElement, width = 160, height = 90): Uint8ClampedArray {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  context.drawImage(video, 0, 0, width, height);
  return context.getImageData(0, 0, width, height).data;
}

/**
 * Sharp edges in the picture: the share of neighbouring pixel pairs whose brightness differs by
 * more than 40 (of 255), the most of a few frames. Chromium's fake camera is a dark green plane
 * with a light green wedge turning on it (no person: all background for the segmentation), whose
 * outline is such an edge; blurred, its outline spreads over many pixels and none is left.
 */
async function sharpEdges(video: HTMLVideoElement, width = 320, height = 180): Promise<number> {
  let most = 0;
  for (let sample = 0; sample < 4; sample++) {
    const data = pixels(video, width, height);
    const luma = (x: number, y: number) => {
      const i = (y * width + x) * 4;
      return 0.299 * data[i] + 0.587 * data[i + 1] + 0.114 * data[i + 2];
    };
    let sharp = 0;
    let pairs = 0;
    for (let y = 0; y < height - 1; y++) {
      for (let x = 0; x < width - 1; x++) {
        pairs += 2;
        if (Math.abs(luma(x, y) - luma(x + 1, y)) > 40) sharp++;
        if (Math.abs(luma(x, y) - luma(x, y + 1)) > 40) sharp++;
      }
    }
    most = Math.max(most, sharp / pairs);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  return most;
}

/** The share of the picture's pixels that are close to `[r, g, b]`. */
function shareOf(video: HTMLVideoElement, [r, g, b]: [number, number, number]): number {
  const data = pixels(video);
  let close = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) < 90) close++;
  }
  return close / (data.length / 4);
}

/** A plain image of one colour, as a same-origin (blob:) URL, or as a File. */
async function plainImage(color: string, type = 'image/png'): Promise<Blob> {
  const canvas = document.createElement('canvas');
  canvas.width = 320;
  canvas.height = 180;
  const context = canvas.getContext('2d')!;
  context.fillStyle = color;
  context.fillRect(0, 0, canvas.width, canvas.height);
  return new Promise((resolve) => canvas.toBlob((blob) => resolve(blob!), type));
}

/** Origins of everything the page fetched since `clearResources()`. */
function resourceOrigins(): Set<string> {
  return new Set(performance.getEntriesByType('resource').map((entry) => new URL(entry.name).origin));
}
const resourceNames = () => performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname);
function clearResources() {
  // Many modules load in a test page: room enough for every entry of one test.
  performance.setResourceTimingBufferSize(100_000);
  performance.clearResourceTimings();
}

describe('background blur and replacement', function () {
  this.timeout(120_000);
  const hooks = callTestHooks();
  const added: Element[] = [];

  beforeEach(() => clearResources());
  afterEach(() => added.splice(0).forEach((element) => element.remove()));

  async function callElement(roomName: string, effectsPath = EFFECTS) {
    const call = await fixture<VisioCallElement>(
      html`<visio-call lang="en" token-endpoint="/api/token" room=${roomName} name="Camille Martin" audio="off" effects-path=${effectsPath}></visio-call>`,
    );
    await waitUntil(() => prejoinOf(call)?.shadowRoot?.querySelector('video:not([hidden])'), 'preview shown', { timeout: 15_000 });
    return call;
  }

  /**
   * Joins from the prejoin, and the peer's `<video>` of the element's camera once it decodes.
   * With an effect already on, a few frames only: on this machine (two busy cores, WebGL in
   * software) the segmentation sends about one frame every few seconds (see the effects bench).
   */
  /**
   * Waits (30 s) until the picture the peer receives in `video` passes `check`. A timeout says
   * whether that picture still moved, its size, and what the call's camera sent (its processor):
   * a frozen picture and an effect that never ran fail the same check for different causes.
   */
  async function untilReceived(call: VisioCallElement, video: HTMLVideoElement, check: () => Promise<boolean>, what: string) {
    const framesBefore = decodedFrames(video);
    await waitUntil(check, what, { timeout: 30_000, interval: 500 }).catch((error: Error) => {
      const camera = localCameraTrack(call.livekitRoom);
      const sent = camera ? `camera ${camera.mediaStreamTrack.readyState}, processor ${camera.getProcessor()?.name ?? 'none'}` : 'no camera published';
      throw new Error(
        `${error.message}; received: ${decodedFrames(video) - framesBefore} frames decoded during the wait, ${video.videoWidth}×${video.videoHeight}; sent: ${sent}`,
      );
    });
  }

  async function joinWithPeer(call: VisioCallElement, roomName: string) {
    const peer = hooks.peer(await joinAsPeer(roomName, 'Peer'));
    expect(await call.join()).to.equal(true);
    const video = await receivedCamera(peer, call.livekitRoom!.localParticipant.identity);
    added.push(video);
    await (call.state.background.type === 'none' ? waitForFrames(video, 15, 20_000) : waitForFrames(video, 2, 60_000));
    return { peer, video };
  }

  it('loads nothing of segmentation while the background is off', async () => {
    const roomName = uniqueRoom('bg-off');
    const call = await callElement(roomName);
    await joinWithPeer(call, roomName);
    expect(call.state.background).to.deep.equal({ type: 'none' });
    const names = resourceNames();
    expect(names.filter((name) => name.includes('/effects/') || name.includes('track-processors') || name.includes('tasks-vision'))).to.deep.equal([]);
  });

  it('blurs the camera a peer receives (from the settings during the call), from the page origin only, and turns it off again', async () => {
    const roomName = uniqueRoom('bg-blur');
    const call = await callElement(roomName);
    const { video } = await joinWithPeer(call, roomName);
    const plain = await sharpEdges(video);
    expect(plain, 'sharp edges in the plain picture').to.be.above(0.0003);

    // The settings' background choice, as a user reaches it.
    call.shadowRoot!.querySelector<HTMLElement>('[part="settings-button"]')!.click();
    const settings = call.shadowRoot!.querySelector('visio-settings')!;
    await waitUntil(() => settings.shadowRoot!.querySelector('dialog[open]'), 'settings open');
    const blur = radioNamed(call.shadowRoot!.querySelector('[slot="background"]')!, en.backgroundBlur as string);
    expect(blur.disabled).to.equal(false);
    blur.click();
    expect(call.state.background).to.deep.equal({ type: 'blur' });
    await untilReceived(
      call,
      video,
      async () => (await sharpEdges(video)) < plain * 0.5,
      `the received background is blurred (sharp edges before: ${plain.toFixed(4)})`,
    );
    const blurred = await sharpEdges(video);
    console.log(`sharp edges in the received camera: ${plain.toFixed(4)} plain, ${blurred.toFixed(4)} blurred`);
    await executeServerCommand('save-screenshot', { name: 'background-settings-blur' });

    // Only the page's origin and the LiveKit server; the segmentation files came from effects-path.
    const livekit = new URL((await fetchToken(roomName, 'Origin check')).server_url.replace(/^ws/, 'http')).origin;
    const origins = [...resourceOrigins()].filter((origin) => origin !== location.origin && origin !== livekit);
    expect(origins, 'other origins').to.deep.equal([]);
    const names = resourceNames();
    expect(names).to.include(`${EFFECTS}segmentation/selfie_segmentation.tflite`);
    expect(names).to.include(`${EFFECTS}segmentation/vision_wasm_internal.wasm`);
    expect(loadPreferences().background).to.equal('blur');

    call.setBackground({ type: 'none' });
    await untilReceived(call, video, async () => (await sharpEdges(video)) > plain * 0.7, 'the received camera is sharp again');
    expect(loadPreferences().background).to.equal('none');
  });

  it('shows the blur in the prejoin preview, remembered, and the call sends it', async () => {
    const roomName = uniqueRoom('bg-prejoin');
    const call = await callElement(roomName);
    const prejoin = prejoinOf(call);
    const preview = inPrejoin<HTMLVideoElement>(prejoin, 'video')!;
    await waitForFrames(preview, 10);
    const plain = await sharpEdges(preview);
    expect(plain, 'sharp edges in the plain preview').to.be.above(0.0003);
    const blur = radioNamed(prejoin.shadowRoot!, en.backgroundBlur as string);
    blur.focus();
    blur.click();
    const errors: string[] = [];
    call.addEventListener('visio-error', (event) => errors.push(event.detail.code));
    await waitUntil(async () => (await sharpEdges(preview)) < plain * 0.5, `the preview is blurred (sharp edges before: ${plain.toFixed(4)})`, {
      timeout: 45_000,
      interval: 500,
    }).catch((error: Error) => {
      throw new Error(`${error.message}, errors: ${errors.join() || 'none'}`);
    });
    await executeServerCommand('save-screenshot', { name: 'background-prejoin-blur' });
    expect(loadPreferences().background).to.equal('blur');

    const { video } = await joinWithPeer(call, roomName);
    expect(call.state.background).to.deep.equal({ type: 'blur' });
    await untilReceived(call, video, async () => (await sharpEdges(video)) < plain * 0.5, 'the peer receives it blurred');
  });

  it("replaces the background with one of the host's images", async () => {
    const roomName = uniqueRoom('bg-image');
    const call = await callElement(roomName);
    const src = URL.createObjectURL(await plainImage('rgb(220, 20, 20)'));
    call.backgrounds = [{ src, label: 'Red wall' }];
    const { video } = await joinWithPeer(call, roomName);
    const before = shareOf(video, [220, 20, 20]);
    call.setBackground({ type: 'image', src });
    await waitUntil(() => shareOf(video, [220, 20, 20]) > 0.3, `the peer sees the red background (before: ${before.toFixed(3)})`, {
      timeout: 30_000,
      interval: 500,
    });
    expect(before).to.be.below(0.05);
    expect(call.state.background).to.deep.equal({ type: 'image', src });
    expect(loadPreferences().background).to.equal(`image:${src}`);
    URL.revokeObjectURL(src);
  });

  it('takes the user’s own image from a file, keeps it on the device, and shows it in the preview', async () => {
    const roomName = uniqueRoom('bg-own');
    const call = await callElement(roomName);
    const prejoin = prejoinOf(call);
    const preview = inPrejoin<HTMLVideoElement>(prejoin, 'video')!;
    await waitForFrames(preview, 5);
    const file = new File([await plainImage('rgb(20, 40, 220)')], 'office.png', { type: 'image/png' });
    const input = inPrejoin<HTMLInputElement>(prejoin, 'input[type="file"]')!;
    const button = inPrejoin<HTMLButtonElement>(prejoin, '[part="background-file"]')!;
    expect(button.textContent?.trim()).to.equal(en.chooseOwnImage);
    // What the browser's file picker does when the user picks the file.
    const transfer = new DataTransfer();
    transfer.items.add(file);
    input.files = transfer.files;
    input.dispatchEvent(new Event('change'));
    await waitUntil(() => shareOf(preview, [20, 40, 220]) > 0.3, 'the preview shows the own image behind', { timeout: 30_000, interval: 500 });
    const own = radioNamed(prejoin.shadowRoot!, en.backgroundOwn as string);
    expect(own.checked).to.equal(true);
    expect(loadPreferences().background).to.equal('own');
    const kept = await loadOwnImage();
    expect(kept?.size).to.equal(file.size);
    // Never uploaded: nothing was sent anywhere but the page's own files and the call.
    expect(
      performance
        .getEntriesByType('resource')
        .filter(
          (entry) => (entry as PerformanceResourceTiming).initiatorType === 'fetch' && !entry.name.includes('/api/token') && !entry.name.includes(EFFECTS),
        ),
    ).to.deep.equal([]);
    const { video } = await joinWithPeer(call, roomName);
    await waitUntil(() => shareOf(video, [20, 40, 220]) > 0.3, 'the peer sees the own image behind', { timeout: 20_000, interval: 500 });
  });

  it('fails with background-effect-failed and keeps the camera when the effect files are missing', async () => {
    const roomName = uniqueRoom('bg-missing');
    const call = await callElement(roomName, '/no-such-effects/');
    const { video } = await joinWithPeer(call, roomName);
    const failed = oneEvent(call, 'visio-error');
    call.setBackground({ type: 'blur' });
    const { detail } = await failed;
    expect(detail.code).to.equal('background-effect-failed');
    expect(detail.message).to.equal(en.errors['background-effect-failed']);
    await waitUntil(() => call.state.background.type === 'none', 'back to no effect');
    expect(await waitForFrames(video, 10)).to.be.at.least(10);
  });
});

describe('background blur under the strict Content Security Policy with Trusted Types (built bundle)', function () {
  this.timeout(120_000);
  callTestHooks();
  let frame: HTMLIFrameElement | undefined;
  afterEach(() => frame?.remove());

  type CspWindow = Window & typeof globalThis & { cspViolations: { directive: string; blocked: string }[]; unhandledRejections: string[] };

  /** The strict page (test/support/csp-pages.mjs) in an iframe, a call in it joined with its camera on. */
  async function strictCall(query: string): Promise<{ win: CspWindow; call: VisioCallElement; errors: string[] }> {
    frame = document.createElement('iframe');
    frame.src = `/csp/page.html${query}`;
    document.body.append(frame);
    await waitUntil(() => (frame!.contentWindow as CspWindow | null)?.customElements?.get('visio-call'), 'the bundle loaded', { timeout: 15_000 });
    const win = frame.contentWindow as CspWindow;
    const call = win.document.createElement('visio-call');
    for (const [name, value] of Object.entries({
      lang: 'en',
      'token-endpoint': '/api/token',
      room: uniqueRoom('bg-csp'),
      name: 'Camille',
      audio: 'off',
      'skip-prejoin': '',
    }))
      call.setAttribute(name, value);
    const errors: string[] = [];
    call.addEventListener('visio-error', (event) => errors.push(event.detail.code));
    win.document.body.append(call);
    expect(await call.join()).to.equal(true);
    await waitUntil(() => localCameraTrack(call.livekitRoom), 'camera published', { timeout: 15_000 });
    return { win, call, errors };
  }

  it("runs with the guide's 'wasm-unsafe-eval' added (MediaPipe's loader through the visio-elements policy), with no violation", async () => {
    const { win, call, errors } = await strictCall('?wasm=1');
    call.setBackground({ type: 'blur' });
    await waitUntil(() => localCameraTrack(call.livekitRoom)?.getProcessor() || errors.length, 'the effect started', { timeout: 30_000 });
    expect(errors).to.deep.equal([]);
    expect(win.cspViolations).to.deep.equal([]);
    expect(win.unhandledRejections).to.deep.equal([]);
  });

  it("fails with background-effect-failed without 'wasm-unsafe-eval', and the camera goes on", async () => {
    const { win, call, errors } = await strictCall('');
    call.setBackground({ type: 'blur' });
    await waitUntil(() => errors.length, 'an error', { timeout: 30_000 });
    expect(errors).to.deep.equal(['background-effect-failed']);
    expect(call.state.background).to.deep.equal({ type: 'none' });
    expect(localCameraTrack(call.livekitRoom)?.getProcessor()).to.equal(undefined);
    expect(localCameraTrack(call.livekitRoom)?.mediaStreamTrack.readyState).to.equal('live');
    expect(win.unhandledRejections).to.deep.equal([]);
  });
});
