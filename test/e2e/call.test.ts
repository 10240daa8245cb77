// End to end against the real LiveKit server: <visio-call> in the page and a second real client
// (a plain livekit-client Room publishing the fake camera and microphone) in one room.
import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys, setViewport } from '@web/test-runner-commands';
import { RoomEvent, Track, TrackEvent, type RemoteTrack, type Room } from 'livekit-client';
import '../../src/index.js';
import type { VisioCallElement, VisioTileElement } from '../../src/index.js';
import { en } from '../../src/i18n/en.js';
import { callTestHooks, decodedFrames, joinAsPeer, tileOf, tiles, uniqueRoom, videoOf, waitForFrames } from '../support/helpers.js';

describe('a call between <visio-call> and another real client', function () {
  this.timeout(60_000);
  const hooks = callTestHooks();
  let peer: Room | undefined;

  async function startCall(roomName: string) {
    const call = await fixture<VisioCallElement>(html`<visio-call lang="en" token-endpoint="/api/token" room=${roomName} name="Camille Martin"></visio-call>`);
    const connected = oneEvent(call, 'visio-connected');
    expect(await call.join()).to.equal(true);
    await connected;
    return call;
  }

  async function startPeer(roomName: string) {
    const room = await joinAsPeer(roomName, 'Dominique Bot');
    await room.localParticipant.enableCameraAndMicrophone();
    return room;
  }

  /** The element and a peer in a new room, once the element shows the peer's tile. */
  async function callWithPeer(prefix: string) {
    const roomName = uniqueRoom(prefix);
    const call = await startCall(roomName);
    peer = hooks.peer(await startPeer(roomName));
    const identity = peer.localParticipant.identity;
    await waitUntil(() => tileOf(call, identity), 'remote tile', { timeout: 10_000 });
    return { call, identity };
  }

  it('both sides decode each other’s video; tiles show names', async () => {
    const roomName = uniqueRoom('video');
    const call = await startCall(roomName);
    const joined = oneEvent(call, 'visio-participant-joined');
    peer = hooks.peer(await startPeer(roomName));
    const joinedEvent = await joined;
    expect(joinedEvent.detail.identity).to.equal(peer.localParticipant.identity);
    expect(joinedEvent.detail.name).to.equal('Dominique Bot');

    await waitUntil(() => tiles(call).length === 2, 'two tiles', { timeout: 10_000 });
    const [localTile] = tiles(call);
    expect(localTile.local).to.equal(true);
    expect(localTile.shadowRoot!.querySelector('[part="name"]')!.textContent).to.equal('Camille Martin (you)');

    // The element shows the peer's camera: frames decoded in the remote tile.
    await waitUntil(() => tileOf(call, peer!.localParticipant.identity)?.shadowRoot?.querySelector('video:not([hidden])'), 'remote video shown', {
      timeout: 15_000,
    });
    const remoteTile = tileOf(call, peer.localParticipant.identity)!;
    expect(remoteTile.shadowRoot!.querySelector('[part="name"]')!.textContent).to.equal('Dominique Bot');
    expect(await waitForFrames(videoOf(remoteTile))).to.be.at.least(10);

    // The peer receives the element's camera and decodes it too.
    const elementIdentity = call.livekitRoom!.localParticipant.identity;
    const track = await new Promise<RemoteTrack>((resolve) => {
      const existing = peer!.remoteParticipants.get(elementIdentity)?.getTrackPublication(Track.Source.Camera)?.track;
      if (existing) resolve(existing);
      peer!.on(RoomEvent.TrackSubscribed, (t, publication, participant) => {
        if (participant.identity === elementIdentity && publication.source === Track.Source.Camera) resolve(t);
      });
    });
    const peerVideo = track.attach() as HTMLVideoElement;
    document.body.append(peerVideo);
    try {
      expect(await waitForFrames(peerVideo)).to.be.at.least(10);
    } finally {
      track.detach(peerVideo);
      peerVideo.remove();
    }
  });

  it('never asks the server to pause a remote video that is on screen (adaptive stream), from the join to its frames', async () => {
    // The peer is in the room first, so its camera comes with the join and its tile is drawn with it.
    const roomName = uniqueRoom('visible');
    peer = hooks.peer(await startPeer(roomName));
    const identity = peer.localParticipant.identity;
    const call = await fixture<VisioCallElement>(html`<visio-call lang="en" token-endpoint="/api/token" room=${roomName} name="Camille Martin"></visio-call>`);
    // What livekit-client tells the server about the remote camera's visibility: false pauses it.
    const visibility: boolean[] = [];
    call.livekitRoom!.on(RoomEvent.TrackSubscribed, (track, publication, participant) => {
      if (participant.identity === identity && publication.source === Track.Source.Camera) {
        track.on(TrackEvent.VisibilityChanged, (visible: boolean) => visibility.push(visible));
      }
    });
    expect(await call.join()).to.equal(true);
    await waitUntil(() => tileOf(call, identity)?.shadowRoot?.querySelector('video:not([hidden])'), 'remote video shown', { timeout: 15_000 });
    const video = videoOf(tileOf(call, identity)!);
    expect(await waitForFrames(video, 10)).to.be.at.least(10);
    const box = video.getBoundingClientRect();
    expect(box.width * box.height, 'the remote video has a box on screen').to.be.above(100 * 50);
    expect(visibility, 'visibility told to the server, in order').to.deep.equal([true]);
  });

  it('the remote side muting its microphone shows on its tile', async () => {
    const { call, identity } = await callWithPeer('mute');
    await waitUntil(() => tileOf(call, identity)!.muted === false, 'microphone shown on', { timeout: 10_000 });

    await peer!.localParticipant.setMicrophoneEnabled(false);
    await waitUntil(() => tileOf(call, identity)!.muted, 'muted shown', { timeout: 5_000 });
    const tile = tileOf(call, identity)!;
    expect(tile.hasAttribute('muted')).to.equal(true);
    expect(tile.shadowRoot!.querySelector('[role="img"]')!.getAttribute('aria-label')).to.equal(en.microphoneMuted);

    await peer!.localParticipant.setMicrophoneEnabled(true);
    await waitUntil(() => !tileOf(call, identity)!.muted, 'unmute shown', { timeout: 5_000 });
  });

  it('a remote leave removes its tile within five seconds', async () => {
    const { call, identity } = await callWithPeer('leave');

    const left = oneEvent(call, 'visio-participant-left');
    await peer!.disconnect();
    peer = undefined;
    const start = performance.now();
    await waitUntil(() => !tileOf(call, identity), 'tile removed', { timeout: 5_000, interval: 50 });
    expect(performance.now() - start).to.be.below(5_000);
    expect((await left).detail.identity).to.equal(identity);
    expect(tiles(call)).to.have.length(1);
    const status = call.shadowRoot!.querySelector('[aria-live="polite"]')!;
    expect(status.textContent).to.equal('Dominique Bot left the call');
  });

  it('leave() ends the session, fires visio-disconnected, and offers to rejoin', async () => {
    const roomName = uniqueRoom('end');
    const call = await startCall(roomName);
    peer = hooks.peer(await startPeer(roomName));
    const elementIdentity = call.livekitRoom!.localParticipant.identity;
    await waitUntil(() => peer!.remoteParticipants.has(elementIdentity), 'peer sees the element', { timeout: 10_000 });

    const disconnected = oneEvent(call, 'visio-disconnected');
    const peerSawLeave = new Promise((resolve) => peer!.on(RoomEvent.ParticipantDisconnected, (p) => p.identity === elementIdentity && resolve(true)));
    await call.leave();
    expect((await disconnected).detail.reason).to.equal('left');
    expect(call.status).to.equal('left');
    expect(await peerSawLeave).to.equal(true);
    // The camera and microphone are released.
    expect(call.livekitRoom!.localParticipant.trackPublications.size).to.equal(0);
    await call.updateComplete;
    const rejoin = call.shadowRoot!.querySelector<HTMLButtonElement>('[part="join-button"]')!;
    expect(rejoin.textContent.trim()).to.equal(en.rejoin);

    // Rejoining with the button works.
    const connected = oneEvent(call, 'visio-connected');
    rejoin.click();
    await connected;
    expect(call.status).to.equal('connected');
  });

  /** `<visio-call autojoin>` in `roomName`, once connected; `barCame` resolves when its control bar is in the page. */
  async function autojoinCall(roomName: string) {
    const call = await fixture<VisioCallElement>(
      html`<visio-call lang="en" autojoin token-endpoint="/api/token" room=${roomName} name="Camille Martin"></visio-call>`,
    );
    const bar = () => call.shadowRoot!.querySelector('visio-controls');
    const barCame = new Promise<void>((resolve) => {
      const observer = new MutationObserver(() => bar() && (observer.disconnect(), resolve()));
      observer.observe(call.shadowRoot!, { childList: true, subtree: true });
    });
    await oneEvent(call, 'visio-connected');
    return { call, bar, barCame, connectedAt: performance.now() };
  }

  it('autojoin: the tiles, then, once the remote video plays, the whole control bar and the settings with the background choice', async () => {
    // With autojoin the call renders the tiles first and the rest once a remote video plays.
    const roomName = uniqueRoom('autojoin');
    peer = hooks.peer(await startPeer(roomName));
    const { call, bar, barCame, connectedAt } = await autojoinCall(roomName);
    const identity = peer.localParticipant.identity;
    // Whether the remote video had its first frame when the control bar came into the page, and when that was.
    const barArrival = barCame.then(() => {
      const tile = tileOf(call, identity);
      return { videoHadFrame: tile ? videoOf(tile)?.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA : false, after: performance.now() - connectedAt };
    });
    await waitUntil(() => tileOf(call, identity), 'remote tile', { timeout: 10_000 });
    const remote = tileOf(call, identity)!;
    await waitUntil(() => remote.shadowRoot?.querySelector('video:not([hidden])'), 'remote video shown', { timeout: 15_000 });
    expect(await waitForFrames(videoOf(remote))).to.be.at.least(10);
    await waitUntil(() => !remote.shadowRoot!.querySelector('[part="placeholder"]'), 'the initials give way to the video');

    await waitUntil(() => bar()?.shadowRoot?.querySelector('visio-leave'), 'the control bar');
    // The bar waits for the remote video's first frame, or 1 s at most (a loaded machine can take longer to decode it).
    const { videoHadFrame, after } = await barArrival;
    expect(
      videoHadFrame || after >= 1000,
      `the control bar came ${after.toFixed(0)} ms after joining, before the remote video's first frame and before its longest wait (1 s)`,
    ).to.equal(true);
    const names = [...call.shadowRoot!.querySelectorAll('visio-controls > button')].map((button) => button.getAttribute('aria-label'));
    expect(names).to.include.members([en.stageView, en.raiseHand, en.captions, en.participants, en.chat, en.settings]);
    const leave = bar()!.shadowRoot!.querySelector('visio-leave')!.shadowRoot!.querySelector('button')!;
    expect(leave.getAttribute('aria-label')).to.equal(en.leave);

    call.shadowRoot!.querySelector<HTMLButtonElement>('[part="settings-button"]')!.click();
    const settings = call.shadowRoot!.querySelector('visio-settings')!;
    await waitUntil(() => settings.shadowRoot?.querySelector('dialog[open]'), 'settings open', { timeout: 10_000 });
    const legend = call.shadowRoot!.querySelector('[slot="background"] legend');
    expect(legend?.textContent).to.equal(en.background);
    expect(legend!.getClientRects().length, 'the background choice shows in the dialog').to.be.above(0);
  });

  it('autojoin: a peer whose camera never sends a frame does not keep the control bar away', async () => {
    // A hostile or broken peer: its camera is published and unmuted, but no frame ever comes.
    const roomName = uniqueRoom('autojoin-frameless');
    peer = hooks.peer(await joinAsPeer(roomName, 'Dominique Bot'));
    const canvas = Object.assign(document.createElement('canvas'), { width: 160, height: 120 });
    const [frameless] = canvas.captureStream(0).getVideoTracks(); // frames only on requestFrame(), never called
    await peer.localParticipant.publishTrack(frameless, { source: Track.Source.Camera, simulcast: false });
    const { call, bar } = await autojoinCall(roomName);
    const identity = peer.localParticipant.identity;
    await waitUntil(() => tileOf(call, identity), 'remote tile', { timeout: 10_000 });
    await waitUntil(() => bar()?.shadowRoot?.querySelector('visio-leave'), 'the control bar', { timeout: 5_000 });
    const tile = tileOf(call, identity)!;
    expect(videoOf(tile).readyState, 'the remote video has no frame').to.be.below(HTMLMediaElement.HAVE_CURRENT_DATA);
    // Their tile shows their initials over the empty video, not a black box.
    expect(videoOf(tile).hidden, 'the video is in the page (so that its frames may come)').to.equal(false);
    const placeholder = tile.shadowRoot!.querySelector<HTMLElement>('[part="placeholder"]');
    expect(placeholder?.textContent?.trim()).to.equal('DB');
    expect(placeholder!.getBoundingClientRect().height).to.be.above(0);
    await executeServerCommand('save-screenshot', { name: 'tile-camera-without-frames' });
    frameless.stop();
  });

  /**
   * `<visio-call>` in `roomName`, joining with camera and microphone, whose camera publication
   * livekit-client holds until the test calls `release` (`false`: it fails instead).
   */
  async function callWithHeldCamera(roomName: string) {
    const call = await fixture<VisioCallElement>(html`<visio-call lang="en" token-endpoint="/api/token" room=${roomName} name="Camille Martin"></visio-call>`);
    let release: (publish: boolean) => void = () => {};
    const held = new Promise<boolean>((resolve) => (release = resolve));
    call.addEventListener(
      'visio-connected',
      ({ detail: { room } }) => {
        const local = room.localParticipant;
        const publish = local.publishTrack.bind(local);
        local.publishTrack = async (track, options) => {
          if (!(track instanceof MediaStreamTrack) && track.source === Track.Source.Camera && !(await held)) throw new Error('held by the test');
          return publish(track, options);
        };
      },
      { once: true },
    );
    const errors: string[] = [];
    call.addEventListener('visio-error', (event) => errors.push(event.detail.code));
    const joined = call.join();
    await waitUntil(() => tiles(call)[0], 'own tile', { timeout: 10_000 });
    return { call, joined, errors, release, tile: tiles(call)[0] };
  }

  const cameraOffIconOf = (tile: VisioTileElement) => tile.shadowRoot!.querySelector(`.label [aria-label="${en.cameraOff as string}"]`);
  const cameraButtonOf = (call: VisioCallElement) =>
    call.shadowRoot!.querySelector('visio-controls')?.shadowRoot?.querySelector('visio-toggle[source="camera"]')?.shadowRoot?.querySelector('button');

  it('shows the own camera as soon as the call shows, while livekit-client still publishes it', async () => {
    const { call, joined, errors, release, tile } = await callWithHeldCamera(uniqueRoom('own-camera-early'));
    const video = videoOf(tile);
    expect(await waitForFrames(video, 5), 'own camera frames before its publication').to.be.at.least(5);
    await waitUntil(() => !tile.shadowRoot!.querySelector('[part="placeholder"]'), 'the initials give way to the video');
    const box = video.getBoundingClientRect();
    expect(box.width, 'video width').to.be.above(100);
    expect(box.height, 'video height').to.be.above(50);
    expect(cameraOffIconOf(tile), 'no "camera off" icon over a camera that shows').to.equal(null);
    // Not published yet: the state (what the page and the other participants know) says so.
    expect(call.livekitRoom!.localParticipant.getTrackPublication(Track.Source.Camera)).to.equal(undefined);
    expect(call.state.participants[0].camera).to.equal(false);
    // The camera button shows it on, and waits for the publication before it turns it off.
    await waitUntil(() => cameraButtonOf(call), 'the camera button');
    expect(cameraButtonOf(call)!.getAttribute('aria-pressed')).to.equal('true');
    expect(cameraButtonOf(call)!.disabled).to.equal(true);
    await executeServerCommand('save-screenshot', { name: 'own-camera-while-publishing' });
    // The same under a page's `display: block; height: 600px`, at a desktop's width and a phone's.
    const before = { width: innerWidth, height: innerHeight };
    const pageCss = document.head.appendChild(Object.assign(document.createElement('style'), { textContent: 'visio-call { display: block; height: 600px; }' }));
    try {
      for (const [name, viewport] of [
        ['desktop', { width: 1280, height: 800 }],
        ['phone', { width: 375, height: 667 }],
      ] as const) {
        await setViewport(viewport);
        await waitUntil(() => video.getBoundingClientRect().width >= 120 && video.getBoundingClientRect().height >= 90, `own video at a usable size (${name})`);
        expect(cameraButtonOf(call)!.getBoundingClientRect().width, `camera button shown (${name})`).to.be.above(0);
        await executeServerCommand('save-screenshot', { name: `own-camera-while-publishing-${name}-block-600` });
      }
    } finally {
      pageCss.remove();
      await setViewport(before);
    }

    release(true);
    expect(await joined).to.equal(true);
    await waitUntil(() => call.state.participants[0].camera, 'the camera is published');
    expect(videoOf(tile), 'the same video element plays on').to.equal(video);
    await waitUntil(() => !cameraButtonOf(call)!.disabled, 'the camera button can be used');
    expect(cameraButtonOf(call)!.getAttribute('aria-pressed')).to.equal('true');
    const frames = decodedFrames(video);
    await waitUntil(() => decodedFrames(video) > frames + 5, 'the video keeps decoding', { timeout: 5_000 });
    expect(errors).to.deep.equal([]);
  });

  it('turns the camera off (Ctrl+E, toggleCamera) while it is still being published, without starting a second one', async () => {
    const { call, joined, errors, release, tile } = await callWithHeldCamera(uniqueRoom('own-camera-off-early'));
    await waitForFrames(videoOf(tile), 5);
    const stream = videoOf(tile).srcObject as MediaStream;
    const turned = call.toggleCamera(); // what Ctrl+E does: the user sees the camera on, and turns it off
    release(true);
    expect(await joined).to.equal(true);
    expect(await turned, 'the camera is off').to.equal(false);
    await waitUntil(() => tile.shadowRoot!.querySelector('[part="placeholder"] .initials')?.textContent === 'CM', 'initials shown');
    const cameras = [...call.livekitRoom!.localParticipant.trackPublications.values()].filter((each) => each.source === Track.Source.Camera);
    expect(cameras.length, 'camera publications').to.be.at.most(1);
    expect(cameras.every((each) => each.isMuted)).to.equal(true);
    expect(call.state.participants[0].camera).to.equal(false);
    expect(
      stream.getVideoTracks().every((each) => each.readyState === 'ended'),
      'the camera is released',
    ).to.equal(true);
    await waitUntil(() => cameraButtonOf(call)?.getAttribute('aria-pressed') === 'false', 'the camera button shows it off');
    expect(errors).to.deep.equal([]);
  });

  it('gives the initials back and reports the failure when the own camera cannot be published', async () => {
    const { call, joined, errors, release, tile } = await callWithHeldCamera(uniqueRoom('own-camera-fails'));
    await waitForFrames(videoOf(tile), 5);
    const stream = videoOf(tile).srcObject as MediaStream;
    release(false);
    expect(await joined, 'joined without the camera').to.equal(true);
    await waitUntil(() => tile.shadowRoot!.querySelector('[part="placeholder"] .initials')?.textContent === 'CM', 'initials shown again');
    expect(videoOf(tile).hidden).to.equal(true);
    expect(cameraOffIconOf(tile), 'the "camera off" icon').to.not.equal(null);
    expect(errors).to.deep.equal(['media-device-failed']);
    await waitUntil(() => cameraButtonOf(call)?.getAttribute('aria-pressed') === 'false' && !cameraButtonOf(call)!.disabled, 'the camera button: off, usable');
    expect(
      stream.getVideoTracks().every((each) => each.readyState === 'ended'),
      'the camera is released',
    ).to.equal(true);
    expect(call.state.participants[0].microphone, 'the microphone is published all the same').to.equal(true);
  });

  it('the leave button and the toggles work from the keyboard and are named', async () => {
    const roomName = uniqueRoom('controls');
    const call = await startCall(roomName);
    await call.updateComplete;
    const controls = call.shadowRoot!.querySelector('visio-controls')!;
    const devices = 'visio-toggle[source="microphone"], visio-toggle[source="camera"]';
    await waitUntil(() => controls.shadowRoot?.querySelectorAll(devices).length === 2, 'controls rendered');
    const [mic, camera] = [...controls.shadowRoot!.querySelectorAll(devices)].map((t) => t.shadowRoot!.querySelector('button')!);
    expect(mic.getAttribute('aria-label')).to.equal(en.microphone);
    expect(camera.getAttribute('aria-label')).to.equal(en.camera);
    await waitUntil(() => mic.getAttribute('aria-pressed') === 'true' && camera.getAttribute('aria-pressed') === 'true', 'both on', {
      timeout: 10_000,
    });

    // Keyboard: Tab moves from the microphone to the camera; Enter and Space press them.
    mic.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => mic.getAttribute('aria-pressed') === 'false', 'microphone off', { timeout: 5_000 });
    const localPublication = call.livekitRoom!.localParticipant.getTrackPublication(Track.Source.Microphone);
    expect(localPublication?.isMuted).to.equal(true);
    const localTile = tiles(call)[0];
    await waitUntil(() => localTile.muted, 'local tile shows muted');

    await sendKeys({ press: 'Tab' });
    expect(camera.matches(':focus')).to.equal(true);
    await sendKeys({ press: ' ' }); // ' ', not 'Space': Firefox's WebDriver BiDi knows only the former
    await waitUntil(() => camera.getAttribute('aria-pressed') === 'false', 'camera off', { timeout: 5_000 });
    await waitUntil(() => localTile.shadowRoot!.querySelector('[part="placeholder"] .initials')?.textContent === 'CM', 'initials shown');

    const leave = controls.shadowRoot!.querySelector('visio-leave')!.shadowRoot!.querySelector('button')!;
    expect(leave.getAttribute('aria-label')).to.equal(en.leave);
    const disconnected = oneEvent(call, 'visio-disconnected');
    leave.focus();
    await sendKeys({ press: 'Enter' });
    expect((await disconnected).detail.reason).to.equal('left');
    await aTimeout(0);
    expect(call.status).to.equal('left');
  });
});
