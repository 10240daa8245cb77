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
});
