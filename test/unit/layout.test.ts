// The layout arithmetic: grid sizes, pages, and the order of tiles with a speaker hold.
import { expect } from '@open-wc/testing';
import { gridSize, orderParticipants, paginate, type SpeakerFacts } from '../../src/core/layout.js';

describe('gridSize', () => {
  it('one tile fills the space', () => {
    expect(gridSize(1280, 720, 1)).to.include({ columns: 1, rows: 1, pageSize: 1 });
  });

  it('a large screen holds at most a 5×5 page', () => {
    expect(gridSize(2560, 1440, 100)).to.deep.equal({ columns: 5, rows: 5, pageSize: 25 });
  });

  it('a phone holds fewer', () => {
    const size = gridSize(360, 640, 30);
    expect(size.columns).to.equal(2);
    expect(size.pageSize).to.be.below(25);
    expect(size.pageSize).to.equal(size.columns * size.rows);
  });

  it('everyone fits: the layout with the largest tiles, without a page more', () => {
    expect(gridSize(1280, 720, 4)).to.include({ columns: 2, rows: 2, pageSize: 4 });
    expect(gridSize(1600, 500, 3)).to.include({ columns: 3, rows: 1 });
    expect(gridSize(400, 900, 3)).to.include({ columns: 1, rows: 3 });
  });

  it('a space for 2×2 with 6 people pages by 4', () => {
    expect(gridSize(400, 240, 6)).to.deep.equal({ columns: 2, rows: 2, pageSize: 4 });
  });
});

describe('paginate', () => {
  const items = ['a', 'b', 'c', 'd', 'e'];
  it('cuts pages and clamps the page number', () => {
    expect(paginate(items, 2, 0)).to.deep.equal({ items: ['a', 'b'], page: 0, pageCount: 3 });
    expect(paginate(items, 2, 2)).to.deep.equal({ items: ['e'], page: 2, pageCount: 3 });
    expect(paginate(items, 2, 9).page).to.equal(2);
    expect(paginate(items, 2, -1).page).to.equal(0);
    expect(paginate([], 4, 0)).to.deep.equal({ items: [], page: 0, pageCount: 1 });
  });
});

describe('orderParticipants', () => {
  const now = 100_000;
  const people = (overrides: Record<string, Partial<SpeakerFacts>> = {}): SpeakerFacts[] =>
    ['me', 'a', 'b', 'c', 'd', 'e'].map((identity) => ({ identity, isLocal: identity === 'me', isSpeaking: false, ...overrides[identity] }));

  it('puts the local participant first and newcomers last, keeping the previous order', () => {
    expect(orderParticipants([], people(), { pageSize: 4, now })).to.deep.equal(['me', 'a', 'b', 'c', 'd', 'e']);
    expect(orderParticipants(['c', 'a', 'me'], people(), { pageSize: 4, now })).to.deep.equal(['me', 'c', 'a', 'b', 'd', 'e']);
  });

  it('swaps a speaker from another page with the quietest on the first page', () => {
    const facts = people({ e: { isSpeaking: true, lastSpokeAt: now }, a: { lastSpokeAt: now - 60_000 }, b: { lastSpokeAt: now - 30_000 } });
    expect(orderParticipants(['me', 'a', 'b', 'c', 'd', 'e'], facts, { pageSize: 4, now })).to.deep.equal(['me', 'a', 'b', 'e', 'd', 'c']);
  });

  it('does not move a speaker already on the first page', () => {
    const facts = people({ b: { isSpeaking: true, lastSpokeAt: now } });
    expect(orderParticipants(['me', 'a', 'b', 'c', 'd', 'e'], facts, { pageSize: 4, now })).to.deep.equal(['me', 'a', 'b', 'c', 'd', 'e']);
  });

  it('demotes nobody who spoke within the hold', () => {
    const recent = { lastSpokeAt: now - 2_000 };
    const facts = people({ a: recent, b: recent, c: recent, e: { isSpeaking: true, lastSpokeAt: now } });
    expect(orderParticipants(['me', 'a', 'b', 'c', 'd', 'e'], facts, { pageSize: 4, now })).to.deep.equal(['me', 'a', 'b', 'c', 'd', 'e']);
    // After the hold, the quietest of them gives way.
    const later = now + 10_000;
    expect(
      orderParticipants(
        ['me', 'a', 'b', 'c', 'd', 'e'],
        facts.map((f) => (f.identity === 'e' ? { ...f, lastSpokeAt: later } : f)),
        { pageSize: 4, now: later },
      ),
    ).to.deep.equal(['me', 'e', 'b', 'c', 'd', 'a']);
  });

  it('brings people with their camera on to the first page, in place of people with it off, and back when it goes off', () => {
    const video = { hasVideo: true };
    const facts = people({ a: video, d: video, e: video });
    // b and c (camera off) give their places to d and e; a (camera on) keeps hers.
    const order = orderParticipants(['me', 'a', 'b', 'c', 'd', 'e'], facts, { pageSize: 4, now });
    expect(order.slice(0, 4)).to.have.members(['me', 'a', 'd', 'e']);
    expect(order[1]).to.equal('a');
    expect(orderParticipants(order, facts, { pageSize: 4, now }), 'stable once there').to.deep.equal(order);
    // d turns the camera off, b turns it on: they swap.
    const next = people({ a: video, b: video, e: video });
    const after = orderParticipants(order, next, { pageSize: 4, now });
    expect(after.slice(0, 4)).to.have.members(['me', 'a', 'b', 'e']);
  });

  it('keeps a speaker with the camera off on the first page rather than someone with video', () => {
    const facts = people({ e: { isSpeaking: true, lastSpokeAt: now }, c: { hasVideo: true }, d: { hasVideo: true } });
    const order = orderParticipants(['me', 'a', 'b', 'c', 'd', 'e'], facts, { pageSize: 4, now });
    expect(order.slice(0, 4)).to.include.members(['me', 'e', 'c', 'd']);
  });

  it('never demotes the local participant', () => {
    const facts = people({ d: { isSpeaking: true, lastSpokeAt: now } }).map((f) => ({ ...f, lastSpokeAt: f.lastSpokeAt ?? now - 1000 }));
    expect(orderParticipants(['me', 'a', 'b', 'c', 'd'], facts.slice(0, 5), { pageSize: 1, now })[0]).to.equal('me');
  });
});
