import type { Room } from 'livekit-client';
import { html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { DisclosureController } from '../../controllers/disclosure-controller.js';
import { repeat } from 'lit/directives/repeat.js';
import { SubscriptionController } from '../../controllers/subscription-controller.js';
import { downloadTranscript, observeCaptions, transcript, type CaptionSegment, type TranscriptFormat } from '../../core/captions.js';
import { loadPreferences, savePreferences, type Preferences } from '../../core/preferences.js';
import { downloadIcon, settingsIcon } from '../../internal/icons.js';
import { RoomElement } from '../../internal/room-element.js';
import { controlStyles, visuallyHidden } from '../../styles/shared.js';
import { captionsStyles } from './visio-captions.styles.js';

/** The text sizes, with the names of their labels (the settings dialog offers them too). */
export const SIZES = { small: 'sizeSmall', medium: 'sizeMedium', large: 'sizeLarge' } as const;
/** The colour presets, with the names of their labels. */
export const COLORS = { light: 'colorsLight', yellow: 'colorsYellow', dark: 'colorsDark' } as const;

/** The caption size and colours remembered on this site (`loadPreferences()`), each only if it is one of ours. */
export function rememberedCaptionStyle(preferences: Preferences = loadPreferences()): { size?: keyof typeof SIZES; colors?: keyof typeof COLORS } {
  const { captionSize: size, captionColors: colors } = preferences;
  return {
    size: size && Object.hasOwn(SIZES, size) ? (size as keyof typeof SIZES) : undefined,
    colors: colors && Object.hasOwn(COLORS, colors) ? (colors as keyof typeof COLORS) : undefined,
  };
}

/**
 * Live captions from LiveKit transcriptions (text streams on `lk.transcription`, and the older
 * transcription packets until a text stream arrives): the speaker's
 * name and the last lines, interim text replaced by the final text, finished lines announced
 * politely to screen readers. Size and colours can be chosen behind the settings button (and are
 * remembered on this site); the whole transcript of the session can be downloaded as WebVTT or
 * plain text.
 *
 * @csspart captions - The box with the caption lines.
 * @csspart line - One caption line.
 * @csspart speaker - The speaker's name on a line.
 * @csspart settings-button - The button that shows or hides the settings.
 * @csspart settings - The size and colour choices and the download buttons.
 * @cssprop --visio-captions-background - Behind the captions (overrides the colour preset).
 * @cssprop --visio-captions-color - The captions' text (overrides the colour preset).
 * @cssprop --visio-captions-font-size - The captions' size (overrides `size`).
 */
export class VisioCaptionsElement extends RoomElement {
  static override styles = [...controlStyles, visuallyHidden, captionsStyles];

  /** Text size: `small`, `medium` (default) or `large`. */
  @property({ reflect: true }) size: keyof typeof SIZES = 'medium';
  /** Colour preset: `light` (white on black, default), `yellow` (yellow on black) or `dark` (black on white). */
  @property({ reflect: true }) colors: keyof typeof COLORS = 'light';
  /** How many lines stay on screen. */
  @property({ type: Number }) lines = 3;

  private readonly settings = new DisclosureController(this, '[part="settings-button"]');

  override connectedCallback(): void {
    super.connectedCallback();
    // The user's last choice, unless the page set one.
    const remembered = rememberedCaptionStyle();
    if (!this.hasAttribute('size') && remembered.size) this.size = remembered.size;
    if (!this.hasAttribute('colors') && remembered.colors) this.colors = remembered.colors;
  }

  private readonly segments = new SubscriptionController<Room, CaptionSegment[]>(this, () => this.activeRoom, observeCaptions);

  /** The session's transcript so far (final segments), as `vtt` or `txt`. Empty without a room. */
  getTranscript(format: TranscriptFormat): string {
    const room = this.activeRoom;
    return room ? transcript(room, format) : '';
  }

  /** Saves the transcript as a file (`transcript.vtt` or `transcript.txt`). */
  downloadTranscript(format: TranscriptFormat): void {
    const room = this.activeRoom;
    if (room) downloadTranscript(room, format);
  }

  override render() {
    const segments = this.segments.value ?? [];
    const shown = segments.slice(-Math.max(1, this.lines));
    const finals = segments.filter((segment) => segment.final).slice(-Math.max(1, this.lines));
    return html`
      <div class="captions" part="captions" aria-hidden="true">
        ${shown.length === 0 ? html`<p class="waiting">${this.localize.term('waitingForCaptions')}</p>` : nothing}
        ${repeat(
          shown,
          (segment) => segment.key,
          (segment) => html`<p part="line" class=${segment.final ? 'final' : 'interim'} data-segment=${segment.id}>
            <span part="speaker" class="speaker">${segment.speaker.name}</span> ${segment.text}
          </p>`,
        )}
      </div>
      <div class="visually-hidden" role="log" aria-live="polite" aria-label=${this.localize.term('captions')}>
        ${repeat(
          finals,
          (segment) => segment.key,
          (segment) => html`<p>${segment.speaker.name}: ${segment.text}</p>`,
        )}
      </div>
      <div class="tools" @keydown=${this.settings.onKeydown}>
        <button
          part="settings-button"
          aria-expanded=${this.settings.open ? 'true' : 'false'}
          aria-controls="settings"
          aria-label=${this.localize.term('captionSettings')}
          title=${this.localize.term('captionSettings')}
          @click=${() => this.settings.toggle()}
        >
          ${settingsIcon}
        </button>
        <div id="settings" class="settings" part="settings" role="group" aria-label=${this.localize.term('captionSettings')} ?hidden=${!this.settings.open}>
          ${this.choice('captionSize', this.size, SIZES, (value) => {
            this.size = value;
            savePreferences({ captionSize: value });
          })}
          ${this.choice('captionColors', this.colors, COLORS, (value) => {
            this.colors = value;
            savePreferences({ captionColors: value });
          })}
          ${this.download('vtt', 'downloadVtt', 'WebVTT')} ${this.download('txt', 'downloadText', 'TXT')}
        </div>
      </div>
    `;
  }

  private download(format: TranscriptFormat, label: 'downloadVtt' | 'downloadText', short: string) {
    const name = this.localize.term(label);
    // The visible text starts the accessible name (WCAG 2.5.3, label in name); the rest says what it does.
    return html`<button title=${name} @click=${() => this.downloadTranscript(format)}>${downloadIcon}${short}<span class="visually-hidden">, ${name}</span></button>`;
  }

  private choice<K extends string>(
    label: 'captionSize' | 'captionColors',
    value: K,
    options: Record<K, Parameters<typeof this.localize.term>[0]>,
    set: (value: K) => void,
  ) {
    return html`<label
      >${this.localize.term(label)}
      <select @change=${(event: Event) => set((event.target as HTMLSelectElement).value as K)}>
        ${(Object.keys(options) as K[]).map((key) => html`<option value=${key} ?selected=${key === value}>${this.localize.term(options[key])}</option>`)}
      </select></label
    >`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'visio-captions': VisioCaptionsElement;
  }
}
