import { css } from 'lit';

/**
 * Public tokens, each `--visio-*` variable feeding a private `--_*` one. Light by default, dark
 * when the page prefers it; a host can set any of them.
 */
export const tokens = css`
  :host {
    --_bg: var(--visio-background, #f4f5f7);
    --_surface: var(--visio-surface, #ffffff);
    --_tile-bg: var(--visio-tile-background, #2b2f36);
    --_text: var(--visio-text, #161a1f);
    --_text-muted: var(--visio-text-muted, #5b6370);
    --_accent: var(--visio-accent, #000091);
    --_accent-text: var(--visio-accent-text, #ffffff);
    --_danger: var(--visio-danger, #c9191e);
    --_danger-text: var(--visio-danger-text, #ffffff);
    --_speaking: var(--visio-speaking-color, #3fbf7f);
    --_focus: var(--visio-focus-color, #0a76f6);
    --_radius: var(--visio-radius, 0.75rem);
    --_gap: var(--visio-gap, 0.5rem);
    --_font: var(--visio-font-family, system-ui, -apple-system, 'Segoe UI', sans-serif);
    font-family: var(--_font);
    color: var(--_text);
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_bg: var(--visio-background, #15171b);
      --_surface: var(--visio-surface, #22252b);
      --_tile-bg: var(--visio-tile-background, #30343b);
      --_text: var(--visio-text, #eef0f3);
      --_text-muted: var(--visio-text-muted, #a6adb8);
      --_accent: var(--visio-accent, #8585f6);
      --_accent-text: var(--visio-accent-text, #000000);
    }
  }
`;

export const focusRing = css`
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
`;

export const visuallyHidden = css`
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
`;

/** Round buttons of the control bar and the call screens. */
export const buttons = css`
  button {
    font: inherit;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.5rem;
    min-height: 2.75rem;
    min-width: 2.75rem;
    padding: 0 1rem;
    border: none;
    border-radius: 999px;
    background: var(--_surface);
    color: var(--_text);
    cursor: pointer;
  }
  button:disabled {
    opacity: 0.6;
    cursor: default;
  }
  button.primary {
    background: var(--_accent);
    color: var(--_accent-text);
  }
  button.danger {
    background: var(--_danger);
    color: var(--_danger-text);
  }
  svg {
    width: 1.25rem;
    height: 1.25rem;
    flex: none;
  }
`;

/** What every element made of buttons starts from. */
export const controlStyles = [tokens, focusRing, buttons];

/** A single button element that sits inline in a bar. */
export const inlineControlStyles = [
  ...controlStyles,
  css`
    :host {
      display: inline-block;
    }
  `,
];
