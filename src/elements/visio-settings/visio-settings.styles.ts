import { css } from 'lit';
import { selectField } from '../../styles/shared.js';

export const settingsStyles = css`
  :host {
    display: contents;
  }
  dialog {
    width: min(34rem, calc(100vw - 2rem));
    max-height: calc(100vh - 2rem);
    overflow-y: auto;
    padding: 0 calc(var(--_gap) * 3) calc(var(--_gap) * 3);
    border: none;
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    font-family: var(--_font);
    box-shadow: 0 8px 32px rgb(0 0 0 / 0.35);
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.5);
  }
  .header {
    position: sticky;
    top: 0;
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: var(--_gap);
    padding-block: var(--_gap);
    background: var(--_surface);
  }
  h2 {
    margin: 0;
    font-size: 1.25rem;
  }
  h3 {
    margin: calc(var(--_gap) * 2) 0 var(--_gap);
    font-size: 1rem;
  }
  section {
    display: grid;
    gap: var(--_gap);
  }
  /* Like the device and noise lists beside them: a muted label over the list. */
  .field {
    display: grid;
    gap: 0.25rem;
  }
  .field > span {
    font-size: 0.875rem;
    color: var(--_text-muted);
  }
  .field select {
    ${selectField}
  }
  .check {
    display: flex;
    align-items: center;
    gap: var(--_gap);
    min-height: 2.75rem;
  }
  .check input {
    width: 1.25rem;
    height: 1.25rem;
  }
  p {
    margin: 0;
    color: var(--_text-muted);
  }
  .keys {
    width: 100%;
    border-collapse: collapse;
  }
  .keys th,
  .keys td {
    padding: calc(var(--_gap) / 2) 0;
    text-align: start;
    font-weight: normal;
    vertical-align: middle;
  }
  .keys td {
    white-space: nowrap;
    padding-inline-start: var(--_gap);
  }
  kbd {
    display: inline-block;
    min-width: 1.5em;
    padding: 0.125rem 0.375rem;
    border: 1px solid currentColor;
    border-radius: 0.25rem;
    font: inherit;
    font-size: 0.875rem;
    text-align: center;
  }
  .edit button,
  .actions button {
    min-height: 2.75rem;
    border: 1px solid currentColor;
  }
  .edit {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_gap) / 2);
  }
  .record[aria-pressed='true'] {
    background: var(--_accent);
    color: var(--_accent-text);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_gap);
    margin-top: var(--_gap);
  }
  @media (max-width: 30rem) {
    .keys tr {
      display: grid;
    }
    .keys td {
      padding-inline-start: 0;
    }
  }
`;
