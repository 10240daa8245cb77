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
