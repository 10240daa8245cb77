/**
 * Keyboard shortcuts as data: which keys do what, matched against key events without the DOM.
 * A combination is written `Ctrl+Shift+H`, `V`, `?` or `Space`: modifiers first (`Ctrl` also
 * matches ⌘ on a Mac), then the key. `''` is no shortcut.
 */

/** What a shortcut does. */
export type ShortcutAction = 'microphone' | 'camera' | 'hand' | 'chat' | 'captions' | 'pushToTalk' | 'help';

export const SHORTCUT_ACTIONS: readonly ShortcutAction[] = ['microphone', 'camera', 'hand', 'chat', 'captions', 'pushToTalk', 'help'];

/** One combination per action; `''` turns that shortcut off. */
export type Keymap = Record<ShortcutAction, string>;

/**
 * The defaults: those of La Suite Meet (suitenumerique/meet) where it has one — Ctrl+D
 * microphone, Ctrl+E camera, Ctrl+Shift+H hand, Ctrl+Shift+C chat, hold V to talk — Ctrl+Shift+L
 * for captions (live captions), and `?` for the list, as in Jitsi, GitHub or Gmail. Only `V` and
 * `?` are single keys (RGAA 12.10: they can be turned off or changed).
 */
export const DEFAULT_KEYMAP: Readonly<Keymap> = Object.freeze({
  microphone: 'Ctrl+D',
  camera: 'Ctrl+E',
  hand: 'Ctrl+Shift+H',
  chat: 'Ctrl+Shift+C',
  captions: 'Ctrl+Shift+L',
  pushToTalk: 'V',
  help: '?',
});

/** What a key event carries that matters here (a `KeyboardEvent` has all of it). */
export interface KeyPress {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

const MODIFIER_KEYS = new Set(['Control', 'Meta', 'Alt', 'AltGraph', 'Shift', 'CapsLock', 'OS', 'Dead', 'Unidentified', 'Process']);

/**
 * The combination a key event makes, in the written form (`Ctrl+Shift+H`), or `undefined` for a
 * modifier pressed alone. Letters are upper case and come from the physical key when a modifier
 * turned them into another character (Option+H on a Mac); a character typed with Shift (`?`) is
 * written without it.
 */
export function comboOf(press: KeyPress): string | undefined {
  if (MODIFIER_KEYS.has(press.key)) return undefined;
  let key = press.key;
  let shiftMatters = true;
  if (/^[a-z]$/i.test(key)) key = key.toUpperCase();
  else if (/^Key[A-Z]$/.test(press.code) && (press.altKey || press.ctrlKey || press.metaKey)) key = press.code.slice(3);
  else if (key === ' ') key = 'Space';
  else if ([...key].length === 1) shiftMatters = false;
  const parts = [press.ctrlKey || press.metaKey ? 'Ctrl' : '', press.altKey ? 'Alt' : '', press.shiftKey && shiftMatters ? 'Shift' : '', key];
  return parts.filter(Boolean).join('+');
}

/** The canonical form of a written combination (`shift+ctrl+h` → `Ctrl+Shift+H`), `''` when none or unreadable. */
export function normalizeCombo(combo: string): string {
  const parts = combo.split('+').map((part) => part.trim());
  // `Ctrl++`: the last key is a plus sign.
  if (combo.endsWith('+') && parts.length > 1) parts.splice(-2, 2, '+');
  const key = parts.pop() ?? '';
  if (!key) return '';
  const mods = new Set(parts.map((part) => part.toLowerCase()));
  return (
    comboOf({
      key: key.length === 1 ? key : key === 'Space' ? ' ' : key,
      code: '',
      ctrlKey: mods.has('ctrl') || mods.has('control') || mods.has('meta') || mods.has('cmd'),
      metaKey: false,
      altKey: mods.has('alt') || mods.has('option'),
      shiftKey: mods.has('shift'),
    }) ?? ''
  );
}

/** Whether a combination is one key without Ctrl, Alt or ⌘ (what RGAA 12.10 asks to be able to turn off). */
export function isSingleKey(combo: string): boolean {
  const normalized = normalizeCombo(combo);
  return normalized !== '' && !/^(Ctrl|Alt)\+/.test(normalized);
}

/** The action a key event triggers with this keymap, if any. */
export function actionFor(press: KeyPress, keymap: Keymap): ShortcutAction | undefined {
  const combo = comboOf(press);
  if (!combo) return undefined;
  return SHORTCUT_ACTIONS.find((action) => keymap[action] !== '' && normalizeCombo(keymap[action]) === combo);
}

/**
 * A keymap from its stored form (JSON: an object of action → combination): the defaults, with
 * what it changes. Anything unreadable is ignored.
 */
export function parseKeymap(stored: string | undefined): Keymap {
  const keymap: Keymap = { ...DEFAULT_KEYMAP };
  if (!stored) return keymap;
  let parsed: unknown;
  try {
    parsed = JSON.parse(stored);
  } catch {
    return keymap;
  }
  if (typeof parsed !== 'object' || parsed === null) return keymap;
  for (const action of SHORTCUT_ACTIONS) {
    const value = (parsed as Record<string, unknown>)[action];
    if (typeof value === 'string' && value.length <= 40) keymap[action] = value === '' ? '' : normalizeCombo(value);
  }
  return keymap;
}

/** The stored form of a keymap: only what differs from the defaults. */
export function serializeKeymap(keymap: Keymap): string {
  return JSON.stringify(
    Object.fromEntries(SHORTCUT_ACTIONS.filter((action) => keymap[action] !== DEFAULT_KEYMAP[action]).map((action) => [action, keymap[action]])),
  );
}

/** Another action that already uses this combination (to swap or warn), if any. */
export function conflictOf(keymap: Keymap, action: ShortcutAction, combo: string): ShortcutAction | undefined {
  const normalized = normalizeCombo(combo);
  return SHORTCUT_ACTIONS.find((other) => other !== action && normalized !== '' && keymap[other] === normalized);
}
