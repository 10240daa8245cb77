// Reflow (WCAG 1.4.10): in a 320 CSS px wide viewport, the call scrolls nothing sideways — not the
// call, not its main boxes, not the control bar — so a user zoomed to 400 % reads it all without
// scrolling in two directions. Measured on the boxes the browser lays out.
import { expect, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../../src/index.js';
import { rendered } from '../support/a11y.js';
import { callTestHooks, joinedCall, tiles } from '../support/helpers.js';

/** Every box of the call that could scroll sideways, with its name for the failure message. */
function boxes(call: HTMLElement): Array<[string, Element]> {
  const root = call.shadowRoot!;
  const controls = root.querySelector('visio-controls')!;
  return [
    ['visio-call', call],
    ['.call', root.querySelector('.call')!],
    ['.main', root.querySelector('.main')!],
    ['visio-controls', controls],
    ['the control bar', controls.shadowRoot!.querySelector('[part="bar"]')!],
  ];
}

describe('reflow at 320 CSS px', function () {
  this.timeout(60_000);
  callTestHooks();
  after(() => setViewport({ width: 1280, height: 800 }));

  it('the call, its panels and its control bar need no horizontal scrolling', async () => {
    await setViewport({ width: 320, height: 640 });
    const { call } = await joinedCall('reflow');
    await waitUntil(() => tiles(call).length === 1, 'the local tile', { timeout: 10_000 });
    for (const panel of [undefined, 'chat', 'participants'] as const) {
      call.setPanel(panel);
      await rendered(call);
      // The bar moves what does not fit into its "more" menu once it has measured its controls
      // (a ResizeObserver, then a frame): give the layout a moment to settle, then measure.
      await waitUntil(() => boxes(call).every(([, box]) => box.scrollWidth <= box.clientWidth), 'the layout settles', { timeout: 3000 }).catch(() => undefined);
      expect(call.getBoundingClientRect().width).to.be.at.most(320);
      for (const [name, box] of boxes(call)) {
        expect(box.scrollWidth, `${name} (panel: ${panel ?? 'none'}) scrolls sideways: ${box.scrollWidth} > ${box.clientWidth}`).to.be.at.most(box.clientWidth);
      }
    }
    expect(document.documentElement.scrollWidth, 'the page scrolls sideways').to.be.at.most(document.documentElement.clientWidth);
  });
});
