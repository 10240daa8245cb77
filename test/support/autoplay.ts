// Shared by the autoplay tests (each runs in its own page, so one test's click cannot give the
// next one the user activation it checks for).
import { sendMouse } from '@web/test-runner-commands';
import { LocalAudioTrack } from 'livekit-client';
import { callTestHooks, joinAsPeer } from './helpers.js';

export const blocksMediaStreamAudio = navigator.userAgent.includes('Firefox');

/**
 * The peer's audio. In Firefox a page that captures the microphone may autoplay for that alone, so
 * the peer publishes a Web Audio tone there; Chromium keeps Web Audio suspended until a gesture, so
 * it publishes the fake microphone (Chromium's MediaStream exemption does not depend on capture).
 */
export async function publishAudio(roomName: string, hooks: ReturnType<typeof callTestHooks>) {
  const peer = hooks.peer(await joinAsPeer(roomName, 'Dominique Bot'));
  const context = new AudioContext();
  if (context.state === 'suspended') {
    await context.close();
    await peer.localParticipant.setMicrophoneEnabled(true);
    return peer;
  }
  const oscillator = context.createOscillator();
  const destination = context.createMediaStreamDestination();
  oscillator.connect(destination);
  oscillator.start();
  await peer.localParticipant.publishTrack(new LocalAudioTrack(destination.stream.getAudioTracks()[0]));
  return peer;
}

/** Clicks the middle of `element` with the real mouse: a user gesture, unlike `element.click()`. */
export async function realClick(element: Element) {
  const { x, y, width, height } = element.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(x + width / 2), Math.round(y + height / 2)] });
}
