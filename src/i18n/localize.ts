import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { VisioErrorCode } from '../core/errors.js';
import type { Translation } from './en.js';
import { format, resolveLanguage, translations, type Values } from './translations.js';

type TermKey = Exclude<keyof Translation, '$code' | '$name' | 'errors'>;

/**
 * Gives an element its strings in the right language: its own `lang`, else the nearest
 * ancestor's (across shadow roots), else the page's. Follows changes to any of them at run time.
 */
export class LocalizeController implements ReactiveController {
  private observer?: MutationObserver;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostConnected(): void {
    this.observer = new MutationObserver(() => this.host.requestUpdate());
    this.observe();
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = undefined;
  }

  /** The language in use, one of the shipped ones. */
  get lang(): string {
    return resolveLanguage(this.langSource()?.lang || navigator.language);
  }

  term(key: TermKey, values?: Values): string {
    const lang = this.lang;
    return format(translations[lang][key] ?? translations.en[key], lang, values);
  }

  error(code: VisioErrorCode): string {
    const lang = this.lang;
    return format(translations[lang].errors[code] ?? translations.en.errors[code], lang);
  }

  /**
   * The nearest element, from the host up through shadow hosts, with a language. Reads the `lang`
   * property: on our elements it is reactive and set before its attribute is reflected.
   */
  private langSource(): HTMLElement | undefined {
    let node: Node | null = this.host;
    while (node) {
      if (node instanceof HTMLElement && node.lang) return node;
      node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
    }
    return undefined;
  }

  /**
   * Watches `lang` anywhere in the document and in each shadow root around the host: any of them
   * may gain, lose or change the `lang` that applies.
   */
  private observe(): void {
    const observer = this.observer;
    if (!observer) return;
    let root: Node = this.host.getRootNode();
    for (;;) {
      observer.observe(root, { attributes: true, attributeFilter: ['lang'], subtree: true });
      if (!(root instanceof ShadowRoot)) break;
      root = root.host.getRootNode();
    }
  }
}
