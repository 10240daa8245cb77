import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { VisioErrorCode } from '../core/errors.js';
import type { Translation } from './en.js';
import { format, resolveLanguage, translations, type Values } from './translations.js';

type TermKey = Exclude<keyof Translation, '$code' | '$name' | 'errors'>;

/** One `lang` watcher per document or shadow root, shared by every element that depends on it. */
interface LangWatch {
  observer: MutationObserver;
  hosts: Set<ReactiveControllerHost>;
}
const langWatches = new WeakMap<Node, LangWatch>();

/** Re-renders `host` when a `lang` attribute changes anywhere under `root`. Returns the undo. */
function watchLang(root: Node, host: ReactiveControllerHost): () => void {
  let watch = langWatches.get(root);
  if (!watch) {
    const hosts = new Set<ReactiveControllerHost>();
    const observer = new MutationObserver(() => hosts.forEach((each) => each.requestUpdate()));
    observer.observe(root, { attributes: true, attributeFilter: ['lang'], subtree: true });
    watch = { observer, hosts };
    langWatches.set(root, watch);
  }
  const current = watch;
  current.hosts.add(host);
  return () => {
    current.hosts.delete(host);
    if (current.hosts.size > 0) return;
    current.observer.disconnect();
    if (langWatches.get(root) === current) langWatches.delete(root);
  };
}

/**
 * Gives an element its strings in the right language: its own `lang`, else the nearest
 * ancestor's (across shadow roots), else the page's. Follows changes to any of them at run time.
 */
export class LocalizeController implements ReactiveController {
  private unwatch: Array<() => void> = [];

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostConnected(): void {
    this.observe();
  }

  hostDisconnected(): void {
    this.unwatch.splice(0).forEach((undo) => undo());
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
   * may gain, lose or change the `lang` that applies. The watchers are shared per root, so a call
   * with many tiles keeps a handful of observers, not one per element.
   */
  private observe(): void {
    this.unwatch.splice(0).forEach((undo) => undo());
    let root: Node = this.host.getRootNode();
    for (;;) {
      this.unwatch.push(watchLang(root, this.host));
      if (!(root instanceof ShadowRoot)) break;
      root = root.host.getRootNode();
    }
  }
}
