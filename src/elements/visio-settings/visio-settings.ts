import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { DialogController } from '../../controllers/dialog-controller.js';
import type { NoiseSuppression } from '../../core/effects/noise-suppression.js';
import { loadPreferences, savePreferences } from '../../core/preferences.js';
import { observeQuality, qualityOf, setReceiveQuality, setSaveData, type QualityChoice, type ReceiveQuality, type SaveData } from '../../core/quality.js';
import { SubscriptionController } from '../../controllers/subscription-controller.js';
import type { Room } from 'livekit-client';
import { comboOf, conflictOf, parseKeymap, serializeKeymap, SHORTCUT_ACTIONS, type Keymap, type ShortcutAction } from '../../core/shortcuts.js';
import { LANGUAGES } from '../../i18n/translations.js';
import { closeIcon } from '../../internal/icons.js';
import { noiseChoice, noiseChoiceStyles } from '../../internal/noise-choice.js';
import { RoomElement } from '../../internal/room-element.js';
import { controlStyles, visuallyHidden } from '../../styles/shared.js';
import { COLORS, rememberedCaptionStyle, SIZES } from '../visio-captions/visio-captions.js';
import { settingsStyles } from './visio-settings.styles.js';

const DESCRIPTIONS = {
  microphone: 'shortcutMicrophone',
  camera: 'shortcutCamera',
  hand: 'shortcutHand',
  chat: 'shortcutChat',
  captions: 'shortcutCaptions',
  pushToTalk: 'shortcutPushToTalk',
  help: 'shortcutHelp',
} as const satisfies Record<ShortcutAction, string>;

const KEY_NAMES = { Ctrl: 'keyCtrl', Alt: 'keyAlt', Shift: 'keyShift', Space: 'keySpace' } as const;

/**
 * The call's settings in one modal dialog — devices (microphone, camera, speaker), video quality ("save data" and the quality
 * received), caption size
 * and colours, language, keyboard shortcuts (on or off, each one changed or removed) — and the
 * list of keyboard shortcuts in another. `<visio-call>` holds one and opens it from its control
 * bar (or its "more" menu) and with the `?` shortcut. Choices are remembered on this site.
 *
 * Choosing a language sets `lang` on the nearest element around that has one (the call), else on
 * the outermost host around this element.
 *
 * @fires visio-error - "Save data" could not be applied to the camera (it could not restart at the new size).
 * @csspart settings - The settings `<dialog>`.
 * @csspart shortcuts - The keyboard shortcuts `<dialog>`.
 * @csspart language - The language list in the settings.
 * @csspart save-data - The "save data" list: off, camera at 360p at most, or audio only.
 * @csspart receive-quality - The quality of the video received: automatic, low or high.
 * @csspart shortcuts-enabled - The checkbox that turns keyboard shortcuts on or off.
 * @csspart show-shortcuts - The settings' button that opens the list of shortcuts.
 * @csspart shortcuts-off - The notice, in the list of shortcuts, that they are turned off.
 * @slot background - The camera's background choice (`<visio-call>` puts its own here).
 * @csspart noise-suppression - The noise suppression list: off, standard (the browser's own) or strong.
 * @csspart noise-suppression-reason - Why strong noise suppression is not offered, where the browser cannot run it.
 */
export class VisioSettingsElement extends RoomElement {
  static override styles = [...controlStyles, visuallyHidden, settingsStyles, noiseChoiceStyles];

  /**
   * The call's noise suppression: its level and how to change it (`<visio-call>` sets it). Without
   * it, the settings do not offer the choice.
   */
  @property({ attribute: false }) noiseSuppression?: { level: NoiseSuppression; set(level: NoiseSuppression): unknown };

  private readonly settings = new DialogController(this, () => this.renderRoot.querySelector<HTMLDialogElement>('[part="settings"]'));
  private readonly help = new DialogController(this, () => this.renderRoot.querySelector<HTMLDialogElement>('[part="shortcuts"]'));
  /** "Save data" and the quality received, as the room has them. */
  private readonly quality = new SubscriptionController<Room, QualityChoice>(this, () => this.activeRoom, observeQuality);
  /** The shortcut being changed: the next keys pressed become it. */
  @state() private recording?: ShortcutAction;

  /** Opens the settings dialog; closing it gives the focus back. */
  showSettings(): Promise<void> {
    return this.settings.show();
  }

  /** Opens the list of keyboard shortcuts; closing it gives the focus back. */
  showShortcuts(): Promise<void> {
    return this.help.show();
  }

  /** Closes whichever dialog is open. */
  close(): void {
    this.help.close();
    this.settings.close();
  }

  override render() {
    const term = this.localize.term.bind(this.localize);
    return html`
      <dialog part="settings" aria-modal="true" aria-labelledby="settings-title" @close=${this.onSettingsClose} @keydown=${this.settings.onKeydown}>
        ${this.header('settings-title', term('settings'), () => this.settings.close())}
        ${this.settings.open ? this.renderSettings() : nothing}
      </dialog>
      <dialog part="shortcuts" aria-modal="true" aria-labelledby="shortcuts-title" @close=${this.help.onClose} @keydown=${this.help.onKeydown}>
        ${this.header('shortcuts-title', term('keyboardShortcuts'), () => this.help.close())}
        <p>${term('shortcutsScope')}</p>
        ${this.help.open ? this.renderShortcutList() : nothing}
      </dialog>
    `;
  }

  private header(id: string, title: string, close: () => void) {
    const name = this.localize.term('close');
    return html`<div class="header">
      <h2 id=${id}>${title}</h2>
      <button class="close" aria-label=${name} title=${name} @click=${close}>${closeIcon}</button>
    </div>`;
  }

  private readonly onSettingsClose = () => {
    this.recording = undefined;
    this.settings.onClose();
  };

  private renderSettings() {
    const term = this.localize.term.bind(this.localize);
    const preferences = loadPreferences();
    const { size = 'medium', colors = 'light' } = rememberedCaptionStyle(preferences);
    return html`
      <label class="field"
        ><span>${term('language')}</span>
        <select part="language" @change=${(event: Event) => this.setLanguage((event.target as HTMLSelectElement).value)}>
          ${LANGUAGES.map(({ code, name }) => html`<option value=${code} lang=${code} ?selected=${code === this.localize.lang}>${name}</option>`)}
        </select></label
      >
      <section aria-labelledby="devices-title">
        <h3 id="devices-title">${term('devices')}</h3>
        <visio-device-select kind="audioinput" .room=${this.room}></visio-device-select>
        ${this.noiseSuppression ? noiseChoice(this.localize, this.noiseSuppression.level, (level) => void this.noiseSuppression?.set(level)) : nothing}
        <visio-device-select kind="videoinput" .room=${this.room}></visio-device-select>
        <visio-device-select kind="audiooutput" .room=${this.room}></visio-device-select>
        <slot name="background"></slot>
      </section>
      ${this.renderQuality()}
      <section aria-labelledby="captions-title">
        <h3 id="captions-title">${term('captionStyle')}</h3>
        ${this.choice('captionSize', size, SIZES, (value) => this.setCaptions({ captionSize: value }))}
        ${this.choice('captionColors', colors, COLORS, (value) => this.setCaptions({ captionColors: value }))}
      </section>
      <section aria-labelledby="keys-title">
        <h3 id="keys-title">${term('keyboardShortcuts')}</h3>
        <label class="check"
          ><input
            type="checkbox"
            part="shortcuts-enabled"
            .checked=${preferences.shortcutsEnabled !== false}
            @change=${(event: Event) => this.saveShortcuts({ shortcutsEnabled: (event.target as HTMLInputElement).checked })}
          />
          ${term('shortcutsEnabled')}</label
        >
        <p>${term('shortcutsScope')}</p>
        ${this.renderShortcutEditor(parseKeymap(preferences.shortcuts))}
        <div class="actions">
          <button @click=${() => this.saveShortcuts({ shortcuts: '' })}>${term('resetShortcuts')}</button>
          <button part="show-shortcuts" aria-haspopup="dialog" @click=${() => this.help.show()}>${term('showShortcuts')}</button>
        </div>
      </section>
    `;
  }

  /** "Save data" (what the camera sends) and the quality of the video received. */
  private renderQuality() {
    const room = this.activeRoom;
    if (!room) return nothing;
    const term = this.localize.term.bind(this.localize);
    const { saveData, receiveQuality } = this.quality.value ?? qualityOf(room);
    const saveOptions = { off: 'saveDataOff', 'low-video': 'saveDataLowVideo', 'audio-only': 'saveDataAudioOnly' } as const satisfies Record<SaveData, string>;
    const receiveOptions = { auto: 'receiveAuto', low: 'receiveLow', high: 'receiveHigh' } as const satisfies Record<ReceiveQuality, string>;
    return html`<section aria-labelledby="quality-title">
      <h3 id="quality-title">${term('videoQuality')}</h3>
      ${this.choice('saveData', saveData, saveOptions, (value) => void setSaveData(room, value).catch((error: unknown) => this.reportError(error)), 'save-data')}
      ${this.choice('receiveQuality', receiveQuality, receiveOptions, (value) => setReceiveQuality(room, value), 'receive-quality')}
    </section>`;
  }

  /** A labelled drop-down list of `options` (their terms), `value` selected; `part` names the list for the host's CSS. */
  private choice<K extends string>(
    label: 'captionSize' | 'captionColors' | 'saveData' | 'receiveQuality',
    value: string,
    options: Record<K, Parameters<typeof this.localize.term>[0]>,
    set: (value: K) => void,
    part?: string,
  ) {
    return html`<label class="field"
      ><span>${this.localize.term(label)}</span>
      <select part=${part ?? nothing} @change=${(event: Event) => set((event.target as HTMLSelectElement).value as K)}>
        ${(Object.keys(options) as K[]).map((key) => html`<option value=${key} ?selected=${key === value}>${this.localize.term(options[key])}</option>`)}
      </select></label
    >`;
  }

  private renderShortcutEditor(keymap: Keymap) {
    const term = this.localize.term.bind(this.localize);
    return html`<table class="keys">
      ${SHORTCUT_ACTIONS.map((action) => {
        const description = term(DESCRIPTIONS[action]);
        const recording = this.recording === action;
        return html`<tr data-action=${action}>
          <th scope="row">${description}</th>
          <td>${this.keys(action, keymap[action])}</td>
          <td class="edit">
            <button
              class="record"
              aria-label=${recording ? term('pressNewKeys') : term('changeShortcut', { action: description })}
              aria-pressed=${recording ? 'true' : 'false'}
              @click=${() => (this.recording = recording ? undefined : action)}
              @keydown=${(event: KeyboardEvent) => this.record(event, action, keymap)}
              @blur=${() => recording && (this.recording = undefined)}
            >
              ${recording ? term('pressNewKeys') : term('change')}
            </button>
            <button
              class="remove"
              aria-label=${term('removeShortcut', { action: description })}
              ?disabled=${keymap[action] === ''}
              @click=${() => this.saveShortcuts({ shortcuts: serializeKeymap({ ...keymap, [action]: '' }) })}
            >
              ${term('remove')}
            </button>
          </td>
        </tr>`;
      })}
    </table>`;
  }

  private renderShortcutList() {
    const term = this.localize.term.bind(this.localize);
    const preferences = loadPreferences();
    const keymap = parseKeymap(preferences.shortcuts);
    return html`${preferences.shortcutsEnabled === false ? html`<p part="shortcuts-off">${term('shortcutsOff')}</p>` : nothing}
      <table class="keys">
        ${SHORTCUT_ACTIONS.map((action) => html`<tr data-action=${action}><th scope="row">${term(DESCRIPTIONS[action])}</th><td>${this.keys(action, keymap[action])}</td></tr>`)}
      </table>`;
  }

  /** A combination as the user reads it: `Ctrl + Shift + H`, `Hold V`, or `None`. */
  private keys(action: ShortcutAction, combo: string) {
    const term = this.localize.term.bind(this.localize);
    if (!combo) return html`<span class="none">${term('noShortcut')}</span>`;
    const parts = combo === '+' ? ['+'] : combo.split(/\+(?!$)/);
    const shown = html`${parts.map((part, index) => html`${index ? ' + ' : ''}<kbd>${part in KEY_NAMES ? term(KEY_NAMES[part as keyof typeof KEY_NAMES]) : part}</kbd>`)}`;
    if (action !== 'pushToTalk') return shown;
    const [before, after] = term('holdKey', { key: '\u0000' }).split('\u0000');
    return html`${before}${shown}${after}`;
  }

  /** While a shortcut is being changed: the next keys (with their modifiers) become it; Escape cancels. */
  private record(event: KeyboardEvent, action: ShortcutAction, keymap: Keymap) {
    if (this.recording !== action) return;
    if (event.key === 'Tab') {
      this.recording = undefined;
      return;
    }
    // The keys are the new shortcut, not an action of this dialog (nor a shortcut of the call).
    event.preventDefault();
    event.stopPropagation();
    if (event.key === 'Escape') {
      this.recording = undefined;
      return;
    }
    const combo = comboOf(event);
    if (!combo) return;
    const changed = { ...keymap, [action]: combo };
    // A combination is one action's only: the other one loses it.
    const other = conflictOf(keymap, action, combo);
    if (other) changed[other] = '';
    this.recording = undefined;
    this.saveShortcuts({ shortcuts: serializeKeymap(changed) });
  }

  private saveShortcuts(changes: { shortcuts?: string; shortcutsEnabled?: boolean }) {
    savePreferences(changes);
    this.requestUpdate();
  }

  /** Saves the caption style and shows it on the captions of the call around. */
  private setCaptions(changes: { captionSize?: keyof typeof SIZES; captionColors?: keyof typeof COLORS }) {
    savePreferences(changes);
    for (const captions of (this.getRootNode() as ParentNode).querySelectorAll('visio-captions')) {
      if (changes.captionSize) captions.size = changes.captionSize;
      if (changes.captionColors) captions.colors = changes.captionColors;
    }
    this.requestUpdate();
  }

  /**
   * Sets `lang` on the call: the nearest shadow host around (or this element) with a `lang`,
   * else the outermost one. The page's own `lang` is left alone.
   */
  private setLanguage(code: string) {
    let target: HTMLElement | undefined;
    let root = this.getRootNode();
    while (!this.hasAttribute('lang') && root instanceof ShadowRoot && root.host instanceof HTMLElement) {
      target = root.host;
      if (target.hasAttribute('lang')) break;
      root = target.getRootNode();
    }
    (target ?? this).lang = code;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'visio-settings': VisioSettingsElement;
  }
}
