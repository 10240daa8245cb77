// Background effects in every browser of the run (Chromium and Firefox ESR): nothing of
// segmentation is loaded while the background is off, and where a browser cannot do it (simulated
// here as track-processors decides, without `VideoFrame`) the choice is disabled with its reason
// in words and `setBackground()` fails with `background-effect-failed`. What the effect does to
// the picture is in background.test.ts (Chromium).
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/index.js';
import type { VisioCallElement } from '../../src/index.js';
import { backgroundUnsupportedReason } from '../../src/core/effects/background.js';
import { en } from '../../src/i18n/en.js';
import { callTestHooks, uniqueRoom } from '../support/helpers.js';

describe('background effects: off by default, and disabled with a reason where unsupported', function () {
  this.timeout(60_000);
  callTestHooks();

  async function prejoinOf(): Promise<{ call: VisioCallElement; root: ShadowRoot }> {
    const call = await fixture<VisioCallElement>(
      html`<visio-call lang="en" token-endpoint="/api/token" room=${uniqueRoom('bg-support')} name="Camille" audio="off" effects-path="/dist/effects/"></visio-call>`,
    );
    const root = await waitUntil(
      () => call.shadowRoot?.querySelector('visio-prejoin')?.shadowRoot?.querySelector('[part="background"]'),
      'the background choice',
      {
        timeout: 15_000,
      },
    ).then(() => call.shadowRoot!.querySelector('visio-prejoin')!.shadowRoot!);
    return { call, root };
  }

  it('offers none (chosen) and blur, and loads nothing of segmentation', async () => {
    performance.setResourceTimingBufferSize(100_000);
    performance.clearResourceTimings();
    const { call, root } = await prejoinOf();
    console.log(`background effects in this browser: ${backgroundUnsupportedReason() ?? 'supported'}`);
    const options = [...root.querySelectorAll('.background-option')].map((option) => [option.textContent?.trim(), option.querySelector('input')!.checked]);
    expect(options).to.deep.equal([
      [en.backgroundNone, true],
      [en.backgroundBlur, false],
    ]);
    expect(root.querySelector('[part="background"] legend')?.textContent).to.equal(en.background);
    expect(call.state.background).to.deep.equal({ type: 'none' });
    const loaded = performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname);
    expect(loaded.filter((path) => path.includes('/effects/') || path.includes('track-processors') || path.includes('tasks-vision'))).to.deep.equal([]);
  });

  it('disables the choice with the reason where the browser cannot (no VideoFrame)', async () => {
    const saved = Object.getOwnPropertyDescriptor(window, 'VideoFrame')!;
    delete (window as { VideoFrame?: unknown }).VideoFrame;
    try {
      const { call, root } = await prejoinOf();
      const fieldset = root.querySelector<HTMLFieldSetElement>('[part="background"]')!;
      expect(fieldset.disabled).to.equal(true);
      const reason = root.querySelector<HTMLElement>('[part="background-reason"]')!;
      expect(reason.textContent?.trim()).to.equal(en.backgroundUnsupported);
      expect(fieldset.getAttribute('aria-describedby')).to.equal(reason.id);
      expect(call.capabilities.background).to.equal(false);
      const failed = oneEvent(call, 'visio-error');
      call.setBackground({ type: 'blur' });
      const { detail } = await failed;
      expect(detail.code).to.equal('background-effect-failed');
      expect(detail.message).to.equal(en.errors['background-effect-failed']);
      expect(call.state.background).to.deep.equal({ type: 'none' });
      // Before the call too, the message is on screen, over the prejoin.
      await call.updateComplete;
      const banner = call.shadowRoot!.querySelector<HTMLElement>('[part="banner"]');
      expect(banner?.querySelector('span')?.textContent).to.equal(en.errors['background-effect-failed']);
      expect(banner!.getBoundingClientRect().width).to.be.above(0);
      await executeServerCommand('save-screenshot', { name: 'background-unsupported' });
    } finally {
      Object.defineProperty(window, 'VideoFrame', saved);
    }
  });
});
