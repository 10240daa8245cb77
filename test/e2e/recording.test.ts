// Everyone in a call must be told that it is recorded or transcribed: the notice follows what the
// server says (La Suite Meet's room metadata, written here through the real LiveKit server's API),
// in every language, announced once; a participant's word alone shows nothing. Hosts whose backend
// records start and stop it from the bar.
import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import type { CallBackend, VisioCallElement, VisioRecordingChangedEvent } from '../../src/index.js';
import { callTestHooks, joinedCall, peerOf, settle } from '../support/helpers.js';

const hooks = callTestHooks();
/** Saves what the page shows now to .cache/screenshots/<browser>/recording-<name>.png. */
const screenshot = (name: string) => executeServerCommand('save-screenshot', { name: `recording-${name}` });

/** What a recorder writes in the room's metadata (`undefined`: recording over, keys removed). */
async function setRecording(room: string, fields?: { recording_mode: string; recording_status: string }) {
  const response = await fetch('/test/server/room-metadata', { method: 'POST', body: JSON.stringify({ room, metadata: JSON.stringify(fields ?? {}) }) });
  expect(response.ok).to.equal(true);
}

const notice = (call: VisioCallElement) => call.shadowRoot!.querySelector<HTMLElement>('[part="recording-notice"]');
const announced = (call: VisioCallElement) => call.shadowRoot!.querySelector('.visually-hidden[role="status"]')!.textContent.trim();
const send = (room: import('livekit-client').Room, type: string) =>
  room.localParticipant.publishData(new TextEncoder().encode(JSON.stringify({ type })), { reliable: true });

describe('recording and transcription notice', () => {
  it('shows, announces and follows the server’s recording state, in English and French', async () => {
    const { call, roomName } = await joinedCall('recording');
    const changes: unknown[] = [];
    call.addEventListener('visio-recording-changed', (event: VisioRecordingChangedEvent) => changes.push(event.detail));
    expect(notice(call)).to.equal(null);

    await setRecording(roomName, { recording_mode: 'screen_recording', recording_status: 'starting' });
    await waitUntil(() => notice(call)?.textContent.trim() === 'Recording is starting: this call will be recorded.', 'starting', { timeout: 10_000 });
    await setRecording(roomName, { recording_mode: 'screen_recording', recording_status: 'started' });
    await waitUntil(() => notice(call)?.textContent.trim() === 'This call is being recorded.', 'recorded', { timeout: 10_000 });
    expect(announced(call)).to.equal('This call is being recorded.');
    const box = notice(call)!.getBoundingClientRect();
    expect(box.width, 'notice width').to.be.greaterThan(100);
    expect(box.height, 'notice height').to.be.greaterThan(10);
    await screenshot('notice');

    call.lang = 'fr';
    await call.updateComplete;
    expect(notice(call)!.textContent.trim()).to.equal('Cet appel est enregistré.');

    await setRecording(roomName, { recording_mode: 'transcript', recording_status: 'started' });
    await waitUntil(() => notice(call)?.textContent.trim() === 'Cet appel est transcrit.', 'transcribed', { timeout: 10_000 });
    expect(announced(call)).to.equal('Cet appel est transcrit.');

    await setRecording(roomName);
    await waitUntil(() => notice(call) === null, 'notice gone', { timeout: 10_000 });
    expect(announced(call)).to.equal('L’appel n’est plus enregistré.');
    expect(changes).to.deep.equal([
      { status: 'starting', mode: 'screen_recording' },
      { status: 'on', mode: 'screen_recording' },
      { status: 'on', mode: 'transcript' },
      { status: 'off' },
    ]);
  });

  it('a participant’s forged “recording started” shows nothing; a request to record is shown, rate-limited', async () => {
    const { call, roomName } = await joinedCall('recording-forged');
    const peer = await peerOf(hooks, call, roomName, 'Mallory');
    await send(peer, 'screenRecordingStarted');
    await send(peer, 'transcriptionLimitReached');
    await settle(1000);
    expect(notice(call)).to.equal(null);
    expect(call.shadowRoot!.querySelector('[part="toast"]')).to.equal(null);

    await send(peer, 'screenRecordingRequested');
    await waitUntil(() => call.shadowRoot!.querySelector('[part="toast"]')?.textContent.trim() === 'Mallory asks to record the call.', 'request shown', {
      timeout: 10_000,
    });
    // Asking again and again: two per minute at most reach the user.
    const shown: string[] = [];
    const observer = new MutationObserver(() => shown.push(announced(call)));
    observer.observe(call.shadowRoot!, { subtree: true, characterData: true, childList: true });
    for (let i = 0; i < 5; i++) await send(peer, 'transcriptionRequested');
    await settle(1500);
    observer.disconnect();
    expect(new Set(shown.filter((text) => text.includes('transcribe'))).size).to.equal(1);
  });
});

describe('recording controls', () => {
  /** A backend that records the way a deployment does: the recorder writes the room's metadata on the real server. */
  const recordingBackend = (roomName: string): CallBackend & { calls: string[] } => {
    const calls: string[] = [];
    return {
      calls,
      credentials: async (request) => {
        const response = await fetch('/test/token/owner', {
          method: 'POST',
          body: JSON.stringify({ room_name: request.roomName, participant_name: request.participantName }),
        });
        const body = (await response.json()) as { server_url: string; participant_token: string };
        return { serverUrl: body.server_url, participantToken: body.participant_token };
      },
      startRecording: async (_call, mode) => {
        calls.push(`start ${mode}`);
        await setRecording(roomName, { recording_mode: mode, recording_status: 'started' });
      },
      stopRecording: async () => {
        calls.push('stop');
        await setRecording(roomName);
      },
    };
  };

  it('a host starts a transcription from the bar by keyboard, everyone is told, and stops it', async () => {
    const { call: member, roomName } = await joinedCall('recording-host');
    const host = document.createElement('visio-call');
    Object.assign(host, { lang: 'en', room: roomName, name: 'Host', audio: false, video: false });
    const backend = recordingBackend(roomName);
    host.backend = backend;
    document.body.append(host);
    try {
      expect(host.capabilities.commands).to.include('startRecording');
      expect(member.capabilities.commands).not.to.include('startRecording');
      expect(await host.join()).to.equal(true);
      const peer = await peerOf(hooks, host, roomName, 'Dominique');
      const heard = new Promise<unknown>((resolve) =>
        peer.on(
          'dataReceived',
          (payload: Uint8Array, _p: unknown, _k: unknown, topic?: string) => !topic && resolve(JSON.parse(new TextDecoder().decode(payload))),
        ),
      );
      // A member of the room has no recording button; the host has one.
      expect(member.shadowRoot!.querySelector('[part="recording-button"]')).to.equal(null);
      await host.updateComplete;
      const button = host.shadowRoot!.querySelector<HTMLButtonElement>('[part="recording-button"]')!;
      expect(button.getAttribute('aria-label')).to.equal('Recording');
      button.focus();
      await sendKeys({ press: 'Enter' });
      await host.updateComplete;
      const items = [...host.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part="recording-menu"] button')];
      expect(items.map((item) => item.textContent.trim())).to.deep.equal(['Record the call', 'Transcribe the call']);
      await sendKeys({ press: 'Escape' });
      await host.updateComplete;
      expect(host.shadowRoot!.querySelector('[part="recording-menu"]')).to.equal(null);
      expect(host.shadowRoot!.activeElement).to.equal(host.shadowRoot!.querySelector('[part="recording-button"]'));
      await sendKeys({ press: 'Enter' });
      await host.updateComplete;
      host.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part="recording-menu"] button')[1].focus();
      await sendKeys({ press: 'Enter' });

      await waitUntil(() => notice(member)?.textContent.trim() === 'This call is being transcribed.', 'member told', { timeout: 10_000 });
      await waitUntil(() => notice(host)?.textContent.trim() === 'This call is being transcribed.', 'host told', { timeout: 10_000 });
      // Meet's clients are told the way Meet's host client tells them.
      expect(await heard).to.deep.equal({ type: 'transcriptionStarted' });
      expect(backend.calls).to.deep.equal(['start transcript']);
      await screenshot('host');

      await host.updateComplete;
      const stop = host.shadowRoot!.querySelector<HTMLButtonElement>('[part="recording-button"]')!;
      expect(stop.getAttribute('aria-pressed')).to.equal('true');
      stop.click();
      await waitUntil(() => notice(member) === null, 'member told it stopped', { timeout: 10_000 });
      expect(backend.calls).to.deep.equal(['start transcript', 'stop']);
    } finally {
      host.remove();
    }
  });

  it('a recorder that fails gives a clear, translated error and no notice', async () => {
    const roomName = `recording-fail-${Math.random().toString(36).slice(2)}`;
    const host = document.createElement('visio-call');
    Object.assign(host, { lang: 'fr', room: roomName, name: 'Host', audio: false, video: false });
    const backend = recordingBackend(roomName);
    host.backend = {
      ...backend,
      startRecording: async () => {
        const { VisioError } = await import('../../src/index.js');
        throw new VisioError('recording-failed', 'The recording worker answered 502.', { status: 502 });
      },
    };
    document.body.append(host);
    try {
      expect(await host.join()).to.equal(true);
      const errors: string[] = [];
      host.addEventListener('visio-error', (event) => errors.push(event.detail.code));
      expect(await host.startRecording('screen_recording')).to.equal(false);
      expect(errors).to.deep.equal(['recording-failed']);
      await host.updateComplete;
      expect(host.shadowRoot!.querySelector('[part="banner"]')!.textContent).to.contain('L’enregistrement n’a pas pu être lancé ou arrêté.');
      expect(notice(host)).to.equal(null);
    } finally {
      host.remove();
    }
  });
});
