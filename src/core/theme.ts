/**
 * Themes: which palette an element wears, and whether the page's own design system (the DSFR, La
 * Suite's Cunningham tokens) is in its dark theme. Only the page's switches are read here; the
 * palettes themselves are CSS (src/styles/shared.ts).
 */
import type { Unsubscribe } from './subscribe.js';

/** Host design systems whose CSS variables the tokens can map onto. */
export type DesignSystem = 'dsfr' | 'lasuite';

/**
 * `light`, `dark`, `auto` (follows `prefers-color-scheme`), or a host design system: `dsfr`
 * (follows `data-fr-theme` on `<html>`) or `lasuite` (follows the `cunningham-theme--dark` class
 * on `<html>`).
 */
export type VisioTheme = 'light' | 'dark' | 'auto' | DesignSystem;

export const DESIGN_SYSTEM_NAMES: readonly DesignSystem[] = ['dsfr', 'lasuite'];

export function isDesignSystem(theme: string | undefined): theme is DesignSystem {
  return (DESIGN_SYSTEM_NAMES as readonly (string | undefined)[]).includes(theme);
}

/** How each design system says "dark" on the page's root element. */
const switches: Record<DesignSystem, { attribute: string; dark(root: Element): boolean }> = {
  // The DSFR's script writes the resolved theme (`light` or `dark`) in data-fr-theme.
  dsfr: { attribute: 'data-fr-theme', dark: (root) => root.getAttribute('data-fr-theme') === 'dark' },
  // Cunningham's build redeclares its variables under `.cunningham-theme--dark`, which La Suite's
  // apps put on <html>.
  lasuite: { attribute: 'class', dark: (root) => root.classList.contains('cunningham-theme--dark') },
};

/**
 * Calls `emit` with whether `system` is dark on the page now, then at each change of its switch on
 * `root` (the page's `<html>` by default), until unsubscribed.
 */
export function observeDesignSystemDark(system: DesignSystem, emit: (dark: boolean) => void, root: Element = document.documentElement): Unsubscribe {
  const { attribute, dark } = switches[system];
  let last = dark(root);
  emit(last);
  const observer = new MutationObserver(() => {
    const now = dark(root);
    if (now === last) return;
    last = now;
    emit(now);
  });
  observer.observe(root, { attributes: true, attributeFilter: [attribute] });
  return () => observer.disconnect();
}
