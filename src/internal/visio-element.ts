import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { ThemeController } from '../controllers/theme-controller.js';
import { unknownError, type VisioError } from '../core/errors.js';
import type { VisioTheme } from '../core/theme.js';
import { VisioErrorEvent } from '../events/visio-error.js';
import { LocalizeController } from '../i18n/localize.js';
import { stylesFor } from './foreign-styles.js';

/** What every element shares: strings in the right language, and errors reported one way. */
export class VisioElement extends LitElement {
  protected readonly localize = new LocalizeController(this);

  constructor() {
    super();
    // Reported once: by the outermost visio element, not again by those inside it that speak its language.
    this.localize.languageFailed = (error) => {
      const outer = visioAncestor(this);
      if (outer?.localize.lang !== this.localize.lang) this.languageFailed(error);
    };
  }

  /**
   * The language of the element's text (`fr`, `en`, …). Unset, it follows the nearest ancestor's
   * `lang`, then the page's. Reactive, so changing it re-renders at once.
   */
  @property({ reflect: true }) override lang!: string;

  /**
   * The palette: `light`, `dark`, `auto` (follows the system's `prefers-color-scheme`), `dsfr` or
   * `lasuite` (the page's design-system variables, following its own light/dark switch). Unset, the
   * element wears the theme of the visio element around it, else `auto`.
   */
  @property({ reflect: true }) theme?: VisioTheme;

  /** Follows the page's design system between light and dark (`theme="dsfr|lasuite"`). */
  protected readonly themeController = new ThemeController(this);

  /**
   * In another window's document (the call's pop-out), the styles are made again for that
   * document: it cannot adopt the page's constructed stylesheets.
   */
  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    const view = this.ownerDocument.defaultView;
    if (!view || view === window) return super.createRenderRoot();
    const element = this.constructor as typeof LitElement;
    const root = this.shadowRoot ?? this.attachShadow(element.shadowRootOptions);
    root.adoptedStyleSheets = stylesFor(view, element.elementStyles);
    return root;
  }

  /**
   * Fires `visio-error` with the code and the message the user sees. Returns the message so the
   * element can show it. Core classifies every failure as a `VisioError`; anything else (a bug) is
   * reported as `unknown`.
   */
  protected reportError(failure: unknown): string {
    const error = unknownError(failure);
    const message = this.localize.error(error.code);
    this.dispatchEvent(new VisioErrorEvent({ code: error.code, message, error }));
    return message;
  }

  /**
   * The file of the element's language could not be loaded (`chunk-load-failed`): it speaks English,
   * and fires `visio-error` once. Elements with a place for messages also show it.
   */
  protected languageFailed(error: VisioError): void {
    this.reportError(error);
  }

  /**
   * Defines the element once. A second copy of the library on the page warns instead of
   * throwing, so two embeds never break each other.
   */
  static define(tag: string, registry: CustomElementRegistry = customElements): void {
    const existing = registry.get(tag);
    if (!existing) {
      registry.define(tag, this);
    } else if (existing !== this) {
      console.warn(`visio-elements: <${tag}> is already defined by another copy of the library; keeping the first one.`);
    }
  }
}

/** The nearest visio element holding `element`, in its children or its shadow tree. */
function visioAncestor(element: Element): VisioElement | undefined {
  for (let node = element.parentNode; node; node = node instanceof ShadowRoot ? node.host : node.parentNode) {
    if (node instanceof VisioElement) return node;
  }
  return undefined;
}
