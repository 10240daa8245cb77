// Accessibility of every element in the states a user meets: axe-core (WCAG 2.x A and AA, and
// best practices) over each element and its shadow root. The call's screens use the real
// LiveKit server (the token route of the test server); the other elements render around a Room.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { Room } from 'livekit-client';
import '../../src/index.js';
import type { VisioCallElement, VisioPrejoinElement } from '../../src/index.js';
import { expectAccessible, rendered } from '../support/a11y.js';
import { callTestHooks, tiles, uniqueRoom } from '../support/helpers.js';

describe('accessibility (axe-core)', function () {
  this.timeout(60_000);
  callTestHooks();

  it('finds a violation inside a shadow root (the check can fail)', async () => {
    const host = await fixture<HTMLElement>(html`<div></div>`);
    host.attachShadow({ mode: 'open' }).innerHTML = '<button></button>';
    let failure: Error | undefined;
    try {
      await expectAccessible(host, 'a button without a name');
    } catch (error) {
      failure = error as Error;
    }
    expect(failure?.message).to.contain('button-name');
  });

  describe('elements around a Room', () => {
    const room = new Room();
    const cases: Array<[string, () => ReturnType<typeof html>]> = [
      ['visio-controls', () => html`<visio-controls></visio-controls>`],
      ['visio-toggle (microphone)', () => html`<visio-toggle source="microphone"></visio-toggle>`],
      ['visio-toggle (camera)', () => html`<visio-toggle source="camera"></visio-toggle>`],
      ['visio-toggle (screen share)', () => html`<visio-toggle source="screenShare"></visio-toggle>`],
      ['visio-device-select', () => html`<visio-device-select kind="audioinput"></visio-device-select>`],
      ['visio-leave', () => html`<visio-leave></visio-leave>`],
      ['visio-audio', () => html`<visio-audio></visio-audio>`],
      ['visio-tile (local, no camera)', () => html`<visio-tile .participant=${room.localParticipant} local></visio-tile>`],
      ['visio-grid', () => html`<visio-grid></visio-grid>`],
      ['visio-stage', () => html`<visio-stage></visio-stage>`],
      ['visio-participants', () => html`<visio-participants></visio-participants>`],
      ['visio-chat', () => html`<visio-chat></visio-chat>`],
      ['visio-captions', () => html`<visio-captions></visio-captions>`],
      ['visio-reactions', () => html`<visio-reactions></visio-reactions>`],
    ];
    for (const [name, template] of cases) {
      it(name, async () => {
        const wrapper = await fixture<HTMLElement>(html`<main lang="en"><visio-room .room=${room}>${template()}</visio-room></main>`);
        await rendered(wrapper);
        const element = wrapper.querySelector('visio-room')!.firstElementChild!;
        await expectAccessible(element, name);
      });
    }
  });

  it('visio-prejoin with its camera preview', async () => {
    const prejoin = await fixture<VisioPrejoinElement>(html`<visio-prejoin lang="en"></visio-prejoin>`);
    await rendered(prejoin);
    await expectAccessible(prejoin, 'preview');
  });

  describe('visio-call screens', () => {
    const newCall = (roomName = uniqueRoom('a11y')) =>
      fixture<VisioCallElement>(html`<visio-call lang="en" token-endpoint="/api/token" room=${roomName} name="Camille Martin"></visio-call>`);

    it('idle (the prejoin)', async () => {
      const call = await newCall();
      await rendered(call);
      await expectAccessible(call, 'idle');
    });

    it('error (a failed join, with retry)', async () => {
      const call = await newCall();
      call.tokenSource = async () => {
        throw new Error('no token today');
      };
      const error = oneEvent(call, 'visio-error');
      await call.join();
      await error;
      await rendered(call);
      await expectAccessible(call, 'error');
    });

    it('in the call, with its panels and captions, then left', async () => {
      const call = await newCall();
      const connected = oneEvent(call, 'visio-connected');
      await call.join();
      await connected;
      await waitUntil(() => tiles(call).length === 1, 'the local tile', { timeout: 10_000 });
      await rendered(call);
      await expectAccessible(call, 'connected');
      call.setPanel('chat');
      await rendered(call);
      await expectAccessible(call, 'chat panel');
      call.setPanel('participants');
      await rendered(call);
      await expectAccessible(call, 'participants panel');
      call.setPanel(undefined);
      call.setCaptionsEnabled(true);
      await rendered(call);
      await expectAccessible(call, 'captions on');
      await call.leave();
      await waitUntil(() => call.status === 'left', 'left');
      await rendered(call);
      await expectAccessible(call, 'left');
    });
  });
});
