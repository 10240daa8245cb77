import { noChange, nothing, type ElementPart } from 'lit';
import { Directive, directive, PartType, type PartInfo } from 'lit/directive.js';

/** Custom property names (`--_level`) to values; `undefined` or `null` removes one. */
export type CssProperties = Readonly<Record<`--${string}`, string | number | undefined | null>>;

/**
 * `<div ${cssProperties({ '--_level': 0.4 })}>`: sets custom properties on the element through
 * CSSOM (`style.setProperty`), on the first render too. Never writes a `style` attribute, so it
 * works on pages whose Content Security Policy has no `style-src 'unsafe-inline'` (lit's
 * `styleMap` writes the attribute on its first render, which such a page blocks).
 */
class CssPropertiesDirective extends Directive {
  private previous = new Set<string>();

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('cssProperties() goes on an element: <div ${cssProperties({...})}>.');
  }

  render(_properties: CssProperties) {
    return nothing;
  }

  override update(part: ElementPart, [properties]: [CssProperties]) {
    const style = (part.element as HTMLElement).style;
    const next = new Set<string>();
    for (const [name, value] of Object.entries(properties)) {
      if (value === undefined || value === null) continue;
      next.add(name);
      const text = String(value);
      if (style.getPropertyValue(name) !== text) style.setProperty(name, text);
    }
    for (const name of this.previous) if (!next.has(name)) style.removeProperty(name);
    this.previous = next;
    return noChange;
  }
}

export const cssProperties = directive(CssPropertiesDirective);
