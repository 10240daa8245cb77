// The pure parts of the control bar and the shortcuts: which controls fit, and which keys do what.
import { expect } from '@open-wc/testing';
import { fitRow } from '../../src/core/overflow.js';
import { actionFor, comboOf, DEFAULT_KEYMAP, isSingleKey, normalizeCombo, parseKeymap, serializeKeymap, type KeyPress } from '../../src/core/shortcuts.js';

const press = (key: string, mods: Partial<KeyPress> = {}): KeyPress => ({
  key,
  code: /^[a-z]$/i.test(key) ? `Key${key.toUpperCase()}` : '',
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

describe('fitRow', () => {
  const item = (priority: number, width = 50) => ({ width, priority });

  it('keeps everything when it fits, with the gaps counted', () => {
    expect(fitRow([item(1), item(2), item(3)], 170, 40, 10)).to.deep.equal([true, true, true]);
    expect(fitRow([item(1), item(2), item(3)], 169, 40, 10)).to.not.deep.equal([true, true, true]);
  });

  it('moves the least important first, keeps room for the "more" button, never moves the pinned ones', () => {
    const row = [item(Infinity), item(5), item(1), item(9), item(Infinity)];
    // 5 × 50 + 4 × 10 = 290 needed; at 240 two must go (3 kept + more = 190 + 3 gaps = 220).
    expect(fitRow(row, 240, 40, 10)).to.deep.equal([true, false, false, true, true]);
    expect(fitRow(row, 10, 40, 10)).to.deep.equal([true, false, false, false, true]);
  });

  it('among equals, the one further along the row goes first', () => {
    expect(fitRow([item(1), item(1), item(1)], 149, 40, 0)).to.deep.equal([true, true, false]);
    expect(fitRow([item(1), item(1), item(1), item(1)], 190, 40, 0)).to.deep.equal([true, true, true, false]);
  });
});

describe('keyboard shortcuts as data', () => {
  it('reads key events the way they are written', () => {
    expect(comboOf(press('d', { ctrlKey: true }))).to.equal('Ctrl+D');
    expect(comboOf(press('d', { metaKey: true })), '⌘ counts as Ctrl').to.equal('Ctrl+D');
    expect(comboOf(press('H', { ctrlKey: true, shiftKey: true }))).to.equal('Ctrl+Shift+H');
    expect(comboOf(press('?', { shiftKey: true })), 'a character typed with Shift').to.equal('?');
    expect(comboOf({ ...press('˙', { altKey: true }), code: 'KeyH' }), 'Option+H on a Mac').to.equal('Alt+H');
    expect(comboOf(press(' '))).to.equal('Space');
    expect(comboOf(press('Control', { ctrlKey: true }))).to.equal(undefined);
    expect(normalizeCombo('shift+ctrl+h')).to.equal('Ctrl+Shift+H');
    expect(normalizeCombo('Ctrl++')).to.equal('Ctrl++');
  });

  it('finds the action, and none for a removed shortcut', () => {
    expect(actionFor(press('d', { ctrlKey: true }), DEFAULT_KEYMAP)).to.equal('microphone');
    expect(actionFor(press('v'), DEFAULT_KEYMAP)).to.equal('pushToTalk');
    expect(actionFor(press('d'), DEFAULT_KEYMAP), 'D alone is not Ctrl+D').to.equal(undefined);
    expect(actionFor(press('d', { ctrlKey: true }), { ...DEFAULT_KEYMAP, microphone: '' })).to.equal(undefined);
  });

  it('single keys are the ones RGAA 12.10 asks to be able to turn off: V and ? by default', () => {
    expect(Object.values(DEFAULT_KEYMAP).filter(isSingleKey)).to.deep.equal(['V', '?']);
  });

  it('stores only what differs from the defaults, and ignores what it cannot read', () => {
    const changed = { ...DEFAULT_KEYMAP, microphone: 'Alt+M', help: '' };
    expect(serializeKeymap(changed)).to.equal('{"microphone":"Alt+M","help":""}');
    expect(parseKeymap(serializeKeymap(changed))).to.deep.equal(changed);
    expect(parseKeymap('{not json')).to.deep.equal(DEFAULT_KEYMAP);
    expect(parseKeymap('{"camera": 42, "hand": "ctrl+alt+r"}')).to.deep.equal({ ...DEFAULT_KEYMAP, hand: 'Ctrl+Alt+R' });
  });
});
