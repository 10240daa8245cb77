import { css } from 'lit';

export const participantsStyles = css`
  :host {
    display: block;
    color: var(--_text);
  }
  h2 {
    margin: 0 0 var(--_gap);
    font-size: 1rem;
  }
  ul {
    list-style: none;
    margin: 0;
    /* A virtualised list keeps the height of the rows it does not render. */
    padding: calc(var(--_rows-before, 0) * var(--_row-pitch, 0px)) 0 calc(var(--_rows-after, 0) * var(--_row-pitch, 0px));
    display: grid;
    gap: 0.25rem;
  }
  li {
    display: flex;
    align-items: center;
    gap: var(--_gap);
    min-height: 2.25rem;
  }
  .name {
    flex: 1;
    min-width: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .state {
    display: inline-flex;
    color: var(--_text-muted);
  }
  .state.off {
    color: var(--_danger);
  }
  .state.hand {
    color: var(--visio-hand-color, #b34000);
  }
  .rename-form {
    flex: 1;
    display: flex;
    gap: 0.25rem;
    min-width: 0;
  }
  .rename-form input {
    flex: 1;
    min-width: 0;
    font: inherit;
  }
  button {
    font: inherit;
  }
  .role {
    font-size: 0.75rem;
    padding: 0 0.375rem;
    border: 1px solid currentColor;
    border-radius: 0.75rem;
    color: var(--_text-muted);
  }
  .menu-button {
    display: inline-grid;
    place-items: center;
    width: 2rem;
    height: 2rem;
    padding: 0;
    border: none;
    border-radius: 50%;
    background: transparent;
    color: inherit;
    cursor: pointer;
  }
  .menu {
    flex-basis: 100%;
    display: flex;
    flex-direction: column;
    gap: 0.125rem;
    padding: 0.25rem;
    border: 1px solid var(--_text-muted);
    border-radius: 0.5rem;
  }
  .moderation-item {
    padding: 0.375rem 0.5rem;
    border: none;
    border-radius: 0.375rem;
    background: transparent;
    color: inherit;
    text-align: start;
    cursor: pointer;
  }
  .moderation-item:hover {
    background: color-mix(in srgb, currentColor 12%, transparent);
  }
  .confirm {
    margin: 0;
    padding: 0.25rem 0.5rem;
  }
  li:has(.menu),
  li:has(.rename-error) {
    flex-wrap: wrap;
  }
  .rename-error {
    flex-basis: 100%;
    margin: 0;
    color: var(--_danger);
  }
  svg {
    width: 1.125rem;
    height: 1.125rem;
  }
`;
