import { css } from 'lit';

export const chatStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    min-height: 0;
    gap: var(--_gap);
  }
  ol {
    flex: 1;
    min-height: 0;
    overflow-y: auto;
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: 0.75rem;
  }
  p {
    margin: 0;
  }
  .meta {
    display: flex;
    gap: 0.5rem;
    align-items: baseline;
    font-size: 0.875rem;
  }
  .sender {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  time,
  .empty,
  .notice,
  .truncated {
    color: var(--_text-muted);
  }
  .notice,
  .truncated {
    font-style: italic;
  }
  .notice {
    font-size: 0.875rem;
    overflow-wrap: anywhere;
  }
  .text {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  a {
    color: inherit;
  }
  .error {
    color: var(--_danger);
  }
  form {
    display: flex;
    gap: var(--_gap);
  }
  input {
    flex: 1;
    min-width: 0;
    font: inherit;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--_text-muted);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
  }
`;
