import { css } from 'lit';

export const captionsStyles = css`
  /* The lines, and beside them the settings button; the settings open above. */
  :host {
    position: relative;
    display: flex;
    align-items: flex-end;
    justify-content: center;
    gap: 0.25rem;
    pointer-events: none;
    --_cap-bg: var(--visio-captions-background, rgb(0 0 0 / 0.8));
    --_cap-fg: var(--visio-captions-color, #ffffff);
    --_cap-size: var(--visio-captions-font-size, 1.25rem);
  }
  :host([colors='yellow']) {
    --_cap-bg: var(--visio-captions-background, rgb(0 0 0 / 0.85));
    --_cap-fg: var(--visio-captions-color, #ffe14d);
  }
  :host([colors='dark']) {
    --_cap-bg: var(--visio-captions-background, rgb(255 255 255 / 0.92));
    --_cap-fg: var(--visio-captions-color, #000000);
  }
  :host([size='small']) {
    --_cap-size: var(--visio-captions-font-size, 1rem);
  }
  :host([size='large']) {
    --_cap-size: var(--visio-captions-font-size, 1.75rem);
  }
  .captions {
    max-width: min(60rem, 100%);
    padding: 0.5rem 1rem;
    border-radius: var(--_radius);
    background: var(--_cap-bg);
    color: var(--_cap-fg);
    font-size: var(--_cap-size);
    line-height: 1.35;
  }
  .captions p {
    margin: 0;
  }
  .speaker {
    font-weight: 700;
  }
  .interim {
    opacity: 0.85;
  }
  .waiting {
    font-size: 0.875rem;
  }
  .tools {
    pointer-events: auto;
  }
  [part='settings-button'] {
    min-height: 2.25rem;
    min-width: 2.25rem;
    padding: 0;
  }
  .settings {
    position: absolute;
    inset-inline-end: 0;
    bottom: calc(100% + 0.25rem);
    box-shadow: 0 2px 8px rgb(0 0 0 / 0.25);
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 0.5rem;
    align-items: center;
    justify-content: center;
    font-size: 0.875rem;
    background: var(--_surface);
    color: var(--_text);
    border-radius: var(--_radius);
    padding: 0.25rem 0.5rem;
  }
  .settings button {
    min-height: 2rem;
    padding: 0 0.75rem;
  }
  .settings[hidden] {
    display: none;
  }
  select {
    font: inherit;
    margin-inline-start: 0.25rem;
  }
`;
