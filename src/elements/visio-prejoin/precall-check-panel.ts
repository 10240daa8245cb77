import { css, html, nothing } from 'lit';
import type { PrecallCheckResult } from '../../core/precall-check.js';

export type PrecallTermKey =
  | 'precheckTitle'
  | 'precheckChecking'
  | 'precheckUdp'
  | 'precheckTcp'
  | 'precheckRelay'
  | 'precheckRoundTrip'
  | 'precheckMediaBlocked'
  | 'precheckUnreachable'
  | 'precheckUntested'
  | 'microphoneChecking'
  | 'microphoneSound'
  | 'microphoneSilent'
  | 'microphoneUnknown'
  | 'precheckAgain';

type Term = (key: PrecallTermKey, values?: { ms: number }) => string;

/** The words for the connection part of a result (none before it ran). */
function connectionWords({ connection }: PrecallCheckResult, term: Term): string[] {
  switch (connection.status) {
    case 'idle':
      return [];
    case 'checking':
      return [term('precheckChecking')];
    case 'reachable': {
      const route = term(connection.transport === 'tcp' ? 'precheckTcp' : connection.transport === 'relay' ? 'precheckRelay' : 'precheckUdp');
      return connection.roundTripTime === undefined ? [route] : [route, term('precheckRoundTrip', { ms: connection.roundTripTime })];
    }
    case 'media-blocked':
      return [term('precheckMediaBlocked')];
    case 'unreachable':
      return [term('precheckUnreachable')];
    default:
      return [term('precheckUntested')];
  }
}

const MICROPHONE_TERMS = { checking: 'microphoneChecking', sound: 'microphoneSound', silent: 'microphoneSilent', unknown: 'microphoneUnknown' } as const;

/**
 * The prejoin's pre-call check, in words: the connection to the video server (over what, the
 * round-trip time), the microphone (silent or not), in a polite live region, and a "Check again"
 * button. A silent microphone reads as a warning.
 */
export function renderPrecallCheck(result: PrecallCheckResult | undefined, term: Term, again: () => void) {
  if (!result) return nothing;
  const microphone = result.microphone.status in MICROPHONE_TERMS ? MICROPHONE_TERMS[result.microphone.status as keyof typeof MICROPHONE_TERMS] : undefined;
  return html`<section class="precheck" part="precheck" aria-labelledby="precheck-title">
    <h3 id="precheck-title">${term('precheckTitle')}</h3>
    <div role="status" part="precheck-status">
      ${connectionWords(result, term).map((text) => html`<p data-check="connection">${text}</p>`)}
      ${microphone ? html`<p data-check="microphone" class=${microphone === 'microphoneSilent' ? 'warning' : ''}>${term(microphone)}</p>` : nothing}
    </div>
    <button part="precheck-button" @click=${again}>${term('precheckAgain')}</button>
  </section>`;
}

export const precallCheckStyles = css`
  .precheck {
    display: grid;
    gap: 0.25rem;
    justify-items: start;
    font-size: 0.875rem;
  }
  .precheck h3 {
    margin: 0;
    font-size: 0.875rem;
  }
  .precheck p {
    margin: 0;
  }
  .precheck .warning {
    padding: 0.25rem 0.5rem;
    border-inline-start: 4px solid var(--_danger);
    background: var(--_surface);
    font-weight: 600;
  }
`;
