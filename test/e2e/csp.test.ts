// The built bundle on a page with the strict Content Security Policy and Trusted Types that
// docs/guide.md gives portals (served by test/support/csp-pages.mjs): the prejoin with its level
// meter, a call of three, the chat with a message, captions and an encrypted call raise no
// violation at all. The page is opened in a same-origin iframe and driven from this test page
// (which has no CSP), where the other participants are plain livekit-client Rooms.
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { executeServerCommand, setViewport } from '@web/test-runner-commands';
import { ExternalE2EEKeyProvider, Room, Track } from 'livekit-client';
import type { registerTranslation, VisioCallElement, VisioPrejoinElement } from '../../src/index.js';
import { en } from '../../src/i18n/en.js';
import {
  audioRuns,
  callTestHooks,
  framedPageHooks,
  fetchToken,
  joinAsPeer,
  publishSyntheticVideo,
  settle,
  showsInside,
  tileOf,
  tiles,
  uniqueRoom,
  videoOf,
  VIEWPORTS,
  waitForFrames,
} from '../support/helpers.js';

interface Violation {
  directive: string;
  blocked: string;
  sample: string;
  source: string;
}
type CspWindow = Window & typeof globalThis & { cspViolations: Violation[]; unhandledRejections: string[]; definedAt: Record<string, number> };

/** The strict page in an iframe, once the bundle has defined the elements. */
async function strictPage(query = ''): Promise<{ frame: HTMLIFrameElement; win: CspWindow; doc: Document }> {
  const frame = document.createElement('iframe');
  frame.src = `/csp/page.html${query}`;
  frame.width = '960';
  frame.height = '640';
  document.body.append(frame);
  await waitUntil(() => (frame.contentWindow as CspWindow | null)?.customElements?.get('visio-call'), 'the bundle loaded under the strict CSP', {
    timeout: 15_000,
  });
  const win = frame.contentWindow as CspWindow;
  return { frame, win, doc: frame.contentDocument! };
}

/** A `<visio-call>` made in the strict page (its class comes from the bundle loaded there). */
function callIn(doc: Document, attributes: Record<string, string>): VisioCallElement {
  const call = doc.createElement('visio-call');
  for (const [name, value] of Object.entries({ lang: 'en', 'token-endpoint': '/api/token', ...attributes })) call.setAttribute(name, value);
  doc.body.append(call);
  return call;
}

const describeViolations = (violations: Violation[]) => violations.map((v) => `${v.directive} ${v.blocked} "${v.sample}" at ${v.source}`).join('\n');

describe('under a strict Content Security Policy with Trusted Types (built bundle)', function () {
  this.timeout(120_000);
  const hooks = callTestHooks();
  const frames = framedPageHooks();

  it('the prejoin (meter moving), a call of three, the chat with a message and captions raise no violation', async () => {
    const page = await strictPage();
    frames.keep(page.frame);
    const { win, doc } = page;
    const clean = (step: string): void => {
      expect(win.cspViolations, `${step}:\n${describeViolations(win.cspViolations)}`).to.deep.equal([]);
    };

    const roomName = uniqueRoom('csp');
    const call = callIn(doc, { room: roomName, name: 'Camille Martin' });
    await waitUntil(() => call.shadowRoot?.querySelector('visio-prejoin')?.shadowRoot?.querySelector('[role="meter"]'), 'prejoin shown', { timeout: 10_000 });
    const prejoin = call.shadowRoot!.querySelector<VisioPrejoinElement>('visio-prejoin')!;
    const preview = () => prejoin.shadowRoot!.querySelector<HTMLVideoElement>('video:not([hidden])');
    await waitUntil(preview, 'camera preview shown', { timeout: 10_000 });
    expect(await waitForFrames(preview()!)).to.be.at.least(10);
    const meter = prejoin.shadowRoot!.querySelector<HTMLElement>('[role="meter"]')!;
    const bar = meter.firstElementChild!;
    if (await audioRuns()) {
      // The fake microphone beeps: the bar is drawn at different widths, as aria-valuenow says.
      const widths = new Set<number>();
      await waitUntil(
        () => {
          widths.add(Math.round(bar.getBoundingClientRect().width));
          return widths.size >= 2 && Math.max(...widths) > 0 && Number(meter.getAttribute('aria-valuenow')) >= 0;
        },
        'the level bar moves',
        { timeout: 15_000, interval: 30 },
      );
      expect(Math.max(...widths)).to.be.above(0);
    } else {
      expect(bar.getBoundingClientRect().width, 'no level to read without Web Audio').to.equal(0);
    }
    clean('prejoin');

    prejoin.shadowRoot!.querySelector<HTMLButtonElement>('[part="join-button"]')!.click();
    await waitUntil(() => call.status === 'connected', 'joined', { timeout: 15_000 });
    const peers = await Promise.all(['Dominique', 'Alex'].map(async (name) => hooks.peer(await joinAsPeer(roomName, name))));
    await Promise.all(peers.map((peer) => publishSyntheticVideo(peer, { fps: 10 })));
    for (const peer of peers) {
      const identity = peer.localParticipant.identity;
      await waitUntil(() => tileOf(call, identity)?.shadowRoot?.querySelector('video:not([hidden])'), `${identity}'s video shown`, { timeout: 20_000 });
      expect(await waitForFrames(videoOf(tileOf(call, identity)!), 5, 20_000)).to.be.at.least(5);
    }
    expect(tiles(call)).to.have.length(3);
    clean('a call of three');

    const shadow = call.shadowRoot!;
    shadow.querySelector<HTMLButtonElement>('[part="chat-button"]')!.click();
    await peers[0].localParticipant.sendText('Bonjour <b>tout le monde</b>', { topic: 'lk.chat' });
    const messages = () => [...(shadow.querySelector('visio-chat')?.shadowRoot?.querySelectorAll('[part="message"] .text') ?? [])].map((m) => m.textContent);
    await waitUntil(() => messages().includes('Bonjour <b>tout le monde</b>'), 'the message shown in the chat', { timeout: 10_000 });
    clean('the chat with a message');

    await peers[1].localParticipant.setMicrophoneEnabled(true);
    const micSid = peers[1].localParticipant.getTrackPublication(Track.Source.Microphone)!.trackSid;
    await waitUntil(() => call.livekitRoom!.remoteParticipants.get(peers[1].localParticipant.identity)?.trackPublications.has(micSid), 'the microphone seen', {
      timeout: 10_000,
    });
    shadow.querySelector<HTMLButtonElement>('[part="captions-button"]')!.click();
    await peers[1].localParticipant.sendText('Bonjour à tous', {
      topic: 'lk.transcription',
      attributes: { 'lk.segment_id': 'seg-1', 'lk.transcription_final': 'true', 'lk.transcribed_track_id': micSid },
    });
    const lines = () =>
      [...(shadow.querySelector('visio-captions')?.shadowRoot?.querySelectorAll('[part="line"]') ?? [])].map((l) => l.textContent.replace(/\s+/g, ' ').trim());
    await waitUntil(() => lines().includes('Alex Bonjour à tous'), `the caption shown: ${lines()}`, { timeout: 10_000 });
    clean('captions');

    await call.leave();
    clean('leaving');
    expect(win.unhandledRejections, 'unhandled rejections').to.deep.equal([]);

    // The page does enforce its policy and the count is live: an inline style attribute is
    // reported, and where the browser has Trusted Types, a string given to innerHTML is refused.
    doc.body.setAttribute('style', 'color: red');
    await waitUntil(() => win.cspViolations.some((v) => v.directive.startsWith('style-src')), 'a style attribute reported', { timeout: 5_000 });
    if ('trustedTypes' in win) expect(() => (doc.body.innerHTML = '<b>x</b>')).to.throw();
  });

  /** The requests the framed page made to its token endpoint for `roomName` (see csp-pages.mjs `?autojoin`). */
  const tokenRequests = (win: CspWindow, roomName: string) =>
    win.performance.getEntriesByType('resource').filter((entry) => new URL(entry.name).search === `?for=${roomName}`);

  it('an autojoin call in the page’s markup asks for its token while the bundle loads, once, and joins with it', async () => {
    const roomName = uniqueRoom('early');
    const { frame, win, doc } = await strictPage(`?autojoin=${roomName}`);
    frames.keep(frame);
    const call = doc.querySelector<VisioCallElement>('visio-call')!;
    await waitUntil(() => call.status === 'connected', 'joined', { timeout: 15_000 });
    const own = tiles(call)[0];
    expect(await waitForFrames(videoOf(own))).to.be.at.least(10);
    const box = videoOf(own).getBoundingClientRect();
    expect(box.width * box.height, 'the own camera has a box on screen').to.be.above(100 * 50);
    const requests = tokenRequests(win, roomName);
    expect(requests, 'token requests').to.have.length(1);
    expect(requests[0].startTime, 'the token request started before <visio-call> was defined').to.be.below(win.definedAt['visio-call']);
    expect(win.unhandledRejections).to.deep.equal([]);
    expect(win.cspViolations, describeViolations(win.cspViolations)).to.deep.equal([]);
  });

  it('an autojoin call whose early token request fails: one request, the error on screen, nothing unhandled', async () => {
    const roomName = uniqueRoom('early-500');
    const { frame, win, doc } = await strictPage(`?autojoin=${roomName}&endpoint=500`);
    frames.keep(frame);
    const call = doc.querySelector<VisioCallElement>('visio-call')!;
    await waitUntil(() => call.status === 'error', 'the join failed', { timeout: 15_000 });
    await call.updateComplete;
    const shown = call.shadowRoot!.querySelector<HTMLElement>('[role="alert"] .error-message');
    expect(shown?.textContent).to.equal(en.errors['token-request-failed']);
    expect(shown!.getBoundingClientRect().width, 'the message is on screen').to.be.above(0);
    await settle(500);
    expect(tokenRequests(win, roomName), 'token requests').to.have.length(1);
    expect(win.unhandledRejections).to.deep.equal([]);
    // Retrying asks again, the usual way.
    call.shadowRoot!.querySelector<HTMLButtonElement>('[part="join-button"]')!.click();
    await waitUntil(() => tokenRequests(win, roomName).length === 2, 'a second request on retry', { timeout: 10_000 });
  });

  it('audio="off" video="off": the prejoin the bundle loads on demand opens neither, and the call joins without them', async () => {
    // The prejoin's chunk arrives after <visio-call> has rendered it with its properties: they
    // must still decide what the preview opens (the camera came on here before the fix).
    const { frame, win, doc } = await strictPage();
    frames.keep(frame);
    const call = callIn(doc, { room: uniqueRoom('csp-off'), name: 'Camille Martin', audio: 'off', video: 'off' });
    const prejoin = () => call.shadowRoot?.querySelector<VisioPrejoinElement>('visio-prejoin');
    await waitUntil(() => prejoin()?.shadowRoot?.querySelector('[part="join-button"]'), 'prejoin shown', { timeout: 10_000 });
    const shadow = prejoin()!.shadowRoot!;
    await settle(1000);
    const pressed = [...shadow.querySelectorAll('button[aria-pressed]')].map((button) => [
      button.getAttribute('aria-label'),
      button.getAttribute('aria-pressed'),
    ]);
    expect(pressed).to.deep.equal([
      [en.microphone, 'false'],
      [en.camera, 'false'],
    ]);
    expect(shadow.querySelector('video:not([hidden])') === null, 'no camera preview').to.equal(true);
    await executeServerCommand('save-screenshot', { name: 'prejoin-bundle-audio-video-off' });

    const request = oneEvent(call, 'visio-join-request');
    shadow.querySelector<HTMLButtonElement>('[part="join-button"]')!.click();
    expect((await request).detail).to.include({ audioEnabled: false, videoEnabled: false });
    await waitUntil(() => call.status === 'connected', 'joined', { timeout: 15_000 });
    await settle(1000);
    expect(
      [...call.livekitRoom!.localParticipant.trackPublications.values()].map((publication) => publication.source),
      'published',
    ).to.deep.equal([]);
    expect(win.unhandledRejections).to.deep.equal([]);
    expect(win.cspViolations, describeViolations(win.cspViolations)).to.deep.equal([]);
  });

  it('join() called while the prejoin is still on its way joins with the element’s choices', async () => {
    // A page's own "Join" button, pressed once the call has rendered but before the bundle has
    // loaded the prejoin's chunk: the prejoin is in the call's shadow root, not yet defined.
    const { frame, win, doc } = await strictPage();
    frames.keep(frame);
    const call = callIn(doc, { room: uniqueRoom('csp-early-join'), name: 'Camille Martin', audio: 'off' });
    await call.updateComplete;
    const prejoin = call.shadowRoot!.querySelector('visio-prejoin');
    expect(prejoin !== null, 'the prejoin is rendered').to.equal(true);
    expect(win.customElements.get('visio-prejoin') === undefined, 'and not yet defined').to.equal(true);
    expect(await call.join()).to.equal(true);
    const local = call.livekitRoom!.localParticipant;
    await waitUntil(() => local.getTrackPublication(Track.Source.Camera)?.track, 'camera published', { timeout: 10_000 });
    expect(local.getTrackPublication(Track.Source.Microphone), 'no microphone (audio="off")').to.equal(undefined);
    expect(win.unhandledRejections).to.deep.equal([]);
  });

  it('the chat the bundle loads on demand takes the keyboard focus the first time it opens', async () => {
    const { frame, win, doc } = await strictPage();
    frames.keep(frame);
    const call = callIn(doc, { room: uniqueRoom('csp-chat-focus'), name: 'Camille Martin', audio: 'off', video: 'off', 'skip-prejoin': '' });
    expect(await call.join()).to.equal(true);
    await waitUntil(() => call.shadowRoot!.querySelector('[part="chat-button"]'), 'the chat button shown', { timeout: 10_000 });
    expect(win.customElements.get('visio-chat') === undefined, 'the chat not yet loaded').to.equal(true);
    call.shadowRoot!.querySelector<HTMLButtonElement>('[part="chat-button"]')!.click();
    const input = () => call.shadowRoot!.querySelector('visio-chat')?.shadowRoot?.querySelector('input');
    await waitUntil(() => input() && input() === call.shadowRoot!.querySelector('visio-chat')!.shadowRoot!.activeElement, 'the focus in the message input', {
      timeout: 10_000,
    });
    expect(win.unhandledRejections).to.deep.equal([]);
  });

  it('chunks that cannot be loaded: the message on screen, and the call works without them', async () => {
    // As after a deploy that replaced the chunks while the page was open (see csp-pages.mjs).
    const { frame, win, doc } = await strictPage('?chunks=missing&host=block-600');
    frames.keep(frame);
    const at = (viewport: keyof typeof VIEWPORTS, state: string, shown: HTMLElement[]) => showsInside(call, viewport, state, shown, frame);
    const errors: string[] = [];
    const call = callIn(doc, { room: uniqueRoom('csp-no-chunks'), name: 'Camille Martin', audio: 'off' });
    call.addEventListener('visio-error', (event) => {
      const { code, error } = (event as CustomEvent<{ code: string; error: Error }>).detail;
      errors.push(`${code}: ${error.message}`);
    });
    const alert = () => call.shadowRoot!.querySelector<HTMLElement>('[role="alert"]');
    await waitUntil(() => alert(), 'the message shown', { timeout: 10_000 });
    expect(alert()!.textContent).to.equal(en.errors['chunk-load-failed']);
    expect(alert()!.getBoundingClientRect().width, 'the message is on screen').to.be.above(0);
    expect(errors).to.deep.equal(['chunk-load-failed: <visio-prejoin> could not be loaded.']);
    const joinButton = call.shadowRoot!.querySelector<HTMLElement>('[part="join-button"]')!;
    await at('desktop', 'call-chunks-missing', [alert()!, joinButton]);
    await at('phone', 'call-chunks-missing', [alert()!, joinButton]);
    await at('desktop', 'call-chunks-missing', []);

    // Without the prejoin, the plain join button: the call still joins.
    call.shadowRoot!.querySelector<HTMLButtonElement>('[part="join-button"]')!.click();
    await waitUntil(() => call.status === 'connected', 'joined', { timeout: 15_000 });
    expect(await waitForFrames(videoOf(tiles(call)[0]))).to.be.at.least(10);

    // The chat is a chunk too: opening it says so.
    await waitUntil(() => call.shadowRoot!.querySelector('[part="chat-button"]'), 'the chat button shown', { timeout: 10_000 });
    call.shadowRoot!.querySelector<HTMLButtonElement>('[part="chat-button"]')!.click();
    const chatFailed = 'chunk-load-failed: <visio-chat> could not be loaded.';
    await waitUntil(() => errors.includes(chatFailed), 'the chat reported', { timeout: 10_000 });
    expect(
      errors.filter((error) => error === chatFailed),
      'reported once',
    ).to.have.length(1);
    await waitUntil(() => call.shadowRoot!.textContent.includes(en.errors['chunk-load-failed'] as string), 'the notice shown in the call', {
      timeout: 5_000,
    });
    const notice = call.shadowRoot!.querySelector<HTMLElement>('[part="banner"]')!;
    const bar = call.shadowRoot!.querySelector<HTMLElement>('visio-controls')!;
    await at('desktop', 'call-chunks-missing-chat', [notice, bar]);
    await at('phone', 'call-chunks-missing-chat', [notice, bar]);
    await at('desktop', 'call-chunks-missing-chat', []);

    // The stage view is a chunk too: the call keeps showing the grid, with the own camera.
    call.shadowRoot!.querySelector<HTMLButtonElement>('[part="layout-button"]')!.click();
    const stageFailed = 'chunk-load-failed: <visio-stage> could not be loaded.';
    await waitUntil(() => errors.includes(stageFailed), 'the stage reported', { timeout: 10_000 });
    await call.updateComplete;
    // Booleans only: a failing assertion holding an element of the frame never finishes reporting.
    expect(call.shadowRoot!.querySelector('visio-stage') === null, 'no stage left empty').to.equal(true);
    expect(await waitForFrames(videoOf(tiles(call)[0]))).to.be.at.least(10);
    const box = videoOf(tiles(call)[0]).getBoundingClientRect();
    expect(box.width * box.height, 'the own camera in the grid has a box on screen').to.be.above(100 * 50);
    expect(win.unhandledRejections).to.deep.equal([]);
  });

  it('an encrypted call (the default worker, through the visio-elements policy) raises no violation', async () => {
    const page = await strictPage();
    frames.keep(page.frame);
    const { win, doc } = page;
    const roomName = uniqueRoom('csp-e2ee');
    const passphrase = 'correct horse battery staple';
    const call = callIn(doc, { room: roomName, name: 'Camille Martin', audio: 'off', 'skip-prejoin': '' });
    call.e2ee = { passphrase };
    expect(await call.join()).to.equal(true);
    await waitUntil(() => call.livekitRoom!.isE2EEEnabled, 'encryption turned on', { timeout: 15_000 });

    const keyProvider = new ExternalE2EEKeyProvider();
    const peer = hooks.peer(
      new Room({ e2ee: { keyProvider, worker: new Worker('/node_modules/livekit-client/dist/livekit-client.e2ee.worker.mjs', { type: 'module' }) } }),
    );
    await keyProvider.setKey(passphrase);
    await peer.setE2EEEnabled(true);
    const { server_url, participant_token } = await fetchToken(roomName, 'Dominique');
    await peer.connect(server_url, participant_token);
    await publishSyntheticVideo(peer, { fps: 10 });
    const identity = peer.localParticipant.identity;
    await waitUntil(() => tileOf(call, identity)?.shadowRoot?.querySelector('video:not([hidden])'), 'peer video shown', { timeout: 20_000 });
    expect(await waitForFrames(videoOf(tileOf(call, identity)!), 5, 20_000)).to.be.at.least(5);
    await waitUntil(() => call.livekitRoom!.remoteParticipants.get(identity)?.isEncrypted, 'the peer is encrypted', { timeout: 10_000 });
    await call.leave();
    expect(win.cspViolations, describeViolations(win.cspViolations)).to.deep.equal([]);
    expect(win.unhandledRejections, 'unhandled rejections').to.deep.equal([]);
  });

  it('a language the bundle loads on demand (German, then Arabic) arrives from beside it with no violation', async () => {
    const page = await strictPage();
    frames.keep(page.frame);
    const { win, doc } = page;
    const call = callIn(doc, { lang: 'de', room: uniqueRoom('csp-lang') });
    const joinText = () => {
      const prejoin = call.shadowRoot?.querySelector('visio-prejoin');
      return prejoin?.shadowRoot?.querySelector('[part="join-button"]')?.textContent?.trim();
    };
    await waitUntil(() => joinText() === 'Dem Anruf beitreten', 'the join button in German');
    call.setAttribute('lang', 'ar');
    await waitUntil(() => joinText() === 'الانضمام إلى المكالمة', 'the join button in Arabic');
    expect(win.getComputedStyle(call).direction).to.equal('rtl');
    const fetched = win.performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname);
    expect(fetched.filter((path) => path.startsWith('/csp/visio-elements.i18n/')).map((path) => path.replace(/^.*\/|-.*$/g, ''))).to.deep.equal(['de', 'ar']);
    await settle();
    expect(describeViolations(win.cspViolations)).to.equal('');
    expect(win.unhandledRejections, 'unhandled rejections').to.deep.equal([]);
  });

  it('a language file that cannot be loaded: English, the message on screen once, not asked for at each render', async () => {
    // As after a deploy that replaced the language files while the page was open (see csp-pages.mjs).
    const { frame, win, doc } = await strictPage('?languages=missing&host=block-600');
    frames.keep(frame);
    const errors: string[] = [];
    const call = callIn(doc, { lang: 'de', room: uniqueRoom('csp-no-lang'), name: 'Camille Martin', audio: 'off' });
    call.addEventListener('visio-error', (event) => {
      const { code, error } = (event as CustomEvent<{ code: string; error: Error }>).detail;
      errors.push(`${code}: ${error.message}`);
    });
    const germanFetches = () =>
      win.performance.getEntriesByType('resource').filter((entry) => new URL(entry.name).pathname.startsWith('/csp/no-i18n/visio-elements.i18n/de')).length;
    const notice = () => call.shadowRoot!.querySelector<HTMLElement>('[part="banner"]');
    const joinButton = () => call.shadowRoot?.querySelector('visio-prejoin')?.shadowRoot?.querySelector<HTMLButtonElement>('[part="join-button"]');
    await waitUntil(() => notice(), 'the message shown before the call', { timeout: 10_000 });
    expect(notice()!.querySelector('span')!.textContent).to.equal(en.errors['chunk-load-failed']);
    expect(errors).to.deep.equal(['chunk-load-failed: The "de" strings could not be loaded.']);
    // The call speaks English meanwhile, and the message is inside the call's box, on top.
    await waitUntil(() => joinButton()?.textContent?.trim() === en.join, 'the prejoin in English', { timeout: 10_000 });
    await showsInside(call, 'desktop', 'prejoin-language-missing', [notice()!], frame);
    await showsInside(call, 'phone', 'prejoin-language-missing', [notice()!], frame);
    await showsInside(call, 'desktop', 'prejoin-language-missing', [], frame);

    // Joining renders every element many times: the missing file is not asked for at each render.
    joinButton()!.click();
    await waitUntil(() => call.status === 'connected', 'joined', { timeout: 15_000 });
    expect(await waitForFrames(videoOf(tiles(call)[0]))).to.be.at.least(10);
    await settle(500);
    expect(germanFetches(), 'the German file asked for once').to.equal(1);
    expect(errors, 'reported once').to.have.length(1);

    await executeServerCommand('save-screenshot', { name: 'call-language-missing' });
    expect(win.unhandledRejections).to.deep.equal([]);
    expect(describeViolations(win.cspViolations)).to.equal('');
  });

  it('a prejoin alone on the page whose language file cannot be loaded: English and the host’s own strings, the message above its form, reported once by it alone; a nested element of another language reports its own', async () => {
    const { frame, win, doc } = await strictPage('?languages=missing&expose=1');
    frames.keep(frame);
    // The portal registered some German strings of its own, before the file failed and after.
    const visio = () => (win as unknown as { visio?: { registerTranslation: typeof registerTranslation } }).visio;
    await waitUntil(() => visio(), 'the bundle’s exports');
    visio()!.registerTranslation({ $code: 'de', join: 'Jetzt beitreten' });
    // Every visio-error crosses shadow roots to the document: the elements inside the prejoin
    // (device lists…) share its language, and must not report it again.
    const errors: string[] = [];
    doc.addEventListener('visio-error', (event) => {
      const { code, error } = (event as CustomEvent<{ code: string; error: Error }>).detail;
      errors.push(`<${(event.target as Element).localName}> ${code}: ${error.message}`);
    });
    const prejoin = doc.createElement('visio-prejoin');
    prejoin.setAttribute('lang', 'de');
    doc.body.append(prejoin);
    const alert = () => prejoin.shadowRoot?.querySelector<HTMLElement>('[part="error"]');
    await waitUntil(() => alert(), 'the message in the prejoin', { timeout: 10_000 });
    expect(alert()!.getAttribute('role')).to.equal('alert');
    expect(alert()!.textContent).to.equal(en.errors['chunk-load-failed']);
    const box = alert()!.getBoundingClientRect();
    expect(box.width, 'the message has a box').to.be.above(100);
    expect(box.height).to.be.above(10);
    const text = (selector: string) => prejoin.shadowRoot!.querySelector(selector)!.textContent.trim();
    await waitUntil(() => text('[part="join-button"]') === 'Jetzt beitreten', 'the host’s string');
    expect(text('h2'), 'the rest in English').to.equal(en.prejoinTitle);
    visio()!.registerTranslation({ $code: 'de', prejoinTitle: 'Bereit?' });
    await waitUntil(() => text('h2') === 'Bereit?', 'a string registered after the failure');
    expect(text('[part="join-button"]')).to.equal('Jetzt beitreten');
    expect(text('label[for="name"]')).to.equal(en.displayName);
    await settle(500);
    expect(errors).to.deep.equal(['<visio-prejoin> chunk-load-failed: The "de" strings could not be loaded.']);
    await executeServerCommand('save-screenshot', { name: 'prejoin-alone-language-missing' });
    // At a phone's width the message still has its box, inside the prejoin's.
    await setViewport(VIEWPORTS.phone);
    frame.width = String(VIEWPORTS.phone.width);
    await settle(300);
    const narrow = alert()!.getBoundingClientRect();
    const prejoinBox = prejoin.getBoundingClientRect();
    expect(narrow.width * narrow.height, 'the message at 375 px').to.be.above(0);
    expect(narrow.left >= prejoinBox.left - 0.5 && narrow.right <= prejoinBox.right + 0.5, 'inside the prejoin at 375 px').to.equal(true);
    await executeServerCommand('save-screenshot', { name: 'prejoin-alone-language-missing-phone' });
    await setViewport(VIEWPORTS.desktop);

    // An element given another language than the one holding it reports its own failure.
    const room = doc.createElement('visio-room');
    room.setAttribute('lang', 'en');
    const toggle = doc.createElement('visio-toggle');
    toggle.setAttribute('source', 'microphone');
    toggle.setAttribute('lang', 'nl');
    room.append(toggle);
    doc.body.append(room);
    await waitUntil(() => errors.length === 2, 'the Dutch failure reported', { timeout: 10_000 });
    expect(errors[1]).to.equal('<visio-toggle> chunk-load-failed: The "nl" strings could not be loaded.');
    await settle(300);
    expect(errors, 'once').to.have.length(2);
    expect(win.unhandledRejections).to.deep.equal([]);
    expect(describeViolations(win.cspViolations)).to.equal('');
  });

  it('on a page whose Trusted Types leave out visio-elements, an encrypted call fails with e2ee-unavailable, never joins unencrypted', async () => {
    const page = await strictPage('?trusted-types=lit-html');
    frames.keep(page.frame);
    const { win, doc } = page;
    const call = callIn(doc, { room: uniqueRoom('csp-no-policy'), name: 'Camille Martin', audio: 'off', video: 'off', 'skip-prejoin': '' });
    call.e2ee = { passphrase: 'correct horse battery staple' };
    const errors: string[] = [];
    call.addEventListener('visio-error', (event) => errors.push(event.detail.code));
    expect(await call.join()).to.equal(false);
    expect(errors).to.deep.equal(['e2ee-unavailable']);
    expect(call.status).to.equal('error');
    expect(call.livekitRoom?.state ?? 'disconnected').to.equal('disconnected');
    expect(call.shadowRoot!.querySelector('.error-message')!.textContent).to.equal(
      'End-to-end encryption could not start on this page, so the call was not joined and nothing was sent. Contact the site’s administrator.',
    );
    await settle();
    expect(win.unhandledRejections, 'unhandled rejections').to.deep.equal([]);
    if ('trustedTypes' in win) expect(win.cspViolations.map((v) => v.directive)).to.include('trusted-types');
  });
});
