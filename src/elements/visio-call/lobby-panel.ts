import { css, html, nothing } from 'lit';
import type { WaitingParticipant } from '../../core/backends/backend.js';

type Term = (key: 'lobbyTitle' | 'admit' | 'deny' | 'admitName' | 'denyName' | 'someone', values?: { name: string }) => string;

/**
 * For hosts, over the call while someone waits: who, each with an Admit and a Deny button named
 * with their name. Names are untrusted text (rendered as text).
 */
export function renderLobbyPanel(waiting: readonly WaitingParticipant[], term: Term, decide: (id: string, allow: boolean) => void) {
  if (!waiting.length) return nothing;
  return html`<section part="lobby" class="lobby" aria-labelledby="lobby-title">
    <h2 id="lobby-title">${term('lobbyTitle')} (${waiting.length})</h2>
    <ul>
      ${waiting.map((person) => {
        const name = person.name || term('someone');
        return html`<li part="lobby-entry" data-waiting-id=${person.id}>
          <span class="lobby-name">${name}</span>
          <button part="admit-button" class="primary" aria-label=${term('admitName', { name })} @click=${() => decide(person.id, true)}>${term('admit')}</button>
          <button part="deny-button" aria-label=${term('denyName', { name })} @click=${() => decide(person.id, false)}>${term('deny')}</button>
        </li>`;
      })}
    </ul>
  </section>`;
}

export const lobbyStyles = css`
  .lobby {
    position: absolute;
    top: var(--_gap);
    right: var(--_gap);
    z-index: 2;
    max-width: min(24rem, calc(100% - 2 * var(--_gap)));
    max-height: calc(100% - 2 * var(--_gap));
    overflow-y: auto;
    padding: 0.75rem;
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    box-shadow: 0 2px 12px rgb(0 0 0 / 0.25);
  }
  .lobby h2 {
    margin: 0 0 0.5rem;
    font-size: 1rem;
  }
  .lobby ul {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .lobby li {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    padding: 0.25rem 0;
  }
  .lobby-name {
    flex: 1;
    min-width: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .lobby button {
    min-height: 2.25rem;
    padding: 0 0.75rem;
  }
`;
