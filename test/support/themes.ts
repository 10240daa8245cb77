// Helpers for theme tests: the colours the browser computed, and a page stylesheet on <html>.
import type { VisioCallElement } from '../../src/index.js';

/** `rgb(r, g, b)` as getComputedStyle writes a colour, from `#rrggbb`. */
export function rgb(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
}

/** The join button: the call's own (skip-prejoin, left, error) or the prejoin's. */
export function joinButton(call: VisioCallElement): HTMLButtonElement {
  const own = call.shadowRoot!.querySelector<HTMLButtonElement>('[part~="join-button"]');
  if (own) return own;
  return call.shadowRoot!.querySelector('visio-prejoin')!.shadowRoot!.querySelector<HTMLButtonElement>('[part~="join-button"]')!;
}

export const background = (element: Element) => getComputedStyle(element).backgroundColor;
export const foreground = (element: Element) => getComputedStyle(element).color;

/** Adds a stylesheet to the page's <head> (as a host page would load one); returns its removal. */
export function pageStyles(text: string): () => void {
  const style = document.createElement('style');
  style.textContent = text;
  document.head.append(style);
  return () => style.remove();
}

/**
 * A few variables under the DSFR's names, with our own test values (not the DSFR's), light on
 * `:root` and dark under `data-fr-theme="dark"`, as the DSFR's stylesheet does.
 */
export const DSFR_TEST_VARIABLES = `
  :root { --background-action-high-blue-france: #123456; --text-inverted-blue-france: #fefefe; --text-default-grey: #202020; }
  :root[data-fr-theme='dark'] { --background-action-high-blue-france: #a0c4ff; --text-inverted-blue-france: #010101; --text-default-grey: #f0f0f0; }
`;

/** The same for La Suite's Cunningham names: light on `html`, dark under `.cunningham-theme--dark`. */
export const LASUITE_TEST_VARIABLES = `
  html { --c--theme--colors--primary-action: #0b3d2e; --c--theme--colors--greyscale-000: #ffffff; }
  html.cunningham-theme--dark { --c--theme--colors--primary-action: #9be7c4; --c--theme--colors--greyscale-000: #000000; }
`;
