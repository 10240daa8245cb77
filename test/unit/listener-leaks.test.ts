// After removal, an element leaves no listener behind on the Room or on the participant it showed
// (livekit-client's Room and Participant are EventEmitters) or on the Room's hub of chat, captions
// and reactions: one test per tag.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { Room, type Participant } from 'livekit-client';
import '../../src/index.js';
import { roomHub } from '../../src/core/room-hub.js';
import type { VisioCallElement } from '../../src/index.js';
import { callTestHooks, tiles, uniqueRoom } from '../support/helpers.js';

type Emitter = { eventNames(): Array<string | symbol>; listenerCount(event: string | symbol): number };

/** Listeners per event on an emitter, as `event: count` entries (only non-zero ones). */
function listeners(emitter: Emitter): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const name of emitter.eventNames()) {
    const count = emitter.listenerCount(name);
    if (count) counts[String(name)] = count;
  }
  return counts;
}

/** The listeners of the Room's hub, through its (private) Emitter, whose `size` exists for this check. */
function hubListeners(room: Room): { readonly size: number } {
  const events = (roomHub(room) as unknown as { events?: { size: number } }).events;
  if (typeof events?.size !== 'number') throw new Error('RoomHub no longer keeps its listeners in `events` (an Emitter): update this test');
  return events;
}

const total = (counts: Record<string, number>) => Object.values(counts).reduce((sum, count) => sum + count, 0);

/** Every tag rendered inside `<visio-room>` with a Room, and whether it subscribes to it while on the page. */
const TAGS: Array<[tag: string, subscribes: boolean, template: (room: Room) => ReturnType<typeof html>]> = [
  ['visio-room', true, () => html`<visio-grid></visio-grid>`],
  ['visio-grid', true, () => html`<visio-grid></visio-grid>`],
  ['visio-stage', true, () => html`<visio-stage></visio-stage>`],
  ['visio-tile', true, (room) => html`<visio-tile .participant=${room.localParticipant}></visio-tile>`],
  ['visio-controls', true, () => html`<visio-controls></visio-controls>`],
  ['visio-toggle', true, () => html`<visio-toggle source="camera"></visio-toggle>`],
  ['visio-device-select', true, () => html`<visio-device-select kind="videoinput"></visio-device-select>`],
  ['visio-leave', false, () => html`<visio-leave></visio-leave>`],
  ['visio-audio', true, () => html`<visio-audio></visio-audio>`],
  ['visio-participants', true, () => html`<visio-participants></visio-participants>`],
  ['visio-chat', true, () => html`<visio-chat></visio-chat>`],
  ['visio-captions', true, () => html`<visio-captions></visio-captions>`],
  ['visio-reactions', true, () => html`<visio-reactions></visio-reactions>`],
];

describe('no listener left behind', function () {
  this.timeout(60_000);
  callTestHooks();

  for (const [tag, subscribes, template] of TAGS) {
    it(`<${tag}> removed from the page leaves the Room and the participant as it found them`, async () => {
      const room = new Room();
      // The room's hub (chat, captions, reactions kept from the join) listens for the Room's whole
      // life, once per Room, by design: it is part of the baseline, not of any element.
      const hub = hubListeners(room);
      const before = { room: listeners(room), participant: listeners(room.localParticipant), hub: hub.size };
      const wrapper = await fixture<HTMLDivElement>(html`<div><visio-room .room=${room}>${template(room)}</visio-room></div>`);
      const element = tag === 'visio-room' ? wrapper.querySelector('visio-room')! : wrapper.querySelector(tag)!;
      await (element as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
      await new Promise((resolve) => setTimeout(resolve));
      const during = total(listeners(room)) + total(listeners(room.localParticipant)) + hub.size;
      if (subscribes) expect(during, `<${tag}> listens while on the page`).to.be.greaterThan(total(before.room) + total(before.participant) + before.hub);
      (tag === 'visio-room' ? wrapper : element).remove();
      expect(listeners(room), 'Room listeners').to.deep.equal(before.room);
      expect(listeners(room.localParticipant), 'participant listeners').to.deep.equal(before.participant);
      expect(hub.size, 'chat, caption and reaction listeners').to.equal(before.hub);
    });
  }

  it('<visio-prejoin> removed from the page stops its camera and microphone preview', async () => {
    const prejoin = await fixture(html`<visio-prejoin lang="en"></visio-prejoin>`);
    const video = await waitUntil(() => prejoin.shadowRoot?.querySelector('video')?.srcObject, 'the camera preview', { timeout: 10_000 }).then(
      () => prejoin.shadowRoot!.querySelector('video')!.srcObject as MediaStream,
    );
    const tracks = video.getTracks();
    expect(tracks.length).to.be.greaterThan(0);
    prejoin.remove();
    await waitUntil(() => tracks.every((track) => track.readyState === 'ended'), 'every preview track stopped', { timeout: 5_000 });
  });

  it('<visio-call> removed during a call leaves the call and every listener of its Room and participants', async () => {
    const call = await fixture<VisioCallElement>(
      html`<visio-call lang="en" token-endpoint="/api/token" room=${uniqueRoom('leaks')} name="Camille"></visio-call>`,
    );
    const connected = oneEvent(call, 'visio-connected');
    await call.join();
    await connected;
    await waitUntil(() => tiles(call).length === 1, 'the local tile', { timeout: 10_000 });
    const room = call.livekitRoom!;
    const participant: Participant = room.localParticipant;
    const fresh = new Room();
    expect(total(listeners(room))).to.be.greaterThan(total(listeners(fresh)));
    call.remove();
    await waitUntil(() => room.state === 'disconnected', 'the call left', { timeout: 10_000 });
    // No listener beyond the ones livekit-client itself registers on a new Room.
    const beyond = (counts: Record<string, number>, own: Record<string, number>) =>
      Object.entries(counts).filter(([event, count]) => count > (own[event] ?? 0));
    expect(beyond(listeners(room), listeners(fresh)), 'Room listeners left').to.deep.equal([]);
    expect(beyond(listeners(participant), listeners(fresh.localParticipant)), 'participant listeners left').to.deep.equal([]);
  });
});
