// A crowded call's participant list, against the real LiveKit server: above 20 people only the
// rows in view are rendered, each in its place in the whole list, and scrolling shows the others.
//
// Chromium only (see web-test-runner.config.mjs): after this many real peers in one page, Firefox
// ESR in the test namespace failed the next test file's joins with server-unreachable for several
// seconds (the list's logic is the same in every browser; Firefox runs every other call test).
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import type { VisioParticipantsElement } from '../../src/index.js';
import { callTestHooks, joinAsPeer, uniqueRoom } from '../support/helpers.js';

describe('<visio-participants> in a crowded call', function () {
  this.timeout(120_000);
  const hooks = callTestHooks();

  const rows = (list: VisioParticipantsElement) =>
    [...list.shadowRoot!.querySelectorAll('[part="participant"]')].map((row) => ({ name: row.querySelector('.name')?.textContent?.trim() ?? '' }));

  it('a long list renders only the rows in view, in their place in the whole list, and scrolling shows the others', async () => {
    this.timeout(120_000);
    const roomName = uniqueRoom('many');
    const container = await fixture<HTMLDivElement>(html`
      <div style="width: 900px; height: 500px">
        <visio-call lang="en" token-endpoint="/api/token" room=${roomName} name="Camille Martin" audio="off" video="off" skip-prejoin></visio-call>
      </div>
    `);
    const call = container.querySelector('visio-call')!;
    expect(await call.join()).to.equal(true);
    // Twenty-four people without media: past the 20 rows above which the list renders only those in view.
    const names = Array.from({ length: 24 }, (_, index) => `Bot ${String(index + 1).padStart(2, '0')}`);
    for (let i = 0; i < names.length; i += 8) {
      await Promise.all(names.slice(i, i + 8).map(async (name) => hooks.peer(await joinAsPeer(roomName, name))));
    }
    call.setPanel('participants');
    await call.updateComplete;
    const list = call.shadowRoot!.querySelector<VisioParticipantsElement>('visio-participants')!;
    const heading = () => list.shadowRoot!.querySelector('[part="heading"]')!.textContent;
    await waitUntil(() => heading() === '25 participants', 'everyone counted', { timeout: 30_000 });
    const rendered = () => [...list.shadowRoot!.querySelectorAll<HTMLElement>('[part="participant"]')];
    await waitUntil(() => rendered().length > 0 && rendered().length < 25, 'only the rows in view', { timeout: 5_000 });
    expect(rendered()[0].querySelector('.name')!.textContent.trim()).to.equal('Camille Martin (you)');
    expect(rendered()[0].getAttribute('aria-posinset')).to.equal('1');
    expect(rendered()[0].getAttribute('aria-setsize')).to.equal('25');
    const identities = () => rendered().map((row) => row.dataset.identity);
    const firstShown = identities();
    // The list keeps the height of all its rows: it can scroll to the end.
    expect(list.scrollHeight).to.be.above(list.clientHeight * 1.5);

    list.scrollTop = list.scrollHeight;
    await waitUntil(() => rendered().at(-1)?.getAttribute('aria-posinset') === '25', 'the last rows rendered', { timeout: 5_000 });
    expect(rendered().length, 'fewer rows than people').to.be.below(25);
    const last = rendered().at(-1)!;
    const box = last.getBoundingClientRect();
    const view = list.getBoundingClientRect();
    expect(box.bottom, 'the last row in view').to.be.at.most(view.bottom + 1);
    expect(box.top).to.be.at.least(view.top - 1);
    expect(rows(list).map((row) => row.name)).to.not.include('Camille Martin (you)');
    expect(identities().filter((identity) => !firstShown.includes(identity)).length, 'other people shown').to.be.above(5);
  });
});
