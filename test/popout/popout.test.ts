// The pop-out call: a real click opens Document Picture-in-Picture in Chromium, the pop-out
// window decodes the speaker's video, acts on the call (whose events keep firing on the element
// in the page), and closing it brings the call back. Where the browser has neither Document
// Picture-in-Picture nor a video's picture-in-picture API (Firefox), the button is absent.
import { expect, waitUntil } from '@open-wc/testing';
import { sendMouse, setViewport } from '@web/test-runner-commands';
import '../../src/index.js';
import type { VisioCallElement, VisioTileElement } from '../../src/index.js';
import { popOutSupport } from '../../src/core/popout.js';
import { callTestHooks, joinedCall, peerOf, tiles, waitForFrames } from '../support/helpers.js';

/** Chromium, and Firefox ESR from 140, have Document Picture-in-Picture. */
const hasDocumentPip = 'documentPictureInPicture' in window;
const documentPip = () => (window as unknown as { documentPictureInPicture?: { window: Window | null } }).documentPictureInPicture;

/** Clicks the middle of `element` with the real mouse (a user activation, as the browser asks). */
async function realClick(element: Element): Promise<void> {
  const box = element.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
}

const popOutButton = (call: VisioCallElement) => call.shadowRoot!.querySelector<HTMLButtonElement>('[part="pop-out-button"]');

/** The pop-out window, and its content's shadow root. */
function popOutWindow(): { window: Window; root: ShadowRoot } {
  const pip = documentPip()!.window!;
  return { window: pip, root: pip.document.querySelector('.visio-pop-out')!.shadowRoot! };
}

describe('pop-out', () => {
  const hooks = callTestHooks();
  // Wide enough for every button of the bar to show (none in the "more" menu).
  before(() => setViewport({ width: 1600, height: 900 }));
  after(() => setViewport({ width: 800, height: 600 }));
  // A test that failed half-way must not leave its window open for the next one.
  afterEach(() => documentPip()?.window?.close());

  it('is offered as Document Picture-in-Picture in Chromium, and not at all where the browser has no picture-in-picture API', async () => {
    const { call } = await joinedCall('popout-offer');
    const support = popOutSupport();
    expect(call.capabilities.popOut).to.equal(support);
    expect(support).to.equal(hasDocumentPip ? 'document' : 'none');
    await call.updateComplete;
    const button = popOutButton(call);
    if (support === 'none') expect(button).to.equal(null);
    else expect(button?.getAttribute('aria-label')).to.equal('Pop out the call');
  });

  it('opens on a real click, decodes the speaker there, keeps the events on the page, and comes back when closed', async function () {
    const { call, roomName } = await joinedCall('popout');
    const support = popOutSupport();
    if (support !== 'document') {
      // Without a pop-out, the command fails cleanly: an error event, no rejection.
      const failed = new Promise<string>((resolve) => call.addEventListener('visio-error', (event) => resolve(event.detail.code), { once: true }));
      expect(await call.popOut()).to.equal(false);
      expect(await failed).to.equal('pop-out-failed');
      return;
    }
    const peer = await peerOf(hooks, call, roomName, 'Dominique Leroy');
    await peer.localParticipant.setCameraEnabled(true);
    await waitUntil(() => tiles(call).some((tile) => tile.participant?.identity === peer.localParticipant.identity), 'peer tile', { timeout: 10_000 });

    const events: string[] = [];
    for (const type of ['visio-pop-out-changed', 'visio-media-changed', 'visio-chat-message', 'visio-hand-raised'] as const) {
      call.addEventListener(type, () => events.push(type));
    }
    // Without a user's click, the browser refuses: an error, never a rejection.
    const refused = new Promise<string>((resolve) => call.addEventListener('visio-error', (event) => resolve(event.detail.code), { once: true }));
    expect(await call.popOut()).to.equal(false);
    expect(await refused).to.equal('pop-out-failed');

    const errors: string[] = [];
    call.addEventListener('visio-error', (event) => errors.push(String(event.detail.error?.message)));
    await realClick(popOutButton(call)!);
    await waitUntil(() => call.state.poppedOut, 'popped out after a real click', { timeout: 10_000 }).catch((error: Error) => {
      throw new Error(`${error.message}: ${errors.join('; ')}`);
    });
    expect(events).to.include('visio-pop-out-changed');
    expect(popOutButton(call)!.getAttribute('aria-pressed')).to.equal('true');

    // The pop-out shows the peer (the only other participant) and decodes their camera there.
    const { window: pip, root } = popOutWindow();
    const tile = root.querySelector<VisioTileElement>('visio-tile')!;
    expect(tile.participant?.identity).to.equal(peer.localParticipant.identity);
    await tile.updateComplete;
    const video = tile.shadowRoot!.querySelector('video')!;
    expect(video.ownerDocument === pip.document, 'the video is in the pop-out window’s document').to.equal(true);
    expect(await waitForFrames(video, 10)).to.be.at.least(10);
    // The styles were made again for that document: the tile's own layout applies there.
    expect(pip.getComputedStyle(tile).position).to.equal('relative');
    expect(video.getBoundingClientRect().width).to.be.greaterThan(100);
    // The buttons have their names in the pop-out too.
    expect(root.querySelector('[data-action="microphone"]')!.getAttribute('aria-label')).to.equal('Microphone');

    // The microphone turned on from the pop-out window: the call in the page reports it.
    root.querySelector<HTMLButtonElement>('[data-action="microphone"]')!.click();
    await waitUntil(() => call.state.media.microphone, 'microphone on from the pop-out', { timeout: 10_000 });
    expect(events).to.include('visio-media-changed');
    await waitUntil(() => root.querySelector('[data-action="microphone"]')?.getAttribute('aria-pressed') === 'true', 'pop-out shows the microphone on');
    // A peer's message reaches the page's element while the call is popped out.
    await peer.localParticipant.sendText('Vous êtes dans la fenêtre ?', { topic: 'lk.chat' });
    await waitUntil(() => events.includes('visio-chat-message'), 'chat message event on the page', { timeout: 10_000 });
    // The hand raised from the pop-out fires on the page.
    root.querySelector<HTMLButtonElement>('[data-action="hand"]')!.click();
    await waitUntil(() => events.includes('visio-hand-raised'), 'hand event on the page', { timeout: 10_000 });

    // The user closes the window: the call is back in the page, the focus on the pop-out button.
    pip.close();
    await waitUntil(() => !call.state.poppedOut, 'back in the page', { timeout: 10_000 });
    expect(events.filter((type) => type === 'visio-pop-out-changed')).to.have.length(2);
    expect(tile.isConnected, 'the pop-out tile left its window (and its subscriptions)').to.equal(false);
    expect(call.shadowRoot!.activeElement === popOutButton(call), 'the focus is back on the pop-out button').to.equal(true);
    expect(popOutButton(call)!.getAttribute('aria-pressed')).to.equal('false');
    const pageTile = tiles(call).find((candidate) => candidate.participant?.identity === peer.localParticipant.identity)!;
    expect(await waitForFrames(pageTile.shadowRoot!.querySelector('video')!, 5)).to.be.at.least(5);
  });

  it('closes when the call is left from the pop-out', async function () {
    if (popOutSupport() !== 'document') {
      this.timeout(5_000);
      const { call } = await joinedCall('popout-leave');
      expect(call.state.poppedOut).to.equal(false);
      return;
    }
    const { call } = await joinedCall('popout-leave');
    await realClick(popOutButton(call)!);
    await waitUntil(() => call.state.poppedOut, 'popped out', { timeout: 10_000 });
    const { root } = popOutWindow();
    let left = false;
    call.addEventListener('visio-disconnected', () => (left = true), { once: true });
    root.querySelector<HTMLButtonElement>('[data-action="leave"]')!.click();
    await waitUntil(() => left, 'left the call from the pop-out', { timeout: 10_000 });
    await waitUntil(() => !call.state.poppedOut, 'pop-out closed after leaving', { timeout: 10_000 });
    // The browser closes the window a moment later. (Booleans only: a failed assertion holding a
    // Window hung web-test-runner's reporting of it, and the whole file with it.)
    await waitUntil(() => documentPip()!.window === null, 'the pop-out window closed', { timeout: 10_000 });
  });
});
