// Helpers for browser tests: a second real participant, tokens from the real endpoint, frame
// counting, and a watch for unhandled rejections.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand, setViewport } from '@web/test-runner-commands';
import { DataPacket, DataPacket_Kind, Transcription, TranscriptionSegment } from '@livekit/protocol';
import { Room, RoomEvent, Track, type RemoteTrack, type RemoteVideoTrack, type RoomOptions } from 'livekit-client';
import { PREFERENCES_KEY } from '../../src/core/preferences.js';
import type { VisioCallElement, VisioTileElement } from '../../src/index.js';

export function uniqueRoom(prefix = 'test'): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/** A token from the real reference endpoint (mounted on the test server). */
export async function fetchToken(roomName: string, participantName: string): Promise<{ server_url: string; participant_token: string }> {
  const response = await fetch('/api/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ room_name: roomName, participant_name: participantName }),
  });
  if (!response.ok) throw new Error(`token endpoint answered ${response.status}`);
  return response.json();
}

/** Another participant, a plain livekit-client `Room`, connected to the real server. */
export async function joinAsPeer(roomName: string, name: string, options: RoomOptions = {}): Promise<Room> {
  const { server_url, participant_token } = await fetchToken(roomName, name);
  const room = new Room(options);
  await room.connect(server_url, participant_token);
  return room;
}

/**
 * Frames a `<video>` has decoded and shown so far. Firefox counts none in `totalVideoFrames` for a
 * MediaStream, so its painted-frame counter is used there.
 */
export function decodedFrames(video: HTMLVideoElement): number {
  const painted = (video as HTMLVideoElement & { mozPaintedFrames?: number }).mozPaintedFrames ?? 0;
  return Math.max(video.getVideoPlaybackQuality().totalVideoFrames, painted);
}

/** Waits until `video` decodes `count` more frames than it had: real pictures, not just a tag. */
export async function waitForFrames(video: HTMLVideoElement, count = 10, timeout = 15_000): Promise<number> {
  const start = decodedFrames(video);
  await waitUntil(() => decodedFrames(video) - start >= count, `video decoded fewer than ${count} new frames`, { timeout, interval: 100 });
  return decodedFrames(video) - start;
}

/** Collects unhandled promise rejections until `stop()`. */
export function watchUnhandledRejections(): { reasons: unknown[]; stop(): void } {
  const reasons: unknown[] = [];
  const listener = (event: PromiseRejectionEvent) => {
    reasons.push(event.reason);
    event.preventDefault();
  };
  window.addEventListener('unhandledrejection', listener);
  return { reasons, stop: () => window.removeEventListener('unhandledrejection', listener) };
}

/**
 * For a `describe` block of call tests: every test fails on an unhandled rejection, and the peers
 * it registered with `peer()` are disconnected after it.
 */
export function callTestHooks(): { peer<T extends Room>(room: T): T } {
  let unhandled: ReturnType<typeof watchUnhandledRejections>;
  const peers: Room[] = [];
  beforeEach(() => {
    // Choices remembered by an earlier test (camera off, a device) must not leak into this one.
    localStorage.removeItem(PREFERENCES_KEY);
    unhandled = watchUnhandledRejections();
  });
  afterEach(async () => {
    await Promise.all(peers.splice(0).map((room) => room.disconnect()));
    unhandled.stop();
    expect(unhandled.reasons, 'unhandled rejections').to.deep.equal([]);
  });
  return {
    peer(room) {
      peers.push(room);
      return room;
    },
  };
}

/** A `<visio-call>` in English, microphone and camera off, joined to a fresh room of the test server. */
export async function joinedCall(prefix: string, endpoint = '/api/token'): Promise<{ call: VisioCallElement; roomName: string }> {
  const roomName = uniqueRoom(prefix);
  const call = await fixture<VisioCallElement>(
    html`<visio-call lang="en" token-endpoint=${endpoint} room=${roomName} name="Camille Martin" audio="off" video="off"></visio-call>`,
  );
  const errors: string[] = [];
  call.addEventListener('visio-error', (event) => errors.push(`${event.detail.code}: ${event.detail.message}`));
  expect(await call.join(), `joined (errors: ${errors.join('; ') || 'none'})`).to.equal(true);
  return { call, roomName };
}

/** A plain livekit-client participant in the call's room (disconnected after the test), once each side sees the other. */
export async function peerOf(hooks: ReturnType<typeof callTestHooks>, call: VisioCallElement, roomName: string, name: string): Promise<Room> {
  const peer = hooks.peer(await joinAsPeer(roomName, name));
  await waitUntil(() => call.livekitRoom!.remoteParticipants.has(peer.localParticipant.identity), `${name} seen`, { timeout: 10_000 });
  await waitUntil(() => peer.remoteParticipants.has(call.livekitRoom!.localParticipant.identity), `${name} sees the element`, { timeout: 10_000 });
  return peer;
}

/** A real client with an agent token (the server forwards transcription packets from agents only), once the call sees it. */
export async function agentOf(hooks: ReturnType<typeof callTestHooks>, call: VisioCallElement, roomName: string, name: string): Promise<Room> {
  const answer = (await (
    await fetch('/test/token/agent', { method: 'POST', body: JSON.stringify({ room_name: roomName, participant_name: name }) })
  ).json()) as { server_url: string; participant_token: string };
  const agent = hooks.peer(new Room());
  await agent.connect(answer.server_url, answer.participant_token);
  await waitUntil(() => call.livekitRoom!.remoteParticipants.has(agent.localParticipant.identity), `${name} seen`, { timeout: 10_000 });
  return agent;
}

/** Sends one segment as an older transcription packet (what Visio's client reads) of `speaker`'s words. */
export function sendTranscriptionPacket(agent: Room, speaker: string, segment: { id: string; text: string; final: boolean }): Promise<void> {
  const { id, text, final } = segment;
  return agent.engine.sendDataPacket(
    new DataPacket({
      kind: DataPacket_Kind.RELIABLE,
      value: {
        case: 'transcription',
        value: new Transcription({
          transcribedParticipantIdentity: speaker,
          trackId: '',
          segments: [new TranscriptionSegment({ id, text, final, language: 'fr', startTime: BigInt(0), endTime: BigInt(0) })],
        }),
      },
    }),
    // The engine's channel kinds are DataPacket_Kind's values.
    DataPacket_Kind.RELIABLE as unknown as Parameters<Room['engine']['sendDataPacket']>[1],
  );
}

/** Publishes the peer's microphone and waits until the call sees it; resolves to the track's sid (what captions name). */
export async function publishMicrophoneTo(call: VisioCallElement, peer: Room): Promise<string> {
  await peer.localParticipant.setMicrophoneEnabled(true);
  const micSid = peer.localParticipant.getTrackPublication(Track.Source.Microphone)!.trackSid;
  await waitUntil(() => call.livekitRoom!.remoteParticipants.get(peer.localParticipant.identity)?.trackPublications.has(micSid), 'microphone seen');
  return micSid;
}

/** Waits for `ms` so that late failures (a rejection after a timeout) can surface. */
export const settle = (ms = 200) => new Promise((resolve) => setTimeout(resolve, ms));

/** `identity`'s camera as `peer` receives it, in a `<video>` on the page. */
export async function receivedCamera(peer: Room, identity: string): Promise<HTMLVideoElement> {
  const track = await new Promise<RemoteTrack>((resolve) => {
    const existing = peer.remoteParticipants.get(identity)?.getTrackPublication(Track.Source.Camera)?.track;
    if (existing) resolve(existing);
    peer.on(RoomEvent.TrackSubscribed, (subscribed, publication, participant) => {
      if (participant.identity === identity && publication.source === Track.Source.Camera) resolve(subscribed);
    });
  });
  const video = track.attach() as HTMLVideoElement;
  document.body.append(video);
  return video;
}

/** Whether this browser can run Web Audio here (Firefox in this set-up cannot: no audio output). */
export async function audioRuns(): Promise<boolean> {
  const context = new AudioContext();
  const running = await Promise.race([context.resume().then(() => context.state === 'running'), settle(2_000).then(() => false)]);
  void context.close();
  return running;
}

/**
 * For a `describe` block whose tests each load a page in a frame (the built bundle under a
 * policy): `keep(frame)` has it removed after the test.
 */
export function framedPageHooks(): { keep(frame: HTMLIFrameElement): void } {
  const frames: HTMLIFrameElement[] = [];
  afterEach(() => frames.splice(0).forEach((frame) => frame.remove()));
  return { keep: (frame) => void frames.push(frame) };
}

/** The tiles a `<visio-call>` shows, in order. */
export function tiles(call: VisioCallElement): VisioTileElement[] {
  const grid = call.shadowRoot!.querySelector('visio-grid');
  return [...(grid?.shadowRoot?.querySelectorAll('visio-tile') ?? [])];
}

export function tileOf(call: VisioCallElement, identity: string): VisioTileElement | undefined {
  return tiles(call).find((tile) => tile.participant?.identity === identity);
}

export function videoOf(tile: VisioTileElement): HTMLVideoElement {
  return tile.shadowRoot!.querySelector('video')!;
}

/**
 * The red of the picture's top-right corner in `video` now, 0 to 255. Chromium's fake cameras tell
 * apart this way: the first draws a bright green square there (red near 0), the third (MJPEG) a
 * yellow one (red near 220).
 */
export function cornerRed(video: HTMLVideoElement): number {
  const canvas = document.createElement('canvas');
  canvas.width = 64;
  canvas.height = 36;
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  context.drawImage(video, 0, 0, canvas.width, canvas.height);
  return context.getImageData(62, 1, 1, 1).data[0];
}

/**
 * Publishes a small synthetic video (a moving 160×120 canvas at a low frame rate) from a peer
 * `Room`, as its camera or (with `source: Track.Source.ScreenShare`) its screen share. Returns a
 * function that stops drawing and unpublishes.
 */
export async function publishSyntheticVideo(
  room: Room,
  { source = Track.Source.Camera, fps = 10, width = 160, height = 120 }: { source?: Track.Source; fps?: number; width?: number; height?: number } = {},
): Promise<() => Promise<void>> {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d')!;
  let frame = 0;
  const draw = () => {
    frame += 1;
    context.fillStyle = `hsl(${(frame * 7) % 360} 70% 50%)`;
    context.fillRect(0, 0, width, height);
    context.fillStyle = '#fff';
    context.fillRect(frame % width, height / 2 - 10, 20, 20);
  };
  draw();
  const timer = setInterval(draw, 1000 / fps);
  const [mediaTrack] = canvas.captureStream(fps).getVideoTracks();
  const publication = await room.localParticipant.publishTrack(mediaTrack, { source, simulcast: false });
  return async () => {
    clearInterval(timer);
    if (publication.track) await room.localParticipant.unpublishTrack(publication.track);
    mediaTrack.stop();
  };
}

/**
 * Publishes a loud tone as a peer's microphone, so the server reports it as an active speaker: an
 * oscillator where the page can run an AudioContext, else the browser's fake microphone (a
 * continuous tone in Firefox, whose AudioContext cannot start without an audio output here).
 */
export async function publishTone(room: Room): Promise<void> {
  const context = new AudioContext();
  const running = await Promise.race([context.resume().then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 2_000))]);
  if (!running || context.state !== 'running') {
    void context.close();
    await room.localParticipant.setMicrophoneEnabled(true);
    return;
  }
  const oscillator = context.createOscillator();
  const gain = context.createGain();
  gain.gain.value = 0.8;
  oscillator.frequency.value = 440;
  const destination = context.createMediaStreamDestination();
  oscillator.connect(gain).connect(destination);
  oscillator.start();
  const [mediaTrack] = destination.stream.getAudioTracks();
  await room.localParticipant.publishTrack(mediaTrack, { source: Track.Source.Microphone, dtx: false });
  room.once(RoomEvent.Disconnected, () => void context.close());
}

/** Frames decoded so far for a remote video track, from its receiver's statistics. */
export async function receiverFramesDecoded(track: RemoteVideoTrack | undefined): Promise<number> {
  return (await track?.getReceiverStats())?.framesDecoded ?? 0;
}

export const VIEWPORTS = { desktop: { width: 1280, height: 800 }, phone: { width: 375, height: 667 } };

/**
 * At a desktop width or a phone's, the page giving the call a 600 px block (as a portal's
 * `visio-call { display: block; height: 600px }` does): each of `shown` has a box, inside the
 * call's, and is on top at its centre (not under the side panel). `frame`: the call's page in an
 * iframe, sized to the viewport too. Kept as the screenshot `<state>-<viewport>-block-600`.
 */
export async function showsInside(
  call: HTMLElement,
  viewport: keyof typeof VIEWPORTS,
  state: string,
  shown: HTMLElement[],
  frame?: HTMLIFrameElement,
): Promise<void> {
  await setViewport(VIEWPORTS[viewport]);
  if (frame) {
    frame.width = String(VIEWPORTS[viewport].width);
    frame.height = String(VIEWPORTS[viewport].height);
  }
  await settle(300);
  const box = call.getBoundingClientRect();
  expect(Math.round(box.height), 'the call keeps the page’s 600 px').to.equal(600);
  for (const element of shown) {
    const rect = element.getBoundingClientRect();
    const where = `${state} at ${viewport}: ${element.getAttribute('part') ?? element.localName} ${Math.round(rect.width)}×${Math.round(rect.height)} at ${Math.round(rect.left)},${Math.round(rect.top)}`;
    expect(rect.width * rect.height, where).to.be.above(0);
    expect(
      rect.left >= box.left - 0.5 && rect.right <= box.right + 0.5 && rect.top >= box.top - 0.5 && rect.bottom <= box.bottom + 0.5,
      `${where}, inside the call`,
    ).to.equal(true);
    const top = call.shadowRoot!.elementFromPoint(rect.left + rect.width / 2, rect.top + rect.height / 2);
    expect(top !== null && (top === element || element.contains(top)), `${where}, on top (found ${top?.localName}.${top?.className})`).to.equal(true);
  }
  await executeServerCommand('save-screenshot', { name: `${state}-${viewport}-block-600` });
}
