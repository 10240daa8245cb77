import { css, unsafeCSS } from 'lit';
import { DESIGN_SYSTEM_NAMES, type DesignSystem } from '../core/theme.js';

/**
 * The public design tokens: each `--visio-<name>` custom property a host may set feeds the private
 * `--_<private>` one the styles use. Listed in the guide (docs/guide.md, "Design tokens").
 */
export const TOKENS = {
  background: 'bg',
  surface: 'surface',
  'tile-background': 'tile-bg',
  text: 'text',
  'text-muted': 'text-muted',
  accent: 'accent',
  'accent-text': 'accent-text',
  danger: 'danger',
  'danger-text': 'danger-text',
  'speaking-color': 'speaking',
  'focus-color': 'focus',
  radius: 'radius',
  gap: 'gap',
  'font-family': 'font',
} as const;

export type Token = keyof typeof TOKENS;
/** A value for every token, and the `color-scheme` native controls (fields, scroll bars) follow. */
export type Palette = Record<Token, string> & { scheme: 'light' | 'dark' };

const shape = {
  radius: '0.75rem',
  gap: '0.5rem',
  'font-family': "system-ui, -apple-system, 'Segoe UI', sans-serif",
};

/** Our own colours. Text on its background is at least 4.5:1 in both. */
export const light: Palette = {
  scheme: 'light',
  background: '#f4f5f7',
  surface: '#ffffff',
  'tile-background': '#2b2f36',
  text: '#161a1f',
  'text-muted': '#5b6370',
  accent: '#000091',
  'accent-text': '#ffffff',
  danger: '#c9191e',
  'danger-text': '#ffffff',
  'speaking-color': '#3fbf7f',
  'focus-color': '#0a76f6',
  ...shape,
};

export const dark: Palette = {
  ...light,
  scheme: 'dark',
  background: '#15171b',
  surface: '#22252b',
  'tile-background': '#30343b',
  text: '#eef0f3',
  'text-muted': '#a6adb8',
  accent: '#8585f6',
  'accent-text': '#000000',
};

/**
 * The host design systems' own CSS variables each token maps onto (`theme="dsfr"` and
 * `theme="lasuite"`), with our palette as the fallback. Only names: none of their code, fonts or
 * logos is bundled, and a page that does not load them gets our colours.
 *
 * DSFR: the page's `--background-*` / `--text-*` variables, which the DSFR changes with
 * `data-fr-theme` on `<html>`. La Suite (Cunningham, `@gouvfr-lasuite/ui-kit`): the
 * `--c--theme--colors--<name>` and `--c--theme--font--families--base` variables its build writes
 * on `html` and redeclares under `.cunningham-theme--dark` (see the colour names in
 * suitenumerique/messages `src/frontend/cunningham.ts` and the generated CSS in
 * suitenumerique/cunningham's tokens tests).
 */
export const DESIGN_SYSTEMS = {
  dsfr: {
    background: '--background-alt-grey',
    surface: '--background-raised-grey',
    text: '--text-default-grey',
    'text-muted': '--text-mention-grey',
    accent: '--background-action-high-blue-france',
    'accent-text': '--text-inverted-blue-france',
    danger: '--background-action-high-error',
    'danger-text': '--text-inverted-error',
    'speaking-color': '--background-action-high-success',
    'focus-color': '--focus',
  },
  lasuite: {
    background: '--c--theme--colors--greyscale-050',
    surface: '--c--theme--colors--greyscale-000',
    text: '--c--theme--colors--greyscale-text',
    'text-muted': '--c--theme--colors--greyscale-600',
    accent: '--c--theme--colors--primary-action',
    'accent-text': '--c--theme--colors--greyscale-000',
    danger: '--c--theme--colors--danger-action',
    'danger-text': '--c--theme--colors--danger-text',
    'speaking-color': '--c--theme--colors--success-600',
    'focus-color': '--c--theme--colors--primary-focus',
    'font-family': '--c--theme--font--families--base',
  },
} satisfies Record<DesignSystem, Partial<Record<Token, string>>>;

const entries = Object.entries(TOKENS) as Array<[Token, string]>;

/** `--_x: var(--visio-x, var(--_theme-x, <default>))` for every token. */
function resolved(defaults: Palette): string {
  return [
    ...entries.map(([token, name]) => `--_${name}: var(--visio-${token}, var(--_theme-${name}, ${defaults[token]}));`),
    `color-scheme: var(--_theme-scheme, ${defaults.scheme});`,
  ].join('\n');
}

/** The palette an element with a `theme` attribute hands down to everything inside it. */
function theme(palette: Palette, system?: DesignSystem): string {
  const names: Partial<Record<Token, string>> = system ? DESIGN_SYSTEMS[system] : {};
  return [
    ...entries.map(([token, name]) => {
      const variable = names[token];
      return `--_theme-${name}: ${variable ? `var(${variable}, ${palette[token]})` : palette[token]};`;
    }),
    `--_theme-scheme: ${palette.scheme};`,
  ].join('\n');
}

const designSystems = DESIGN_SYSTEM_NAMES.map(
  (system) => `
  :host([theme='${system}']) { ${theme(light, system)} }
  :host([theme='${system}']:state(dark)) { ${theme(dark, system)} }`,
).join('\n');

/**
 * Public tokens, each `--visio-*` variable feeding a private `--_*` one. Without a `theme`
 * attribute an element takes the palette of the element around it that has one, else follows
 * `prefers-color-scheme`. `theme="light|dark|auto"` chooses; `dsfr` and `lasuite` map the tokens
 * onto the page's design system (`:state(dark)` is set by ThemeController from the page's switch).
 * Under `forced-colors: active` the system colours win and borders show what shadows and fills
 * showed.
 */
export const tokens = css`
  :host {
    ${unsafeCSS(resolved(light))}
    font-family: var(--_font);
    color: var(--_text);
  }
  @media (prefers-color-scheme: dark) {
    :host {
      ${unsafeCSS(resolved(dark))}
    }
  }
  :host([theme='light']),
  :host([theme='auto']) {
    ${unsafeCSS(theme(light))}
  }
  :host([theme='dark']) {
    ${unsafeCSS(theme(dark))}
  }
  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      ${unsafeCSS(theme(dark))}
    }
  }
  ${unsafeCSS(designSystems)}
  @media (forced-colors: active) {
    :host {
      --_focus: Highlight;
      --_speaking: Highlight;
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

/** The declarations of a form's drop-down list (device, noise suppression): put inside a rule. */
export const selectField = css`
  font: inherit;
  min-height: 2.75rem;
  max-width: 100%;
  padding: 0 0.75rem;
  border: 1px solid var(--_text-muted);
  border-radius: var(--_radius);
  background: var(--_surface);
  color: var(--_text);
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
  /* Forced colours drop the fills: a border shows each button, the system highlight a pressed one. */
  @media (forced-colors: active) {
    button {
      border: 1px solid ButtonText;
    }
    /* Important: the elements' own pressed colours are more specific, and not system colours. */
    button[aria-pressed='true'] {
      forced-color-adjust: none;
      background: Highlight !important;
      color: HighlightText !important;
      border-color: Highlight;
    }
    button:disabled {
      color: GrayText;
      border-color: GrayText;
    }
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
