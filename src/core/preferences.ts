/** What a user chose last time on this site, reused on the next call. */
export interface Preferences {
  name?: string;
  audioEnabled?: boolean;
  videoEnabled?: boolean;
  audioInput?: string;
  videoInput?: string;
  audioOutput?: string;
  /** `<visio-captions>` text size. */
  captionSize?: string;
  /** `<visio-captions>` colour preset. */
  captionColors?: string;
  /** Keyboard shortcuts that differ from the defaults (see `core/shortcuts.ts`), as JSON. */
  shortcuts?: string;
  /** `false` when the user turned keyboard shortcuts off. */
  shortcutsEnabled?: boolean;
  /** The camera's background: `none`, `blur`, `image:<url>` (one of the host's), or `own` (the user's image, in IndexedDB). */
  background?: string;
  /** "Save data" (see `core/quality.ts`): `off`, `low-video` or `audio-only`. */
  saveData?: string;
  /** The quality of the video received (see `core/quality.ts`): `auto`, `low` or `high`. */
  receiveQuality?: string;
  /** Noise suppression: `off`, `browser` or `strong` (see `core/effects/noise-suppression.ts`). */
  noiseSuppression?: string;
}

/** The `localStorage` key, per origin like the storage itself. */
export const PREFERENCES_KEY = 'visio-elements:prefs';

const FIELDS: Record<keyof Preferences, 'string' | 'boolean'> = {
  name: 'string',
  audioEnabled: 'boolean',
  videoEnabled: 'boolean',
  audioInput: 'string',
  videoInput: 'string',
  audioOutput: 'string',
  captionSize: 'string',
  captionColors: 'string',
  shortcuts: 'string',
  shortcutsEnabled: 'boolean',
  background: 'string',
  saveData: 'string',
  receiveQuality: 'string',
  noiseSuppression: 'string',
};

function defaultStorage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    // Storage blocked (third-party iframe, privacy settings): nothing is remembered.
    return undefined;
  }
}

/**
 * The remembered choices. Anything unreadable (no storage, corrupt JSON, a field of the wrong
 * type) is left out, never thrown.
 */
export function loadPreferences(storage: Storage | undefined = defaultStorage()): Preferences {
  let parsed: unknown;
  try {
    parsed = JSON.parse(storage?.getItem(PREFERENCES_KEY) ?? '{}');
  } catch {
    return {};
  }
  if (typeof parsed !== 'object' || parsed === null) return {};
  const preferences: Record<string, unknown> = {};
  for (const [key, type] of Object.entries(FIELDS)) {
    const value = (parsed as Record<string, unknown>)[key];
    if (typeof value === type) preferences[key] = value;
  }
  return preferences;
}

/** Merges `changes` into the remembered choices. Silently does nothing when storage fails. */
export function savePreferences(changes: Preferences, storage: Storage | undefined = defaultStorage()): void {
  try {
    storage?.setItem(PREFERENCES_KEY, JSON.stringify({ ...loadPreferences(storage), ...changes }));
  } catch {
    // Quota exceeded or storage blocked: the choice applies to this call only.
  }
}
