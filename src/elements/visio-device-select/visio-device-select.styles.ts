import { css } from 'lit';
import { selectField } from '../../styles/shared.js';

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
    ${selectField}
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
