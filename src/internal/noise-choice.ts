import { css, html, nothing } from 'lit';
import { selectField } from '../styles/shared.js';
import { canSuppressNoiseStrongly, NOISE_SUPPRESSION_LEVELS, type NoiseSuppression } from '../core/effects/noise-suppression.js';
import type { LocalizeController } from '../i18n/localize.js';

const LEVEL_TERMS = {
  off: 'noiseSuppressionOff',
  browser: 'noiseSuppressionBrowser',
  strong: 'noiseSuppressionStrong',
} as const satisfies Record<NoiseSuppression, string>;

/**
 * The noise suppression choice (part `noise-suppression`): off, standard (the browser's own) or
 * strong (RNNoise). Where the browser cannot run the strong one, that option is disabled and a
 * line under the list (part `noise-suppression-reason`, which describes the list) says why.
 */
export function noiseChoice(localize: LocalizeController, level: NoiseSuppression, choose: (level: NoiseSuppression) => void) {
  const strong = canSuppressNoiseStrongly();
  return html`<div class="noise-choice">
    <label for="noise-suppression">${localize.term('noiseSuppression')}</label>
    <select id="noise-suppression" part="noise-suppression" aria-describedby=${strong ? nothing : 'noise-suppression-reason'}
      @change=${(event: Event) => choose((event.target as HTMLSelectElement).value as NoiseSuppression)}>
      ${NOISE_SUPPRESSION_LEVELS.map(
        (value) =>
          html`<option value=${value} ?selected=${value === level} ?disabled=${value === 'strong' && !strong}>${localize.term(LEVEL_TERMS[value])}</option>`,
      )}
    </select>
    ${strong ? nothing : html`<p id="noise-suppression-reason" part="noise-suppression-reason">${localize.term('noiseSuppressionUnavailable')}</p>`}
  </div>`;
}

export const noiseChoiceStyles = css`
  .noise-choice {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
  }
  .noise-choice label {
    font-size: 0.875rem;
    color: var(--_text-muted);
  }
  .noise-choice select {
    ${selectField}
  }
  .noise-choice p {
    margin: 0;
    font-size: 0.875rem;
  }
`;
