// The control bar that fits (the "more" menu), the settings dialog and the keyboard shortcuts of
// <visio-call>, in a real call on the test server, driven from the keyboard.
import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import { Track } from 'livekit-client';
import '../../src/index.js';
import type { VisioCallElement } from '../../src/index.js';
import { handRaisedAt } from '../../src/core/hand.js';
import { PREFERENCES_KEY } from '../../src/core/preferences.js';
import { en } from '../../src/i18n/en.js';
import { fr } from '../../src/i18n/fr.js';
import { expectAccessible } from '../support/a11y.js';
import { callTestHooks, joinedCall, settle } from '../support/helpers.js';

const controlsOf = (call: VisioCallElement) => call.shadowRoot!.querySelector('visio-controls')!;
const inControls = <T extends Element>(call: VisioCallElement, selector: string) => controlsOf(call).shadowRoot!.querySelector<T>(selector)!;
const inCall = <T extends Element>(call: VisioCallElement, selector: string) => call.shadowRoot!.querySelector<T>(selector)!;
const shown = (element: Element) => element.getClientRects().length > 0;
/** The element with the keyboard focus, inside shadow roots. */
function focused(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}
/** Presses `key` with modifiers held (`sendKeys` has no combinations in every browser). */
async function chord(modifiers: string[], key: string) {
  for (const modifier of modifiers) await sendKeys({ down: modifier });
  await sendKeys({ press: key });
  for (const modifier of [...modifiers].reverse()) await sendKeys({ up: modifier });
}

/** Waits until `get` answers something, and gives it. */
async function until<T>(get: () => T | null | undefined | false, message: string, timeout = 5_000): Promise<T> {
  let value: T | null | undefined | false = undefined;
  await waitUntil(() => (value = get()), message, { timeout });
  return value as T;
}
const micPublication = (call: VisioCallElement) => call.livekitRoom!.localParticipant.getTrackPublication(Track.Source.Microphone);

async function callOfWidth(prefix: string, width: number) {
  const { call } = await joinedCall(prefix);
  call.style.setProperty('width', `${width}px`);
  await waitUntil(() => controlsOf(call)?.shadowRoot?.querySelector('visio-leave'), 'the control bar');
  return call;
}

describe('the control bar that fits, its "more" menu, settings and keyboard shortcuts', function () {
  this.timeout(60_000);
  callTestHooks();
  afterEach(() => localStorage.removeItem(PREFERENCES_KEY));

  for (const width of [320, 360]) {
    it(`at ${width}px no control bar scrolls: the least used controls are in the "more" menu; leave, microphone and camera stay`, async () => {
      const call = await callOfWidth(`narrow-${width}`, width);
      const more = await until(() => {
        const button = inControls<HTMLButtonElement>(call, '[part="more-button"]');
        return button && shown(button) ? button : undefined;
      }, 'the "more" button shows');
      const bar = inControls<HTMLElement>(call, '[part="bar"]');
      await waitUntil(() => bar.scrollWidth <= bar.clientWidth, `the bar does not scroll (${bar.scrollWidth} > ${bar.clientWidth})`);
      expect(call.scrollWidth, 'no horizontal scroll in the call').to.be.at.most(call.clientWidth);
      for (const kept of ['visio-leave', 'visio-toggle[source="microphone"]', 'visio-toggle[source="camera"]']) {
        const box = inControls(call, kept).getBoundingClientRect();
        const inner = bar.getBoundingClientRect();
        expect(box.width, kept).to.be.greaterThan(0);
        expect(box.left, kept).to.be.at.least(inner.left);
        expect(box.right, kept).to.be.at.most(inner.right + 0.5);
      }
      expect(more.getAttribute('aria-haspopup')).to.equal('menu');
      expect(more.getAttribute('aria-label')).to.equal(en.moreOptions);
      const hand = inCall(call, '[part="hand-button"]');
      expect(shown(hand), 'the hand button moved into the menu').to.equal(false);
    });
  }

  it('the "more" menu works from the keyboard: Enter opens, arrows move, Enter raises the hand, Escape closes back on its button', async () => {
    const call = await callOfWidth('menu', 360);
    const more = await until(() => {
      const button = inControls<HTMLButtonElement>(call, '[part="more-button"]');
      return button && shown(button) ? button : undefined;
    }, 'the "more" button shows');
    const menu = inControls<HTMLElement>(call, '[part="more-menu"]');
    expect(menu.getAttribute('role')).to.equal('menu');
    expect(more.getAttribute('aria-expanded')).to.equal('false');

    more.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => shown(menu) && focused()?.getAttribute('role')?.startsWith('menuitem'), 'the menu opens on its first item');
    expect(more.getAttribute('aria-expanded')).to.equal('true');
    const items = [...menu.querySelectorAll<HTMLElement>('[role^="menuitem"]')];
    for (const item of items) expect(item.textContent.trim(), 'every item is named').to.not.equal('');
    expect(items.map((item) => item.textContent.trim())).to.include.members([en.raiseHand, en.settings, en.stageView]);
    await executeServerCommand('save-screenshot', { name: 'controls-narrow-more-menu' });
    await expectAccessible(controlsOf(call), 'the "more" menu open');

    // End and Home reach the ends; then Down from the first item to "Raise hand".
    await sendKeys({ press: 'End' });
    expect(focused()).to.equal(items[items.length - 1]);
    await sendKeys({ press: 'Home' });
    expect(focused()).to.equal(items[0]);
    const handIndex = items.findIndex((item) => item.textContent.trim() === en.raiseHand);
    for (let step = 0; step < handIndex; step++) await sendKeys({ press: 'ArrowDown' });
    const handItem = focused() as HTMLElement;
    expect(handItem.textContent.trim()).to.equal(en.raiseHand);
    expect(handItem.getAttribute('role')).to.equal('menuitemcheckbox');
    expect(handItem.getAttribute('aria-checked')).to.equal('false');

    await sendKeys({ press: 'Enter' });
    const local = call.livekitRoom!.localParticipant;
    await waitUntil(() => handRaisedAt(local), 'the hand is up for real', { timeout: 10_000 });
    await waitUntil(
      () => menu.querySelector(`[role="menuitemcheckbox"][aria-checked="true"]`)?.textContent.trim() === en.raiseHand,
      'the item shows it checked',
    );
    expect(shown(menu), 'a toggle leaves the menu open').to.equal(true);

    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !shown(menu), 'Escape closes the menu');
    expect(focused(), 'the focus is back on the "more" button').to.equal(more);
    expect(more.getAttribute('aria-expanded')).to.equal('false');

    // A click outside closes it too; Tab closes it and moves on.
    await sendKeys({ press: 'ArrowDown' });
    await waitUntil(() => shown(menu), 'Down opens the menu');
    document.body.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
    await waitUntil(() => !shown(menu), 'a click outside closes the menu');
    more.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => shown(menu), 'open again');
    await sendKeys({ press: 'Tab' });
    await waitUntil(() => !shown(menu), 'Tab closes the menu');
  });

  it('Ctrl+D turns the microphone on and off for real; not while typing in the chat; not once shortcuts are turned off', async () => {
    const call = await callOfWidth('keys', 1000);
    const leave = inControls(call, 'visio-leave').shadowRoot!.querySelector('button')!;
    leave.focus();
    await chord(['Control'], 'd');
    await waitUntil(() => micPublication(call) && !micPublication(call)!.isMuted, 'the microphone is on', { timeout: 10_000 });
    await chord(['Control'], 'd');
    await waitUntil(() => micPublication(call)!.isMuted, 'the microphone is muted', { timeout: 10_000 });

    // Typing in the chat: the keys are text, not shortcuts.
    call.setPanel('chat');
    await call.updateComplete;
    const chat = await until(() => inCall(call, 'visio-chat')?.shadowRoot?.querySelector('input'), 'the chat input');
    chat.focus();
    await chord(['Control'], 'd');
    await sendKeys({ type: 'vvv' });
    await settle(500);
    expect(micPublication(call)!.isMuted, 'typing did not toggle the microphone').to.equal(true);
    expect(chat.value).to.equal('vvv');

    // Outside the call (the page has the focus), the default scope does nothing either.
    chat.blur();
    (document.activeElement as HTMLElement | null)?.blur();
    await chord(['Control'], 'd');
    await settle(500);
    expect(micPublication(call)!.isMuted, 'the focus outside the call: no shortcut').to.equal(true);

    // Turned off in the settings: the key does nothing.
    const settingsButton = inCall<HTMLButtonElement>(call, '[part="settings-button"]');
    settingsButton.focus();
    await sendKeys({ press: 'Enter' });
    const dialog = await until(
      () => inCall(call, 'visio-settings').shadowRoot?.querySelector<HTMLDialogElement>('dialog[part="settings"][open]'),
      'settings open',
    );
    const enabled = dialog.querySelector<HTMLInputElement>('[part="shortcuts-enabled"]')!;
    expect(enabled.checked).to.equal(true);
    enabled.focus();
    await sendKeys({ press: ' ' });
    expect(enabled.checked).to.equal(false);
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !dialog.open, 'settings closed');
    leave.focus();
    await chord(['Control'], 'd');
    await settle(500);
    expect(micPublication(call)!.isMuted, 'shortcuts off: no toggle').to.equal(true);
  });

  it('push-to-talk: holding V unmutes the muted microphone, releasing it mutes again', async () => {
    const call = await callOfWidth('ptt', 1000);
    expect(await call.setMicrophoneEnabled(true)).to.equal(true);
    expect(await call.setMicrophoneEnabled(false)).to.equal(false);
    await waitUntil(() => micPublication(call)?.isMuted, 'muted');
    inControls(call, 'visio-leave').shadowRoot!.querySelector('button')!.focus();
    await sendKeys({ down: 'v' });
    await waitUntil(() => !micPublication(call)!.isMuted, 'talking while V is held', { timeout: 10_000 });
    await sendKeys({ up: 'v' });
    await waitUntil(() => micPublication(call)!.isMuted, 'muted on release', { timeout: 10_000 });
  });

  it('"?" opens the named list of shortcuts; Escape closes it back on what had the focus', async () => {
    const call = await callOfWidth('help', 1000);
    const leave = inControls(call, 'visio-leave').shadowRoot!.querySelector('button')!;
    leave.focus();
    await sendKeys({ press: '?' });
    const root = inCall(call, 'visio-settings').shadowRoot!;
    const dialog = await until(() => root.querySelector<HTMLDialogElement>('dialog[part="shortcuts"][open]'), 'the list opens');
    const title = root.getElementById(dialog.getAttribute('aria-labelledby')!)!;
    expect(title.textContent.trim()).to.equal(en.keyboardShortcuts);
    const rows = [...dialog.querySelectorAll('tr')].map((row) => [...row.cells].map((cell) => cell.textContent.replace(/\s+/g, ' ').trim()).join(' '));
    expect(rows).to.include(`${String(en.shortcutMicrophone)} Ctrl + D`);
    expect(rows).to.include(`${String(en.shortcutPushToTalk)} Hold V`);
    expect(rows.length).to.equal(7);
    await expectAccessible(inCall(call, 'visio-settings'), 'the list of shortcuts open');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !dialog.open, 'closed');
    expect(focused()).to.equal(leave);
  });

  it('the settings dialog traps the focus, changes the language of the call, and closes with Escape back on its button', async () => {
    const call = await callOfWidth('settings', 1000);
    const settingsButton = inCall<HTMLButtonElement>(call, '[part="settings-button"]');
    await waitUntil(() => shown(settingsButton), 'the settings button shows');
    expect(settingsButton.getAttribute('aria-label')).to.equal(en.settings);
    settingsButton.focus();
    await sendKeys({ press: 'Enter' });
    const root = inCall(call, 'visio-settings').shadowRoot!;
    const dialog = await until(() => root.querySelector<HTMLDialogElement>('dialog[part="settings"][open]'), 'settings open');
    expect(root.getElementById(dialog.getAttribute('aria-labelledby')!)!.textContent.trim()).to.equal(en.settings);
    expect(dialog.getAttribute('aria-modal')).to.equal('true');
    await waitUntil(() => dialog.querySelectorAll('visio-device-select').length === 3, 'the device lists');
    await expectAccessible(inCall(call, 'visio-settings'), 'the settings dialog open');
    await executeServerCommand('save-screenshot', { name: 'controls-settings-dialog' });

    // Every list in the dialog looks alike: its own (language, quality, captions) and the device
    // lists, a muted label over a bordered list 44 px high at least.
    const device = dialog.querySelector('visio-device-select')!.shadowRoot!;
    const look = (select: HTMLSelectElement, label: Element) => {
      const box = getComputedStyle(select);
      const text = getComputedStyle(label);
      return [box.borderTopStyle, box.borderTopColor, box.borderRadius, box.backgroundColor, box.minHeight, text.color, text.fontSize].join(' ');
    };
    const model = look(device.querySelector('select')!, device.querySelector('label')!);
    const own = [...root.querySelectorAll<HTMLSelectElement>('label.field select')];
    expect(own.length).to.equal(5);
    for (const select of own)
      expect(look(select, select.closest('label')!.querySelector('span')!), select.closest('label')!.textContent.trim()).to.equal(model);
    expect(own.every((select) => select.getBoundingClientRect().height >= 44)).to.equal(true);

    // Tab and Shift+Tab go round inside the dialog.
    // (the background choice is the call's own content, slotted into the dialog)
    const inside = () =>
      dialog.contains(focused()) ||
      inCall(call, 'visio-settings').contains(focused()) ||
      [...dialog.querySelectorAll('visio-device-select')].some((select) => select.shadowRoot!.contains(focused()));
    expect(inside(), 'the focus moved into the dialog').to.equal(true);
    for (let step = 0; step < 40; step++) {
      await sendKeys({ press: 'Tab' });
      expect(inside(), `Tab ${step}`).to.equal(true);
    }
    for (let step = 0; step < 5; step++) {
      await chord(['Shift'], 'Tab');
      expect(inside(), `Shift+Tab ${step}`).to.equal(true);
    }

    const language = dialog.querySelector<HTMLSelectElement>('[part="language"]')!;
    expect([...language.options].map((option) => option.value)).to.include.members(['en', 'fr']);
    language.value = 'fr';
    language.dispatchEvent(new Event('change'));
    const leave = inControls(call, 'visio-leave').shadowRoot!.querySelector('button')!;
    await waitUntil(() => leave.getAttribute('aria-label') === fr.leave, 'the leave button speaks French');
    expect(call.lang).to.equal('fr');
    await waitUntil(() => root.getElementById(dialog.getAttribute('aria-labelledby')!)!.textContent.trim() === fr.settings, 'the dialog too');

    dialog.querySelector<HTMLInputElement>('[part="shortcuts-enabled"]')!.focus();
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !dialog.open, 'Escape closes');
    expect(focused(), 'back on the settings button').to.equal(settingsButton);
  });
});
