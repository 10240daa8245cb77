// The embedder's control surface on <visio-call>, against the real LiveKit server: capability
// discovery, state and its change events, media commands, cancelable join and leave requests,
// and a host-provided token source.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import {
  VisioCallElement,
  VisioError,
  type ParticipantInfo,
  type VisioErrorEvent,
  type VisioLeaveRequestEvent,
  type VisioMediaChangedEvent,
  type VisioStatusChangedEvent,
} from '../../src/index.js';
import { en } from '../../src/i18n/en.js';
import { callTestHooks, fetchToken, joinAsPeer, settle, uniqueRoom } from '../support/helpers.js';

async function callElement(roomName: string, attrs: { audio?: string; video?: string } = {}) {
  return fixture<VisioCallElement>(
    html`<visio-call lang="en" token-endpoint="/api/token" room=${roomName} name="Camille Martin" audio=${attrs.audio ?? 'on'} video=${attrs.video ?? 'on'}></visio-call>`,
  );
}

/** Resolves with the first event of `type` whose detail passes `test`. */
function eventWhere<E extends Event>(target: EventTarget, type: string, test: (event: E) => boolean): Promise<E> {
  return new Promise((resolve) => {
    const listener = (event: Event) => {
      if (!test(event as E)) return;
      target.removeEventListener(type, listener);
      resolve(event as E);
    };
    target.addEventListener(type, listener);
  });
}

describe('capability discovery', () => {
  it('lists this version, its commands and its events; an element only what its backend makes possible', async () => {
    const call = await fixture<VisioCallElement>(html`<visio-call></visio-call>`);
    const { version, commands, events } = VisioCallElement.capabilities;
    expect(version).to.match(/^\d+\.\d+\.\d+/);
    // Without a backend that records, moderates or holds a lobby, the element has none of those commands.
    const needBackend = [
      'startRecording',
      'stopRecording',
      'muteParticipant',
      'removeParticipant',
      'lowerHand',
      'setParticipantRole',
      'getWaitingParticipants',
      'admit',
      'deny',
    ];
    expect(call.capabilities).to.deep.equal({
      ...VisioCallElement.capabilities,
      commands: commands.filter((command) => !needBackend.includes(command)),
      backend: [],
      // Whether this browser can blur (headless Firefox here has no WebGL 2: background-support.test.ts).
      background: call.capabilities.background,
    });
    expect(call.capabilities.background).to.be.a('boolean');
    expect(commands).to.include.members(needBackend);
    expect(VisioCallElement.capabilities.backend).to.include.members(['startRecording', 'muteTrack', 'watchLobby']);
    call.backend = { credentials: () => Promise.reject(new Error('unused')), startRecording: async () => {}, stopRecording: async () => {} };
    expect(call.capabilities.commands).to.include.members(['startRecording', 'stopRecording']);
    expect(call.capabilities.backend).to.deep.equal(['startRecording', 'stopRecording']);
    expect(commands).to.include.members(['join', 'leave', 'toggleMicrophone', 'toggleCamera', 'getParticipants']);
    expect(events).to.include.members(['visio-error', 'visio-leave-request', 'visio-participants-changed']);
    for (const command of commands) expect(typeof (call as unknown as Record<string, unknown>)[command], command).to.equal('function');
    expect(Object.isFrozen(VisioCallElement.capabilities.commands)).to.equal(true);
  });
});

describe('the control surface in a real call', function () {
  this.timeout(60_000);
  const hooks = callTestHooks();

  it('status events, state with participants and media, media commands and their events', async () => {
    const roomName = uniqueRoom('control');
    const call = await callElement(roomName);
    const statuses: string[] = [];
    call.addEventListener('visio-status-changed', (e: VisioStatusChangedEvent) => statuses.push(e.detail.status));
    expect(call.state).to.deep.equal({
      status: 'idle',
      participants: [],
      media: { microphone: false, camera: false, screenShare: false },
      background: { type: 'none' },
    });

    const mediaOn = eventWhere<VisioMediaChangedEvent>(call, 'visio-media-changed', (e) => e.detail.microphone && e.detail.camera);
    expect(await call.join()).to.equal(true);
    await mediaOn;
    expect(statuses).to.deep.equal(['connecting', 'connected']);
    const [local] = call.getParticipants();
    expect(local).to.deep.include({ name: 'Camille Martin', isLocal: true, microphone: true, camera: true, screenShare: false });
    expect(call.state.status).to.equal('connected');

    // Media commands: each change is an event and shows in the state and on the button.
    const muted = oneEvent<VisioMediaChangedEvent>(call, 'visio-media-changed');
    expect(await call.setMicrophoneEnabled(false)).to.equal(false);
    expect((await muted).detail).to.deep.equal({ microphone: false, camera: true, screenShare: false });
    expect(call.state.media.microphone).to.equal(false);
    expect(call.getParticipants()[0].microphone).to.equal(false);
    const toggles = () => call.shadowRoot!.querySelector('visio-controls')!.shadowRoot!.querySelectorAll('visio-toggle');
    await waitUntil(() => toggles()[0].shadowRoot!.querySelector('button')!.getAttribute('aria-pressed') === 'false', 'microphone button shows off');

    expect(await call.toggleCamera()).to.equal(false);
    expect(call.state.media.camera).to.equal(false);
    expect(await call.toggleMicrophone()).to.equal(true);
    expect(call.state.media).to.deep.equal({ microphone: true, camera: false, screenShare: false });

    // A peer joins, then mutes: the list follows, as plain data.
    const joined = eventWhere(call, 'visio-participants-changed', (e: CustomEvent<{ participants: ParticipantInfo[] }>) => e.detail.participants.length === 2);
    const peer = hooks.peer(await joinAsPeer(roomName, 'Dominique Bot'));
    await peer.localParticipant.setMicrophoneEnabled(true);
    await joined;
    const peerMuted = eventWhere(call, 'visio-participants-changed', (e: CustomEvent<{ participants: ParticipantInfo[] }>) =>
      e.detail.participants.some((p) => p.name === 'Dominique Bot' && p.microphone === false),
    );
    await waitUntil(() => call.getParticipants().find((p) => p.name === 'Dominique Bot')?.microphone, 'peer microphone on', { timeout: 10_000 });
    await peer.localParticipant.setMicrophoneEnabled(false);
    await peerMuted;
    expect(call.getParticipants()[1]).to.deep.equal({
      identity: peer.localParticipant.identity,
      name: 'Dominique Bot',
      isLocal: false,
      microphone: false,
      camera: false,
      screenShare: false,
      // The reference endpoint writes the room role in every token: the first person in the room owns it.
      role: 'member',
    });
    expect(JSON.parse(JSON.stringify(call.state))).to.deep.equal(call.state);

    await call.leave();
    expect(statuses.slice(-1)).to.deep.equal(['left']);
    expect(call.state.participants).to.deep.equal([]);
  });

  it('before joining, setMicrophoneEnabled / setCameraEnabled choose what the call starts with', async () => {
    const call = await callElement(uniqueRoom('prejoin-media'));
    expect(await call.setCameraEnabled(false)).to.equal(false);
    expect(await call.toggleMicrophone()).to.equal(false);
    expect(call.video).to.equal(false);
    expect(call.audio).to.equal(false);
    expect(await call.join()).to.equal(true);
    await settle(500);
    expect(call.state.media).to.deep.equal({ microphone: false, camera: false, screenShare: false });
    await call.leave();
  });

  it('a host can refuse to join: visio-join-request is cancelable', async () => {
    const call = await callElement(uniqueRoom('join-request'), { audio: 'off', video: 'off' });
    let requests = 0;
    call.tokenSource = async (request) => {
      requests += 1;
      const token = await fetchToken(request.roomName, request.participantName ?? '');
      return { serverUrl: token.server_url, participantToken: token.participant_token };
    };
    const refuse = (event: Event) => event.preventDefault();
    call.addEventListener('visio-join-request', refuse);
    const request = oneEvent(call, 'visio-join-request');
    // The user presses join in the prejoin.
    const prejoin = call.shadowRoot!.querySelector('visio-prejoin')!;
    const joinButton = () => prejoin.shadowRoot?.querySelector<HTMLButtonElement>('[part="join-button"]');
    await waitUntil(joinButton, 'the prejoin’s join button', { timeout: 10_000 });
    joinButton()!.click();
    expect((await request).detail).to.deep.include({ room: call.room, name: 'Camille Martin', audioEnabled: false, videoEnabled: false });
    expect(await call.join()).to.equal(false);
    expect(call.status).to.equal('idle');
    expect(requests).to.equal(0);

    call.removeEventListener('visio-join-request', refuse);
    expect(await call.join()).to.equal(true);
    expect(requests).to.equal(1);
    await call.leave();
  });

  it('a host can keep the call: visio-leave-request from the leave button and from leave() is cancelable', async () => {
    const call = await callElement(uniqueRoom('leave-request'), { audio: 'off', video: 'off' });
    expect(await call.join()).to.equal(true);
    const sources: string[] = [];
    const keep = (event: VisioLeaveRequestEvent) => {
      sources.push(event.detail.source);
      event.preventDefault();
    };
    call.addEventListener('visio-leave-request', keep);

    expect(await call.leave()).to.equal(false);
    const leaveButton = () => call.shadowRoot!.querySelector('visio-controls')!.shadowRoot!.querySelector('visio-leave')!.shadowRoot!.querySelector('button')!;
    leaveButton().click();
    await settle(500);
    expect(sources).to.deep.equal(['method', 'button']);
    expect(call.status).to.equal('connected');
    expect(call.livekitRoom!.state).to.equal('connected');

    call.removeEventListener('visio-leave-request', keep);
    const disconnected = oneEvent(call, 'visio-disconnected');
    leaveButton().click();
    expect((await disconnected).detail.reason).to.equal('left');
    expect(call.status).to.equal('left');
    expect(await call.leave()).to.equal(false);
  });
});

describe('a host-provided token source', function () {
  this.timeout(30_000);
  callTestHooks();

  it('joins with the details the host’s own function returns', async () => {
    const roomName = uniqueRoom('host-source');
    const call = await fixture<VisioCallElement>(html`<visio-call room=${roomName} name="Camille" audio="off" video="off"></visio-call>`);
    const asked: unknown[] = [];
    call.tokenSource = async (request) => {
      asked.push(request);
      const token = await fetchToken(request.roomName, 'From the host');
      return { serverUrl: token.server_url, participantToken: token.participant_token };
    };
    expect(await call.join()).to.equal(true);
    expect(asked).to.deep.equal([{ roomName, participantName: 'Camille' }]);
    expect(call.getParticipants()[0].name).to.equal('From the host');
    await call.leave();
  });

  it('a VisioError it throws keeps its code, with the translated message on screen', async () => {
    const call = await fixture<VisioCallElement>(html`<visio-call lang="en" room="r" audio="off" video="off"></visio-call>`);
    call.tokenSource = async () => {
      throw new VisioError('token-forbidden', 'the portal says no');
    };
    const error = oneEvent<VisioErrorEvent>(call, 'visio-error');
    expect(await call.join()).to.equal(false);
    expect((await error).detail.code).to.equal('token-forbidden');
    expect(call.state).to.deep.include({ status: 'error', error: 'token-forbidden' });
    await call.updateComplete;
    expect(call.shadowRoot!.querySelector('.error-message')!.textContent).to.equal(en.errors['token-forbidden']);
  });
});
