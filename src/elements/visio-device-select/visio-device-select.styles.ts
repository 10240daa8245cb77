import { css } from 'lit';

export const deviceSelectStyles = css`
  :host {
    display: inline-flex;
    flex-direction: column;
    gap: 0.25rem;
    min-width: 0;
  }
  :host([hidden]) {
    display: none;
  }
  label {
    font-size: 0.875rem;
    color: var(--_text-muted);
  }
  select {
    font: inherit;
    min-height: 2.75rem;
    max-width: 100%;
    padding: 0 0.75rem;
    border: 1px solid var(--_text-muted);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    text-overflow: ellipsis;
  }
  :host([compact]) select {
    max-width: 11rem;
    border-radius: 999px;
  }
  .notice {
    margin: 0;
    font-size: 0.875rem;
  }
`;
