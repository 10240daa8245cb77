// The pre-call check's microphone part, run against each kind of fake microphone: Chromium's
// beeping one (test/e2e/precall-microphone.test.ts) and a silent one, a WAV of zeros given to
// Chromium with --use-file-for-fake-audio-capture (test/silent-microphone/, its own browser group
// in web-test-runner.config.mjs). Firefox's fake microphone is a steady tone, but its Web Audio
// stays suspended without a user gesture in this set-up: the check says `unknown` there, never
// `silent` (see src/core/precall-check.ts).
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/index.js';
import type { PrecallCheckResult, VisioCallElement } from '../../src/index.js';
import { en } from '../../src/i18n/en.js';
import { callTestHooks, uniqueRoom } from './helpers.js';

export function microphoneCheckSuite(expected: 'sound' | 'silent'): void {
  describe(`pre-call check: a ${expected === 'sound' ? 'beeping' : 'silent'} microphone`, function () {
    this.timeout(60_000);
    callTestHooks();
    const words = expected === 'sound' ? (en.microphoneSound as string) : (en.microphoneSilent as string);
    const other = expected === 'sound' ? (en.microphoneSilent as string) : (en.microphoneSound as string);

    it(`says "${words}" in the prejoin, and checks again when another microphone is chosen`, async () => {
      const results: PrecallCheckResult[] = [];
      const call = await fixture<VisioCallElement>(
        html`<visio-call lang="en" token-endpoint="/api/token" check-endpoint="/api/lk/check" room=${uniqueRoom('mic-check')} name="Camille Martin"
          video="off" @visio-precall-check=${(event: CustomEvent<PrecallCheckResult>) => results.push(event.detail)}></visio-call>`,
      );
      await waitUntil(() => results.length === 1, 'first check done', { timeout: 20_000 });
      expect(results[0].microphone.status).to.equal(expected);
      expect(results[0].connection.status).to.equal('reachable');
      const prejoin = call.shadowRoot!.querySelector('visio-prejoin')!;
      await prejoin.updateComplete;
      const line = () => prejoin.shadowRoot!.querySelector<HTMLElement>('[part="precheck-status"] [data-check="microphone"]');
      expect(line()?.textContent?.trim()).to.equal(words);
      expect(prejoin.shadowRoot!.querySelector('[part="precheck-status"]')!.textContent).to.not.contain(other);
      expect(line()!.classList.contains('warning')).to.equal(expected === 'silent');
      await executeServerCommand('save-screenshot', { name: `precall-check-microphone-${expected}` });

      // Another microphone: listened to again (the connection is not checked again).
      const select = prejoin.shadowRoot!.querySelector('visio-device-select[kind="audioinput"]')!.shadowRoot!.querySelector('select')!;
      await waitUntil(() => select.options.length > 1, 'several microphones listed');
      const current = select.value;
      const next = [...select.options].find((option) => option.value && option.value !== current)!;
      const checkedAgain = oneEvent(call, 'visio-precall-check');
      select.value = next.value;
      select.dispatchEvent(new Event('change'));
      await waitUntil(() => line()?.textContent?.trim() === en.microphoneChecking, 'listening again');
      const { detail } = await checkedAgain;
      expect(detail.microphone.status).to.equal(expected);
      await prejoin.updateComplete;
      expect(line()?.textContent?.trim()).to.equal(words);
    });

    it('says nothing about a microphone that is turned off', async () => {
      const call = await fixture<VisioCallElement>(
        html`<visio-call lang="en" token-endpoint="/api/token" check-endpoint="/api/lk/check" room=${uniqueRoom('mic-off')} audio="off" video="off"></visio-call>`,
      );
      const { detail } = await oneEvent(call, 'visio-precall-check');
      expect(detail.microphone.status).to.equal('off');
      const prejoin = call.shadowRoot!.querySelector('visio-prejoin')!;
      await prejoin.updateComplete;
      expect(prejoin.shadowRoot!.querySelector('[data-check="microphone"]')).to.equal(null);
    });
  });
}
