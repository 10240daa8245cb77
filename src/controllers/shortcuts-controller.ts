import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { loadPreferences } from '../core/preferences.js';
import { actionFor, comboOf, parseKeymap, type ShortcutAction } from '../core/shortcuts.js';
import { all, listen, type Unsubscribe } from '../core/subscribe.js';

/** Where shortcuts work: while the focus is in the element (`call`, default), anywhere on the page (`page`), or nowhere (`off`). */
export type ShortcutScope = 'call' | 'page' | 'off';

export interface ShortcutsOptions {
  scope: () => ShortcutScope;
  /** Whether shortcuts apply now (in a call). */
  active: () => boolean;
  /** A shortcut was pressed (every action but push-to-talk). */
  run: (action: Exclude<ShortcutAction, 'pushToTalk'>) => void;
  /** Whether the microphone is on. */
  microphoneOn: () => boolean;
  /** Turns the microphone on or off (push-to-talk). */
  setMicrophone: (on: boolean) => void;
}

/** Fields where keys are typed: shortcuts never fire there, in the page or in a shadow root. */
function typingIn(event: Event): boolean {
  return event
    .composedPath()
    .some((target) => target instanceof HTMLElement && (target.isContentEditable || target.matches('input, textarea, select, [role="textbox"]')));
}

/**
 * The call's keyboard shortcuts: the user's keymap (remembered preferences, read at each key, else the defaults),
 * a key listener on the document that acts only while the focus is inside the host (or anywhere
 * with the `page` scope), never while typing in a field, and push-to-talk: holding its key turns
 * a muted microphone on until the key is released (or the window loses the focus).
 */
export class ShortcutsController implements ReactiveController {
  private stop?: Unsubscribe;
  /** The physical key held for push-to-talk, while it holds the microphone on. */
  private talking?: string;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: ShortcutsOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    const document = this.host.ownerDocument;
    this.stop = all(
      listen(document, 'keydown', (event) => this.onKeydown(event as KeyboardEvent)),
      listen(document, 'keyup', (event) => this.onKeyup(event as KeyboardEvent)),
      listen(document.defaultView ?? window, 'blur', () => this.release()),
    );
  }

  hostDisconnected(): void {
    this.release();
    this.stop?.();
    this.stop = undefined;
  }

  private applies(event: KeyboardEvent): boolean {
    const scope = this.options.scope();
    if (scope === 'off' || !this.options.active() || event.defaultPrevented || typingIn(event)) return false;
    return scope === 'page' || event.composedPath().includes(this.host);
  }

  private onKeydown(event: KeyboardEvent): void {
    if (!this.applies(event)) return;
    // Read at each key: the settings (of this call or another on the page) may have changed them.
    const preferences = loadPreferences();
    if (preferences.shortcutsEnabled === false) return;
    const action = actionFor(event, parseKeymap(preferences.shortcuts));
    if (!action) return;
    event.preventDefault();
    if (event.repeat) return;
    if (action !== 'pushToTalk') return this.options.run(action);
    if (this.talking || this.options.microphoneOn()) return;
    this.talking = event.code || comboOf(event);
    this.options.setMicrophone(true);
  }

  private onKeyup(event: KeyboardEvent): void {
    if (this.talking && (event.code || comboOf(event)) === this.talking) this.release();
  }

  /** Ends push-to-talk: the microphone goes back off. */
  private release(): void {
    if (!this.talking) return;
    this.talking = undefined;
    this.options.setMicrophone(false);
  }
}
