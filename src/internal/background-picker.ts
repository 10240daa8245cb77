import { css, html, nothing } from 'lit';
import { backgroundUnsupportedReason, type BackgroundChoice, type BackgroundEffect } from '../core/effects/background.js';
import type { LocalizeController } from '../i18n/localize.js';

/** What the picker needs from the element that shows it. */
export interface BackgroundPickerOptions {
  effect: BackgroundEffect;
  localize: LocalizeController;
  /** A file the user picked as their own background. */
  ownFile: (file: File) => void;
}

/**
 * The "Background" choice of the prejoin and of the settings: none, blur, the host's images, and
 * the user's own image (a file kept on the device). Native radio buttons in a fieldset (one tab
 * stop, arrows move, each one named); disabled with the reason in words where the browser cannot.
 */
export function renderBackgroundPicker({ effect, localize, ownFile }: BackgroundPickerOptions) {
  const term = localize.term.bind(localize);
  const reason = backgroundUnsupportedReason();
  const current = effect.choice;
  const own = effect.ownImage;
  const radio = (choice: BackgroundChoice, label: string, thumbnail?: string) => {
    const checked = choice.type === current.type && (choice.type !== 'image' || (current.type === 'image' && choice.src === current.src));
    return html`<label class="background-option">
      <input type="radio" name="background" .checked=${checked} ?disabled=${!!reason} @change=${() => effect.set(choice)} />
      ${thumbnail ? html`<img src=${thumbnail} alt="" />` : nothing}<span>${label}</span>
    </label>`;
  };
  const pick = (event: Event) => {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (file) ownFile(file);
  };
  return html`<fieldset class="background-picker" part="background" ?disabled=${!!reason} aria-describedby=${reason ? 'background-reason' : nothing}>
    <legend>${term('background')}</legend>
    ${radio({ type: 'none' }, term('backgroundNone'))} ${radio({ type: 'blur' }, term('backgroundBlur'))}
    ${effect.images.map((image) => radio({ type: 'image', src: image.src }, image.label, image.src))}
    ${own ? radio({ type: 'image', src: own }, term('backgroundOwn'), own) : nothing}
    <input id="background-file" class="visually-hidden" type="file" accept="image/*" tabindex="-1" aria-hidden="true" @change=${pick} />
    <button class="background-file" part="background-file" ?disabled=${!!reason}
      @click=${(event: Event) => ((event.currentTarget as HTMLElement).previousElementSibling as HTMLInputElement).click()}>${term('chooseOwnImage')}</button>
    ${reason ? html`<p id="background-reason" class="background-reason" part="background-reason">${term(reason === 'webgl' ? 'backgroundNoWebgl' : 'backgroundUnsupported')}</p>` : html`<p class="background-note">${term('ownImageNote')}</p>`}
  </fieldset>`;
}

export const backgroundPickerStyles = css`
  .background-picker {
    border: 0;
    margin: 0;
    padding: 0;
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 0.75rem;
    align-items: center;
  }
  .background-picker legend {
    padding: 0;
    margin-bottom: 0.25rem;
    font-weight: 600;
  }
  .background-option {
    display: inline-flex;
    align-items: center;
    gap: 0.25rem;
  }
  .background-option img {
    width: 2.5rem;
    height: 1.5rem;
    object-fit: cover;
    border-radius: 0.25rem;
  }
  .background-file {
    flex-basis: 100%;
    justify-content: flex-start;
  }
  .background-reason,
  .background-note {
    flex-basis: 100%;
    margin: 0;
    font-size: 0.875rem;
    color: var(--_text-muted);
  }
`;
