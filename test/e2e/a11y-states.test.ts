// Accessibility in every state a user meets in <visio-call>: axe-core (WCAG 2.0/2.1/2.2 A and AA,
// and best practices) over the call and its shadow roots, zero violations, for each state of the
// table below, in the light and the dark theme, left-to-right and right-to-left, in Chromium and
// Firefox (test/e2e runs in both). One call per combination walks through the table in order, each
// state starting from the one before it: a new state (the lobby, a moderation menu) is one line.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import type { VisioCallElement, VisioSettingsElement } from '../../src/index.js';
import { expectAccessible, rendered } from '../support/a11y.js';
import { callTestHooks, tiles, uniqueRoom } from '../support/helpers.js';

type Step = (call: VisioCallElement) => Promise<unknown> | void;

/** Elements of the call, through its shadow root. */
const inCall = <T extends Element = HTMLElement>(call: VisioCallElement, selector: string) => call.shadowRoot!.querySelector<T>(selector)!;
const inside = <T extends Element = HTMLElement>(host: Element, selector: string) => host.shadowRoot!.querySelector<T>(selector)!;

/** Clicks the disclosure button (`aria-expanded`) of `host`'s shadow root and waits for the popup. */
async function expand(host: Element): Promise<void> {
  const button = inside<HTMLButtonElement>(host, 'button[aria-expanded]');
  button.click();
  await waitUntil(() => button.getAttribute('aria-expanded') === 'true', `${host.localName} opens`);
}

/** Escape closes the popup around the focus. */
function escape(host: Element): void {
  inside(host, 'button[aria-expanded]').dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
}

const liveText = (call: VisioCallElement, role: 'status' | 'alert') =>
  [...call.shadowRoot!.querySelectorAll(`[role="${role}"]`)].map((region) => region.textContent.trim()).join(' | ');

/**
 * The states, in the order a user meets them. `show` goes there from the state before; `hide`
 * (optional) comes back before the next one.
 */
const STATES: Array<{ name: string; show: Step; hide?: Step }> = [
  { name: 'prejoin (camera preview, devices, name)', show: () => {} },
  {
    name: 'in the call',
    show: async (call) => {
      expect(await call.join()).to.equal(true);
      await waitUntil(() => tiles(call).length === 1, 'the local tile', { timeout: 10_000 });
    },
  },
  { name: 'chat panel', show: (call) => call.setPanel('chat'), hide: (call) => call.setPanel(undefined) },
  { name: 'participants panel', show: (call) => call.setPanel('participants'), hide: (call) => call.setPanel(undefined) },
  { name: 'reactions menu', show: (call) => expand(inCall(call, 'visio-reactions')), hide: (call) => escape(inCall(call, 'visio-reactions')) },
  {
    name: 'a reaction shown',
    show: async (call) => {
      expect(await call.sendReaction('👍')).to.equal(true);
      await waitUntil(() => inCall(call, 'visio-reactions').shadowRoot!.querySelector('.reaction'), 'the reaction shows');
    },
    // It fades out after 3 seconds: the next states are checked once it has gone, not half-transparent.
    hide: (call) => waitUntil(() => !inCall(call, 'visio-reactions').shadowRoot!.querySelector('.reaction'), 'the reaction goes', { timeout: 10_000 }),
  },
  { name: 'device menus', show: (call) => expand(inCall(call, 'visio-controls')), hide: (call) => escape(inCall(call, 'visio-controls')) },
  { name: 'tile menu', show: (call) => expand(tiles(call)[0]), hide: (call) => escape(tiles(call)[0]) },
  { name: 'stage layout', show: (call) => call.setLayout('stage'), hide: (call) => call.setLayout('auto') },
  { name: 'captions and their settings', show: async (call) => (call.setCaptionsEnabled(true), await rendered(call), expand(inCall(call, 'visio-captions'))) },
  { name: 'hand raised', show: async (call) => expect(await call.setHandRaised(true)).to.equal(true) },
  {
    name: 'left (rejoin)',
    show: async (call) => {
      expect(await call.leave()).to.equal(true);
      await waitUntil(() => call.status === 'left', 'left');
      expect(liveText(call, 'status')).to.contain('You left the call');
    },
  },
  {
    name: 'error (token endpoint not found, retry)',
    show: async (call) => {
      call.tokenEndpoint = '/api/no-such-endpoint';
      await call.updateComplete;
      expect(await call.join()).to.equal(false);
      await waitUntil(() => call.status === 'error', 'the error screen');
      await call.updateComplete;
      expect(liveText(call, 'alert')).to.contain(inCall(call, '.error-message').textContent.trim());
    },
  },
];

const VARIANTS = [
  { theme: 'light', dir: 'ltr' },
  { theme: 'dark', dir: 'ltr' },
  { theme: 'light', dir: 'rtl' },
  { theme: 'dark', dir: 'rtl' },
] as const;

describe('accessibility in every state (axe-core)', function () {
  this.timeout(120_000);
  callTestHooks();

  for (const { theme, dir } of VARIANTS) {
    it(`${theme}, ${dir}: no violation in ${STATES.length} states`, async () => {
      const wrapper = await fixture<HTMLElement>(
        html`<main dir=${dir} lang="en"><visio-call theme=${theme} token-endpoint="/api/token" room=${uniqueRoom('a11y-states')} name="Camille Martin"></visio-call></main>`,
      );
      const call = wrapper.querySelector('visio-call')!;
      for (const { name, show, hide } of STATES) {
        await show(call);
        await rendered(call);
        await expectAccessible(call, `${name}, ${theme}, ${dir}`);
        if (hide) {
          await hide(call);
          await rendered(call);
        }
      }
    });
  }

  // A host and a guest on the reference server's lobby and moderation endpoints: the guest's
  // waiting screen, the host's waiting list, the moderation menus of a tile and of the participant
  // list (with the removal confirmation), the "more" menu of a narrow bar and the settings dialog.
  for (const { theme, dir } of [VARIANTS[0], VARIANTS[3]]) {
    it(`${theme}, ${dir}: no violation in the lobby, the moderation menus, the more menu and the settings`, async () => {
      const room = uniqueRoom('lobby-a11y');
      const wrapper = await fixture<HTMLElement>(
        html`<main dir=${dir} lang="en">
          <visio-call theme=${theme} token-endpoint="/api/lk/token" moderation-endpoint="/api/lk/moderation" room=${room} name="Héloïse Hôte"
            skip-prejoin audio="off" video="off"></visio-call>
          <visio-call theme=${theme} token-endpoint="/api/lk/token" moderation-endpoint="/api/lk/moderation" room=${room} name="Gaspard Invité"
            skip-prejoin audio="off" video="off"></visio-call>
        </main>`,
      );
      const [host, guest] = [...wrapper.querySelectorAll('visio-call')];
      expect(await host.join()).to.equal(true);
      const joined = guest.join();
      await waitUntil(() => guest.status === 'waiting', 'the guest waits', { timeout: 10_000 });
      await rendered(guest);
      await expectAccessible(guest, `lobby: waiting screen, ${theme}, ${dir}`);
      await waitUntil(() => host.getWaitingParticipants().length === 1, 'the host sees the guest', { timeout: 15_000 });
      await rendered(host);
      await expectAccessible(host, `lobby: host's waiting list, ${theme}, ${dir}`);
      expect(await host.admit(host.getWaitingParticipants()[0].id)).to.equal(true);
      expect(await joined).to.equal(true);
      await waitUntil(() => tiles(host).length === 2, 'the guest’s tile on the host', { timeout: 10_000 });

      const guestTile = tiles(host).find((tile) => !tile.participant?.isLocal)!;
      await expand(guestTile);
      await rendered(host);
      await expectAccessible(host, `tile menu with moderation, ${theme}, ${dir}`);
      escape(guestTile);
      host.setPanel('participants');
      await rendered(host);
      const list = inCall(host, 'visio-participants');
      await expand(list);
      await rendered(host);
      await expectAccessible(host, `participant list with moderation, ${theme}, ${dir}`);
      [...list.shadowRoot!.querySelectorAll<HTMLElement>('[role="menuitem"]')].find((item) => /Remove/.test(item.textContent))!.click();
      await rendered(host);
      await expectAccessible(host, `removal confirmation, ${theme}, ${dir}`);
      host.setPanel(undefined);

      // A narrow call: the bar's "more" menu, then the settings dialog.
      host.style.setProperty('width', '320px');
      const controls = inCall(host, 'visio-controls');
      // (the bar may already show its "more" button at full width: wait until what stays fits)
      const fits = () => {
        const bar = inside(controls, '[part="bar"]').getBoundingClientRect();
        const row = [...controls.shadowRoot!.querySelectorAll('[part="bar"] > *'), ...controls.shadowRoot!.querySelector('slot')!.assignedElements()];
        return row.map((each) => each.getBoundingClientRect()).every((box) => box.width === 0 || (box.left >= bar.left - 1 && box.right <= bar.right + 1));
      };
      await waitUntil(() => !inside(controls, '.more').hidden && fits(), 'the bar fits, with its more button', { timeout: 5000 });
      inside<HTMLButtonElement>(controls, '[part="more-button"]').click();
      await waitUntil(() => inside(controls, '[part="more-menu"]'), 'the more menu opens');
      await rendered(host);
      await expectAccessible(host, `more menu, ${theme}, ${dir}`);
      host.style.removeProperty('width');
      await inCall<VisioSettingsElement>(host, 'visio-settings').showSettings();
      await rendered(host);
      await expectAccessible(host, `settings dialog, ${theme}, ${dir}`);
    });
  }

  it('announces what the call is doing in a status region, and errors in an alert', async () => {
    const call = await fixture<VisioCallElement>(
      html`<visio-call lang="en" skip-prejoin token-endpoint="/api/token" room=${uniqueRoom('a11y-live')} name="Camille Martin"></visio-call>`,
    );
    const joining = call.join();
    await waitUntil(() => call.status === 'connecting', 'connecting');
    await call.updateComplete;
    expect(liveText(call, 'status')).to.contain('Connecting');
    expect(await joining).to.equal(true);
    // The call keeps one polite status region for its announcements.
    expect(inCall(call, '[role="status"][aria-live="polite"]')).to.exist;
    call.tokenSource = async () => {
      throw new Error('no token today');
    };
    await call.leave();
    expect(await call.join()).to.equal(false);
    await call.updateComplete;
    expect(liveText(call, 'alert')).to.match(/\S/);
    expect(liveText(call, 'status')).not.to.contain('Connecting');
  });
});
