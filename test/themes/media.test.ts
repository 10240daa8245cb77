// Themes that follow the system: `auto` (and no theme at all) follows `prefers-color-scheme`, and
// `forced-colors: active` (Windows High Contrast) gets system colours with every button's edge and
// the keyboard focus visible. Chromium only (the default group; not under test/e2e): emulating
// media features goes through the DevTools protocol, which puppeteer's Firefox pages (WebDriver
// BiDi) do not speak. The light and dark palettes themselves are checked in both browsers in
// test/e2e/themes.test.ts.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import type { VisioCallElement } from '../../src/index.js';
import { dark, light } from '../../src/styles/shared.js';
import { callTestHooks, joinedCall, tiles, uniqueRoom } from '../support/helpers.js';
import { background, joinButton, rgb } from '../support/themes.js';

const emulate = (features: Array<{ name: string; value: string }>) => executeServerCommand('emulate-media-features', features);

/** What `keyword` (a system colour) computes to right now. */
function systemColour(keyword: string): string {
  const probe = document.createElement('div');
  probe.style.setProperty('color', keyword);
  document.body.append(probe);
  const value = getComputedStyle(probe).color;
  probe.remove();
  return value;
}

describe('themes that follow the system (Chromium)', function () {
  this.timeout(60_000);
  callTestHooks();
  afterEach(() => emulate([]));

  it('no theme and theme="auto" follow prefers-color-scheme; light and dark stay put; an element inside wears its call’s theme', async () => {
    const page = await fixture<HTMLElement>(html`
      <div lang="en">
        ${['', 'auto', 'light', 'dark'].map(
          (theme) => html`<visio-call theme=${theme} token-endpoint="/api/token" room=${uniqueRoom('media')} name="Camille Martin"></visio-call>`,
        )}
      </div>
    `);
    const [none, auto, fixedLight, fixedDark] = [...page.querySelectorAll('visio-call')];
    const prejoinSurface = (call: Element) => getComputedStyle(call.shadowRoot!.querySelector('visio-prejoin')!).getPropertyValue('--_surface').trim();
    for (const scheme of ['dark', 'light', 'dark'] as const) {
      await emulate([{ name: 'prefers-color-scheme', value: scheme }]);
      const palette = scheme === 'dark' ? dark : light;
      expect(background(none), `no theme, ${scheme}`).to.equal(rgb(palette.background));
      expect(background(auto), `auto, ${scheme}`).to.equal(rgb(palette.background));
      expect(background(fixedLight), `light, ${scheme}`).to.equal(rgb(light.background));
      expect(background(fixedDark), `dark, ${scheme}`).to.equal(rgb(dark.background));
      // The prejoin inside has no theme: it takes its call's, not the system's.
      expect(prejoinSurface(fixedLight), `the prejoin in a light call, ${scheme}`).to.equal(light.surface);
      expect(prejoinSurface(fixedDark), `the prejoin in a dark call, ${scheme}`).to.equal(dark.surface);
    }
  });

  it('forced colours: system colours, a visible edge on every button, a visible focus ring', async () => {
    await emulate([{ name: 'forced-colors', value: 'active' }]);
    const page = await fixture<HTMLElement>(html`
      <div lang="en">
        <button id="before">before</button>
        <visio-call token-endpoint="/api/token" room=${uniqueRoom('forced')} name="Camille Martin" skip-prejoin></visio-call>
      </div>
    `);
    const call = page.querySelector<VisioCallElement>('visio-call')!;
    const button = joinButton(call);
    const style = getComputedStyle(button);
    expect(style.borderTopStyle).to.equal('solid');
    expect(parseFloat(style.borderTopWidth)).to.be.at.least(1);
    expect(style.borderTopColor).to.equal(systemColour('ButtonText'));
    // Tab from the page's button lands on the join button, with a ring in the system's highlight.
    page.querySelector<HTMLButtonElement>('#before')!.focus();
    await sendKeys({ press: 'Tab' });
    await waitUntil(() => button.matches(':focus-visible'), 'the join button has the keyboard focus');
    expect(style.outlineStyle).to.equal('solid');
    expect(parseFloat(style.outlineWidth)).to.be.at.least(2);
    expect(style.outlineColor).to.equal(systemColour('Highlight'));
  });

  it('forced colours in the call: tiles and the bar’s buttons show their edges, a pressed one the highlight', async () => {
    await emulate([{ name: 'forced-colors', value: 'active' }]);
    const { call } = await joinedCall('forced-call');
    await waitUntil(() => tiles(call).length === 1, 'the local tile', { timeout: 10_000 });
    // The tile has lost its fill: an edge in the text colour shows it.
    const tile = getComputedStyle(tiles(call)[0]);
    expect(tile.borderTopStyle).to.equal('solid');
    expect(tile.borderTopColor).to.equal(systemColour('CanvasText'));
    const hand = call.shadowRoot!.querySelector<HTMLButtonElement>('[part="hand-button"]')!;
    expect(getComputedStyle(hand).borderTopStyle).to.equal('solid');
    expect(await call.setHandRaised(true)).to.equal(true);
    await waitUntil(() => hand.getAttribute('aria-pressed') === 'true', 'the hand button is pressed');
    expect(getComputedStyle(hand).backgroundColor).to.equal(systemColour('Highlight'));
    expect(getComputedStyle(hand).color).to.equal(systemColour('HighlightText'));
    await executeServerCommand('save-screenshot', { name: 'theme-forced-colors' });
  });
});
