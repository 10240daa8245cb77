// Right to left, measured on the boxes the browser lays out in a real joined call: in Arabic the
// control bar, the name labels and the side panel mirror (the leave button moves from the right
// of the bar's centre to its left), and switching back to English flips them back. A screenshot
// of the Arabic call goes to .cache/screenshots/<browser>/call-rtl-ar.png (git-ignored).
import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand, setViewport } from '@web/test-runner-commands';
import '../../src/index.js';
import type { VisioCallElement } from '../../src/index.js';
import { loadLanguage, translationFor } from '../../src/i18n/translations.js';
import { callTestHooks, joinedCall, peerOf, tiles } from '../support/helpers.js';

const controls = (call: VisioCallElement) => call.shadowRoot!.querySelector('visio-controls')!;
const leaveButton = (call: VisioCallElement) => controls(call).shadowRoot!.querySelector('visio-leave')!.shadowRoot!.querySelector('button')!;
const bar = (call: VisioCallElement) => controls(call).shadowRoot!.querySelector('[part="bar"]')!;
const centre = (rect: DOMRect) => rect.left + rect.width / 2;

/** Where the layout puts things: each as a signed distance from the centre of its container (negative: left). */
function sides(call: VisioCallElement) {
  const tile = tiles(call)[0];
  const tileBox = tile.getBoundingClientRect();
  const label = tile.shadowRoot!.querySelector('[part="label"]')!.getBoundingClientRect();
  const main = call.shadowRoot!.querySelector('.main')!.getBoundingClientRect();
  const panel = call.shadowRoot!.querySelector('[part="panel"]')?.getBoundingClientRect();
  return {
    leave: centre(leaveButton(call).getBoundingClientRect()) - centre(bar(call).getBoundingClientRect()),
    label: centre(label) - centre(tileBox),
    panel: panel ? centre(panel) - centre(main) : 0,
  };
}

describe('<visio-call> right to left', function () {
  this.timeout(60_000);
  const hooks = callTestHooks();

  before(() => setViewport({ width: 1280, height: 800 }));

  it('mirrors the control bar, the name labels and the side panel in Arabic, and back in English', async () => {
    const { call, roomName } = await joinedCall('rtl');
    await peerOf(hooks, call, roomName, 'Dominique Durand');
    await waitUntil(() => tiles(call).length === 2, 'two tiles');
    call.shadowRoot!.querySelector<HTMLButtonElement>('[part="participants-button"]')!.click();
    await waitUntil(() => call.shadowRoot!.querySelector('[part="panel"]'), 'the participants panel');

    const english = sides(call);
    expect(getComputedStyle(call).direction).to.equal('ltr');
    expect(english.leave, 'leave right of the bar’s centre').to.be.greaterThan(0);
    expect(english.label, 'name label on the tile’s left').to.be.lessThan(0);
    expect(english.panel, 'panel on the right').to.be.greaterThan(0);

    call.lang = 'ar';
    await loadLanguage('ar');
    await waitUntil(() => leaveButton(call).getAttribute('aria-label') === translationFor('ar').leave, 'the leave button in Arabic');
    await waitUntil(() => sides(call).leave < 0, 'the leave button on the left');
    const arabic = sides(call);
    expect(getComputedStyle(call).direction).to.equal('rtl');
    expect(call.getAttribute('dir')).to.equal('rtl');
    expect(arabic.leave, 'leave left of the bar’s centre').to.be.lessThan(0);
    expect(Math.abs(arabic.leave + english.leave), 'mirrored').to.be.lessThan(2);
    expect(arabic.label, 'name label on the tile’s right').to.be.greaterThan(0);
    expect(arabic.panel, 'panel on the left').to.be.lessThan(0);
    await executeServerCommand('save-screenshot', { name: 'call-rtl-ar' });

    call.lang = 'en';
    await waitUntil(() => sides(call).leave > 0, 'the leave button back on the right');
    expect(sides(call).label).to.be.lessThan(0);
    expect(getComputedStyle(call).direction).to.equal('ltr');
  });

  it('follows the page’s dir when the language does not say', async () => {
    const { call } = await joinedCall('rtl-page');
    const holder = call.parentElement!;
    call.removeAttribute('lang');
    holder.setAttribute('lang', 'en');
    holder.setAttribute('dir', 'rtl');
    await waitUntil(() => sides(call).leave < 0, 'the leave button on the left under dir=rtl');
    holder.removeAttribute('dir');
    await waitUntil(() => sides(call).leave > 0, 'back on the right');
    holder.removeAttribute('lang');
  });
});
