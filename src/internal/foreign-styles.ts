import type { CSSResultOrNative } from 'lit';

/** Per other window (a Document Picture-in-Picture window): each style made again there, once. */
const made = new WeakMap<Window, WeakMap<CSSResultOrNative, CSSStyleSheet>>();

type WindowWithSheets = Window & { CSSStyleSheet: typeof CSSStyleSheet };

/**
 * `styles` as constructable stylesheets of the window `view`. A constructed stylesheet belongs to
 * the document it was made for: another document (the pop-out window's) cannot adopt the page's,
 * so each is made again from its text in that window. Constructed stylesheets are CSSOM, allowed
 * under a strict CSP (no `style-src 'unsafe-inline'` needed), unlike `<style>` elements.
 */
export function stylesFor(view: Window, styles: readonly CSSResultOrNative[]): CSSStyleSheet[] {
  let sheets = made.get(view);
  if (!sheets) made.set(view, (sheets = new WeakMap()));
  return styles.map((style) => {
    let sheet = sheets.get(style);
    if (!sheet) {
      sheet = new (view as WindowWithSheets).CSSStyleSheet();
      sheet.replaceSync(style instanceof CSSStyleSheet ? [...style.cssRules].map((rule) => rule.cssText).join('\n') : style.cssText);
      sheets.set(style, sheet);
    }
    return sheet;
  });
}
