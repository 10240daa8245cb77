/**
 * The entry of the self-contained bundle (dist/visio-elements.bundle.js), for pages without a
 * bundler: the same API as `src/index.ts`, but only what a call's first frame needs is in the
 * file itself. The elements a call shows later (the prejoin, which `autojoin` skips, the stage,
 * chat, captions, reactions, participant list and settings dialog) are chunks beside it (dist/chunks/), loaded
 * the first time they are rendered (`lazy()` in templates) or found in the page's own markup.
 * Their classes are not exported here: import `dist/index.js` through a bundler for those.
 *
 * Chunks import the bundle by its own URL: load it once, always from the same URL (a second
 * URL, such as one with another query string, would be a second copy of the library).
 * @packageDocumentation
 */
// First: the token request of an `autojoin` call already in the page starts while the rest is evaluated.
import './internal/bundle-start.js';
import { VisioAudioElement } from './elements/visio-audio/visio-audio.js';
import { VisioCallElement } from './elements/visio-call/visio-call.js';
import { VisioControlsElement } from './elements/visio-controls/visio-controls.js';
import { VisioDeviceSelectElement } from './elements/visio-device-select/visio-device-select.js';
import { VisioGridElement } from './elements/visio-grid/visio-grid.js';
import { VisioLeaveElement } from './elements/visio-leave/visio-leave.js';
import { VisioRoomElement } from './elements/visio-room/visio-room.js';
import { VisioTileElement } from './elements/visio-tile/visio-tile.js';
import { VisioToggleElement } from './elements/visio-toggle/visio-toggle.js';
import { setDefaultEffectsBase } from './effects-url.js';
import { defineWhenFound, registerLazyElements } from './internal/lazy.js';

export * from './core/index.js';
// Shadows core's `meetBackend` (an explicit export wins over `export *`): La Suite Meet's client is a
// chunk, loaded when a call uses it.
export { meetBackend } from './core/backends/deferred.js';
export * from './events/index.js';
export type { SidePanel, VisioCallState, VisioCapabilities, VisioCommand } from './elements/visio-call/visio-call.js';
export { roomContext } from './context/room-context.js';
export type { MenuEntry } from './controllers/overflow-controller.js';
export type { Translation, PluralForms, Term } from './i18n/en.js';
export { LANGUAGES, registerTranslation, type TranslationOverride } from './i18n/translations.js';
export {
  VisioAudioElement,
  VisioCallElement,
  VisioControlsElement,
  VisioDeviceSelectElement,
  VisioGridElement,
  VisioLeaveElement,
  VisioRoomElement,
  VisioTileElement,
  VisioToggleElement,
};

/** The elements defined on demand; test/node/package.test.mjs checks every element is either here or defined below. */
registerLazyElements({
  'visio-prejoin': () => import('./elements/visio-prejoin/visio-prejoin.js').then((m) => m.VisioPrejoinElement.define('visio-prejoin')),
  'visio-stage': () => import('./elements/visio-stage/visio-stage.js').then((m) => m.VisioStageElement.define('visio-stage')),
  'visio-participants': () =>
    import('./elements/visio-participants/visio-participants.js').then((m) => m.VisioParticipantsElement.define('visio-participants')),
  'visio-chat': () => import('./elements/visio-chat/visio-chat.js').then((m) => m.VisioChatElement.define('visio-chat')),
  'visio-captions': () => import('./elements/visio-captions/visio-captions.js').then((m) => m.VisioCaptionsElement.define('visio-captions')),
  'visio-reactions': () => import('./elements/visio-reactions/visio-reactions.js').then((m) => m.VisioReactionsElement.define('visio-reactions')),
  'visio-settings': () => import('./elements/visio-settings/visio-settings.js').then((m) => m.VisioSettingsElement.define('visio-settings')),
});

// The media-effect files sit beside this file, not beside its chunks (see src/effects-url.ts).
setDefaultEffectsBase(new URL('./effects/', import.meta.url));

VisioRoomElement.define('visio-room');
VisioTileElement.define('visio-tile');
VisioGridElement.define('visio-grid');
VisioToggleElement.define('visio-toggle');
VisioDeviceSelectElement.define('visio-device-select');
VisioLeaveElement.define('visio-leave');
VisioControlsElement.define('visio-controls');
VisioAudioElement.define('visio-audio');
VisioCallElement.define('visio-call');
defineWhenFound();
