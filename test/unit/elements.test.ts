// Element contracts that hold without a server: idempotent definition, cleanup after removal,
// the tile's placeholder.
import { expect, fixture, html } from '@open-wc/testing';
import { Room, RoomEvent } from 'livekit-client';
import '../../src/index.js';
import { VisioGridElement, VisioTileElement } from '../../src/index.js';
import { initials } from '../../src/elements/visio-tile/visio-tile.js';

function roomListeners(room: Room): number {
  return room.eventNames().reduce((sum, name) => sum + room.listenerCount(name as RoomEvent), 0);
}

describe('elements', () => {
  it('defining a tag a second time warns instead of throwing', () => {
    const warn = console.warn;
    const warnings: unknown[] = [];
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      class OtherCopy extends VisioGridElement {}
      expect(() => OtherCopy.define('visio-grid')).to.not.throw();
      expect(() => VisioGridElement.define('visio-grid')).to.not.throw();
    } finally {
      console.warn = warn;
    }
    expect(warnings).to.have.length(1);
    expect(customElements.get('visio-grid')).to.equal(VisioGridElement);
  });

  it('an element removed from the page leaves no Room listener behind', async () => {
    const room = new Room();
    const before = roomListeners(room);
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <visio-room .room=${room}>
        <visio-grid></visio-grid>
        <visio-controls></visio-controls>
        <visio-audio></visio-audio>
      </visio-room>
    </div>`);
    await new Promise((resolve) => setTimeout(resolve));
    expect(roomListeners(room)).to.be.greaterThan(before);
    wrapper.remove();
    expect(roomListeners(room)).to.equal(before);
  });

  it('an explicit room property wins over the provided one', async () => {
    const provided = new Room();
    const explicit = new Room();
    await fixture(html`<visio-room .room=${provided}><visio-grid .room=${explicit}></visio-grid></visio-room>`);
    expect(roomListeners(explicit)).to.be.greaterThan(0);
    expect(roomListeners(provided)).to.equal(roomListeners(new Room()));
  });

  it('a tile without camera shows initials', () => {
    expect(initials('Camille Dupont')).to.equal('CD');
    expect(initials('  élise ')).to.equal('É');
    expect(initials('Jean-Pierre de la Fontaine')).to.equal('JF');
    expect(initials('')).to.equal('');
    expect(new VisioTileElement().shadowRoot).to.equal(null);
  });

  it('keeps the leave button in view when a narrow control bar scrolls sideways', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 320px">
      <visio-controls lang="en">${[1, 2, 3, 4, 5, 6].map((n) => html`<button style="width: 3rem">${n}</button>`)}</visio-controls>
    </div>`);
    const controls = wrapper.querySelector('visio-controls')!;
    await (controls as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    const bar = controls.shadowRoot!.querySelector<HTMLElement>('[part="bar"]')!;
    const leave = controls.shadowRoot!.querySelector('visio-leave')!;
    expect(bar.scrollWidth, 'the bar overflows').to.be.greaterThan(bar.clientWidth);
    for (const scroll of [0, bar.scrollWidth / 2]) {
      bar.scrollLeft = scroll;
      const inner = bar.getBoundingClientRect();
      const button = leave.getBoundingClientRect();
      expect(button.right, `scrolled to ${scroll}`).to.be.at.most(inner.right + 0.5);
      expect(button.left).to.be.at.least(inner.left);
    }
  });
});
