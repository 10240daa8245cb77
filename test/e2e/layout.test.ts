// Layouts against the real LiveKit server: grid pages with more people than fit, the speaker
// moved to page one, off-page tiles receiving no video, a remote screen share on the stage, and
// pinning by mouse and keyboard. Peers are livekit-client Rooms in the page sending small canvases.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import { ParticipantEvent, Track, TrackEvent, type RemoteVideoTrack } from 'livekit-client';
import '../../src/index.js';
import type { VisioCallElement, VisioGridElement, VisioStageElement, VisioTileElement } from '../../src/index.js';
import {
  callTestHooks,
  joinAsPeer,
  publishSyntheticVideo,
  publishTone,
  receiverFramesDecoded,
  settle,
  tileOf,
  tiles,
  uniqueRoom,
  videoOf,
  waitForFrames,
} from '../support/helpers.js';

describe('layouts with many participants', function () {
  this.timeout(120_000);
  const hooks = callTestHooks();

  /** A call sized so that a 2×2 page fits, and `peers` peers sending video. */
  async function crowdedCall(prefix: string, peerCount: number, size = 360) {
    const roomName = uniqueRoom(prefix);
    const container = await fixture<HTMLDivElement>(html`
      <div style="width: ${size}px; height: ${size}px">
        <visio-call lang="en" token-endpoint="/api/token" room=${roomName} name="Camille Martin" audio="off" video="off"></visio-call>
      </div>
    `);
    const call = container.querySelector('visio-call')!;
    expect(await call.join()).to.equal(true);
    const peers = await Promise.all(
      Array.from({ length: peerCount }, async (_, index) => {
        const peer = hooks.peer(await joinAsPeer(roomName, `Peer ${index + 1}`));
        await publishSyntheticVideo(peer, { fps: 5 });
        return peer;
      }),
    );
    await waitUntil(() => call.livekitRoom?.remoteParticipants.size === peerCount, 'everyone in the room', { timeout: 20_000 });
    return { call, peers };
  }

  const gridOf = (call: VisioCallElement) => call.shadowRoot!.querySelector<VisioGridElement>('visio-grid');
  const stageOf = (call: VisioCallElement) => call.shadowRoot!.querySelector<VisioStageElement>('visio-stage');
  const pageStatus = (grid: VisioGridElement) => grid.shadowRoot!.querySelector('[role="status"]')?.textContent?.trim();
  const pageButton = (grid: VisioGridElement, which: 'previous' | 'next') => grid.shadowRoot!.querySelector<HTMLButtonElement>(`button.${which}`)!;
  const shownIdentities = (call: VisioCallElement) => tiles(call).map((tile) => tile.participant!.identity);
  const cameraOf = (call: VisioCallElement, identity: string) => call.livekitRoom!.remoteParticipants.get(identity)!.getTrackPublication(Track.Source.Camera);

  it('pages people who do not fit, keeps the local tile on page one, and moves a speaker there', async () => {
    const { call, peers } = await crowdedCall('pages', 5);
    const grid = gridOf(call)!;
    await waitUntil(() => grid.pageCount === 2 && tiles(call).length === 4, 'a 2×2 page of 6 people, in 2 pages', { timeout: 10_000 });
    expect(tiles(call)[0].local).to.equal(true);
    expect(pageStatus(grid)).to.equal('Page 1 of 2');
    expect(pageButton(grid, 'previous').disabled).to.equal(true);
    expect(pageButton(grid, 'previous').getAttribute('aria-label')).to.equal('Previous page');

    const firstPage = shownIdentities(call);
    pageButton(grid, 'next').click();
    await waitUntil(() => pageStatus(grid) === 'Page 2 of 2', 'page 2 shown');
    expect(tiles(call)).to.have.length(2);
    expect(pageButton(grid, 'next').disabled).to.equal(true);
    const secondPage = shownIdentities(call);
    expect(secondPage.filter((identity) => firstPage.includes(identity))).to.deep.equal([]);

    pageButton(grid, 'previous').click();
    await waitUntil(() => pageStatus(grid) === 'Page 1 of 2', 'page 1 shown again');

    // Someone from page two speaks: the server reports them, and they come to page one.
    const speaker = peers.find((peer) => peer.localParticipant.identity === secondPage[0])!;
    await publishTone(speaker);
    await waitUntil(() => call.livekitRoom!.activeSpeakers.some((p) => p.identity === secondPage[0]), 'the server hears the speaker', {
      timeout: 20_000,
    });
    await waitUntil(() => shownIdentities(call).includes(secondPage[0]), 'the speaker on page one', { timeout: 10_000 });
    expect(tiles(call)[0].local, 'the local tile stays first').to.equal(true);
    expect(grid.pageCount).to.equal(2);
  });

  it('in a crowded room, people with their camera on fill the first page before people with it off', async () => {
    const roomName = uniqueRoom('video-first');
    const container = await fixture<HTMLDivElement>(html`
      <div style="width: 360px; height: 360px">
        <visio-call lang="en" token-endpoint="/api/token" room=${roomName} name="Camille Martin" audio="off" video="off"></visio-call>
      </div>
    `);
    const call = container.querySelector('visio-call')!;
    expect(await call.join()).to.equal(true);
    // Six people with their camera off join first, then two with video.
    await Promise.all(Array.from({ length: 6 }, async (_, index) => hooks.peer(await joinAsPeer(roomName, `Camera off ${index + 1}`))));
    const grid = gridOf(call)!;
    await waitUntil(() => call.livekitRoom!.remoteParticipants.size === 6 && grid.pageCount === 2 && tiles(call).length === 4, 'two pages of 2×2', {
      timeout: 20_000,
    });
    const withVideo = await Promise.all(
      [1, 2].map(async (index) => {
        const peer = hooks.peer(await joinAsPeer(roomName, `With video ${index}`));
        await publishSyntheticVideo(peer, { fps: 5 });
        return peer.localParticipant.identity;
      }),
    );
    await waitUntil(() => withVideo.every((identity) => shownIdentities(call).includes(identity)), 'both cameras on page one', { timeout: 20_000 });
    expect(tiles(call)[0].local, 'the local tile stays first').to.equal(true);
    for (const identity of withVideo) await waitForFrames(videoOf(tileOf(call, identity)!), 3, 20_000);
  });

  it('tiles off the page receive no video, and do again when their page is shown', async () => {
    const { call } = await crowdedCall('offpage', 5);
    const grid = gridOf(call)!;
    await waitUntil(() => grid.pageCount === 2 && tiles(call).length === 4, 'two pages', { timeout: 10_000 });
    const remoteOnPageOne = shownIdentities(call).find((identity) => identity !== call.livekitRoom!.localParticipant.identity)!;
    await waitUntil(() => tileOf(call, remoteOnPageOne) && cameraOf(call, remoteOnPageOne)?.track, 'its camera subscribed', { timeout: 15_000 });
    await waitForFrames(videoOf(tileOf(call, remoteOnPageOne)!), 5, 20_000);

    pageButton(grid, 'next').click();
    await waitUntil(() => !tileOf(call, remoteOnPageOne), 'its tile gone with page 1');
    const publication = cameraOf(call, remoteOnPageOne)!;
    await waitUntil(() => !publication.isEnabled, 'its video paused', { timeout: 10_000 });
    await settle(2_000);
    const track = publication.track as RemoteVideoTrack | undefined;
    const before = await receiverFramesDecoded(track);
    await settle(3_000);
    expect(await receiverFramesDecoded(track), 'frames decoded off the page').to.equal(before);

    pageButton(grid, 'previous').click();
    await waitUntil(() => tileOf(call, remoteOnPageOne), 'its tile back');
    await waitUntil(() => publication.isEnabled, 'its video resumed', { timeout: 10_000 });
    await waitForFrames(videoOf(tileOf(call, remoteOnPageOne)!), 5, 20_000);
    expect(await receiverFramesDecoded(publication.track as RemoteVideoTrack)).to.be.above(before);
  });

  it('a remote screen share puts `auto` on the stage with the share large, and back when it stops', async () => {
    const { call, peers } = await crowdedCall('share', 2, 480);
    expect(call.layout).to.equal('auto');
    expect(call.getAttribute('layout')).to.equal('auto');
    await waitUntil(() => gridOf(call), 'the grid first');
    const changed = oneEvent(call, 'visio-layout-changed');
    const stopSharing = await publishSyntheticVideo(peers[1], { source: Track.Source.ScreenShare, fps: 5 });
    expect((await changed).detail).to.deep.include({ layout: 'auto', shown: 'stage' });

    const stage = await waitUntil(() => stageOf(call), 'the stage', { timeout: 10_000 }).then(() => stageOf(call)!);
    const main = () => stage.shadowRoot!.querySelector<VisioTileElement>('[part="main"] visio-tile');
    await waitUntil(() => main()?.source === 'screen_share', 'the share large', { timeout: 10_000 });
    expect(main()!.participant!.identity).to.equal(peers[1].localParticipant.identity);
    expect(main()!.shadowRoot!.querySelector('[part="name"]')!.textContent).to.equal('Screen of Peer 2');
    await waitForFrames(videoOf(main()!), 5, 20_000);
    const strip = [...stage.shadowRoot!.querySelectorAll<VisioTileElement>('[part="strip"] visio-tile')];
    expect(strip.map((tile) => tile.participant!.identity).sort()).to.deep.equal(
      [call.livekitRoom!.localParticipant.identity, ...peers.map((peer) => peer.localParticipant.identity)].sort(),
    );

    await stopSharing();
    await waitUntil(() => gridOf(call) && !stageOf(call), 'the grid again', { timeout: 10_000 });
  });

  it('one participant turning the camera off updates their tile only', async () => {
    const { call, peers } = await crowdedCall('updates', 2, 480);
    const [first, second] = peers.map((peer) => peer.localParticipant.identity);
    // Both videos have their first frame (the initials gone), so that no tile is still taking in its own video.
    const playing = (identity: string) =>
      tileOf(call, identity)?.shadowRoot?.querySelector('video:not([hidden])') && !tileOf(call, identity)!.shadowRoot!.querySelector('[part="placeholder"]');
    await waitUntil(() => playing(first) && playing(second), 'both videos', { timeout: 15_000 });
    // Each tile's updates, and the events of its own participant (a quality report, say) that may
    // legitimately update it in the meantime.
    const updates = new Map<VisioTileElement, number>();
    const ownEvents = new Map<VisioTileElement, number>();
    for (const tile of tiles(call)) {
      updates.set(tile, 0);
      ownEvents.set(tile, 0);
      tile.addController({ hostUpdate: () => updates.set(tile, updates.get(tile)! + 1) });
      for (const event of Object.values(ParticipantEvent))
        tile.participant!.on(event as ParticipantEvent.IsSpeakingChanged, () => ownEvents.set(tile, ownEvents.get(tile)! + 1));
    }
    await peers[0].localParticipant.getTrackPublication(Track.Source.Camera)!.mute();
    const tile = tileOf(call, first)!;
    // The initials also show over a video until its first frame: the hidden video says the camera is off.
    await waitUntil(() => tile.shadowRoot!.querySelector('video[hidden]') && tile.shadowRoot!.querySelector('[part="placeholder"]'), 'Peer 1 without video', {
      timeout: 10_000,
    });
    expect(tile.shadowRoot!.querySelector('.label [aria-label="Camera off"]'), 'the camera-off icon').to.not.equal(null);
    await settle(500);
    expect(updates.get(tile)).to.be.above(0);
    for (const [other, count] of updates) {
      if (other !== tile) expect(count, `updates of ${other.participant!.identity}`).to.be.at.most(ownEvents.get(other)!);
    }
  });

  it('pins from a tile menu by mouse and by keyboard, and unpins', async () => {
    const { call, peers } = await crowdedCall('pin', 2, 480);
    const [first, second] = peers.map((peer) => peer.localParticipant.identity);
    await waitUntil(() => tileOf(call, first) && tileOf(call, second), 'both tiles', { timeout: 10_000 });
    const menuButton = (tile: VisioTileElement) => tile.shadowRoot!.querySelector<HTMLButtonElement>('[part="menu-button"]')!;
    const pinButton = (tile: VisioTileElement) => tile.shadowRoot!.querySelector<HTMLButtonElement>('button.pin');
    const click = async (element: Element) => {
      const { x, y, width, height } = element.getBoundingClientRect();
      await sendMouse({ type: 'click', position: [Math.round(x + width / 2), Math.round(y + height / 2)] });
    };
    const mainTile = () => stageOf(call)?.shadowRoot!.querySelector<VisioTileElement>('[part="main"] visio-tile');

    // Mouse.
    const tile = tileOf(call, first)!;
    expect(menuButton(tile).getAttribute('aria-label')).to.equal('Options for Peer 1');
    await click(menuButton(tile));
    await waitUntil(() => pinButton(tile), 'the menu open');
    expect(menuButton(tile).getAttribute('aria-expanded')).to.equal('true');
    expect(pinButton(tile)!.getAttribute('aria-checked')).to.equal('false');
    await click(pinButton(tile)!);
    await waitUntil(() => mainTile()?.participant?.identity === first, 'Peer 1 large', { timeout: 10_000 });
    expect(mainTile()!.pinned).to.equal(true);

    // Keyboard: pin Peer 2 from its tile in the strip.
    const stripTile = () =>
      [...stageOf(call)!.shadowRoot!.querySelectorAll<VisioTileElement>('[part="strip"] visio-tile')].find((t) => t.participant?.identity === second)!;
    await waitUntil(stripTile, 'Peer 2 in the strip');
    menuButton(stripTile()).focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => pinButton(stripTile()), 'the menu open by keyboard');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: ' ' });
    await waitUntil(() => mainTile()?.participant?.identity === second, 'Peer 2 large', { timeout: 10_000 });

    // Unpin by keyboard from the large tile: back to the grid.
    menuButton(mainTile()!).focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => pinButton(mainTile()!)?.getAttribute('aria-checked') === 'true', 'unpin offered');
    expect(pinButton(mainTile()!)!.textContent.trim()).to.equal('Unpin Peer 2');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => gridOf(call) && !stageOf(call), 'the grid again', { timeout: 10_000 });
  });
});

describe('the screen-share control', function () {
  this.timeout(60_000);
  callTestHooks();
  let original: typeof navigator.mediaDevices.getDisplayMedia;
  before(() => {
    original = navigator.mediaDevices.getDisplayMedia;
  });
  afterEach(() => {
    navigator.mediaDevices.getDisplayMedia = original;
  });

  /** The browser's screen picker, answered by the test: what the user or the browser would do. */
  const picker = (answer: () => Promise<MediaStream>) => {
    navigator.mediaDevices.getDisplayMedia = answer;
  };

  async function callWithToggle() {
    const call = await fixture<VisioCallElement>(
      html`<visio-call lang="en" token-endpoint="/api/token" room=${uniqueRoom('screen')} name="Camille Martin" audio="off" video="off"></visio-call>`,
    );
    expect(await call.join()).to.equal(true);
    const controls = await waitUntil(() => call.shadowRoot!.querySelector('visio-controls')?.shadowRoot, 'controls').then(() =>
      call.shadowRoot!.querySelector('visio-controls')!,
    );
    await controls.updateComplete;
    const toggle = controls.shadowRoot!.querySelector('visio-toggle[source="screen_share"]')!;
    await (toggle as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    const button = toggle.shadowRoot!.querySelector('button')!;
    return { call, button };
  }

  it('a cancelled picker is a quiet notice, a refusal an error message', async () => {
    const { call, button } = await callWithToggle();
    expect(button.getAttribute('aria-label')).to.equal('Share screen');
    picker(() => Promise.reject(new DOMException('Permission denied by user', 'NotAllowedError')));
    const cancelled = oneEvent(call, 'visio-error');
    button.click();
    expect((await cancelled).detail.code).to.equal('screen-share-cancelled');
    await waitUntil(() => call.shadowRoot!.querySelector('[aria-live="polite"]')?.textContent === 'Screen sharing was cancelled.', 'announced');
    expect(call.shadowRoot!.querySelector('[part="banner"]'), 'no alarming banner').to.equal(null);
    expect(button.getAttribute('aria-pressed')).to.equal('false');

    picker(() => Promise.reject(new DOMException('Not supported', 'NotSupportedError')));
    const refused = oneEvent(call, 'visio-error');
    button.click();
    expect((await refused).detail.code).to.equal('screen-share-failed');
    await waitUntil(() => call.shadowRoot!.querySelector('[part="banner"][role="alert"]'), 'the message shown');
    expect(call.shadowRoot!.querySelector('[part="banner"]')!.textContent).to.contain('could not share the screen');
  });

  it('shares, and follows a stop from the browser’s own bar', async () => {
    const { call, button } = await callWithToggle();
    const canvas = Object.assign(document.createElement('canvas'), { width: 160, height: 120 });
    canvas.getContext('2d')!.fillRect(0, 0, 160, 120);
    picker(async () => canvas.captureStream(5));
    button.click();
    await waitUntil(() => button.getAttribute('aria-pressed') === 'true', 'sharing', { timeout: 10_000 });
    expect(call.state.media.screenShare).to.equal(true);
    const publication = call.livekitRoom!.localParticipant.getTrackPublication(Track.Source.ScreenShare)!;
    // "Stop sharing" in the browser's bar ends the track; livekit-client turns the track's `ended`
    // into its own Ended event (emitted here: Firefox delivers no synthetic `ended` to a track).
    const track = publication.track!;
    track.mediaStreamTrack.stop();
    track.emit(TrackEvent.Ended, track);
    await waitUntil(() => button.getAttribute('aria-pressed') === 'false', 'not sharing any more', { timeout: 10_000 });
    expect(call.state.media.screenShare).to.equal(false);
  });
});
