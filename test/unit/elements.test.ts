// Element contracts that hold without a server: idempotent definition, cleanup after removal,
// the tile's placeholder.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { Room, RoomEvent } from 'livekit-client';
import '../../src/index.js';
import { VisioGridElement, VisioPrejoinElement, VisioTileElement } from '../../src/index.js';
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

  it('a prejoin defined after a page set audio and video to false opens neither', async () => {
    // As when the bundle loads the prejoin on demand: <visio-call> has already set its properties.
    const prejoin = document.createElement('late-visio-prejoin') as VisioPrejoinElement;
    prejoin.setAttribute('lang', 'en');
    Object.assign(prejoin, { audio: false, video: false });
    document.body.append(prejoin);
    try {
      class LatePrejoin extends VisioPrejoinElement {}
      LatePrejoin.define('late-visio-prejoin');
      await prejoin.updateComplete;
      const pressed = [...prejoin.shadowRoot!.querySelectorAll('button[aria-pressed]')].map((button) => button.getAttribute('aria-pressed'));
      expect(pressed, 'microphone and camera toggles').to.deep.equal(['false', 'false']);
      expect(prejoin.shadowRoot!.querySelector('video:not([hidden])')).to.equal(null);
    } finally {
      prejoin.remove();
    }
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

  it('a toggle or device list given a source or kind named like a property of every object shows the microphone', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="en">
      <visio-toggle source="constructor"></visio-toggle>
      <visio-device-select kind="toString"></visio-device-select>
    </div>`);
    const toggle = wrapper.querySelector('visio-toggle')!;
    const select = wrapper.querySelector('visio-device-select')!;
    await Promise.all([toggle.updateComplete, select.updateComplete]);
    expect(toggle.shadowRoot!.querySelector('button')!.getAttribute('aria-label')).to.match(/microphone/i);
    expect(select.shadowRoot!.querySelector('label')!.textContent).to.equal('Microphone');
  });

  it('a tile without camera shows initials', () => {
    expect(initials('Camille Dupont')).to.equal('CD');
    expect(initials('  élise ')).to.equal('É');
    expect(initials('Jean-Pierre de la Fontaine')).to.equal('JF');
    expect(initials('')).to.equal('');
    expect(new VisioTileElement().shadowRoot).to.equal(null);
  });

  it('a narrow control bar does not scroll: slotted controls move into its "more" menu by priority, leave stays', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 320px">
      <visio-controls lang="en">${[1, 2, 3, 4, 5, 6].map((n) => html`<button style="width: 3rem" aria-label=${`Extra ${n}`} data-priority=${n === 6 ? 99 : n}>${n}</button>`)}</visio-controls>
    </div>`);
    const controls = wrapper.querySelector('visio-controls')!;
    await (controls as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    const bar = controls.shadowRoot!.querySelector<HTMLElement>('[part="bar"]')!;
    const more = controls.shadowRoot!.querySelector<HTMLButtonElement>('[part="more-button"]')!;
    await waitUntil(() => more.getClientRects().length > 0, 'the "more" button shows');
    await waitUntil(() => bar.scrollWidth <= bar.clientWidth, 'the bar does not overflow');
    const leave = controls.shadowRoot!.querySelector('visio-leave')!.getBoundingClientRect();
    expect(leave.right).to.be.at.most(bar.getBoundingClientRect().right + 0.5);
    expect(leave.width).to.be.greaterThan(0);
    const extras = [...wrapper.querySelectorAll('button')];
    const visible = extras.filter((button) => button.getClientRects().length > 0).map((button) => button.textContent);
    // The most important extra stays longest; the least important left first.
    expect(visible).to.not.include('1');
    if (visible.length > 0) expect(visible).to.include('6');
    more.click();
    await (controls as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    const items = [...controls.shadowRoot!.querySelectorAll('[part="more-menu"] [role="menuitem"]')].map((item) => item.textContent.trim());
    const moved = extras.filter((button) => button.getClientRects().length === 0).map((button) => button.getAttribute('aria-label'));
    expect(moved).to.include('Extra 1');
    expect(items).to.include.members(moved);

    // Wide again: everything is back in the row, no "more" button.
    wrapper.style.width = '1200px';
    await waitUntil(() => more.getClientRects().length === 0, 'no "more" button when everything fits');
    expect(extras.every((button) => button.getClientRects().length > 0)).to.equal(true);
  });
});
