import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { VisioError, VisioErrorCode } from '../core/errors.js';
import { all, listen, type Unsubscribe } from '../core/subscribe.js';
import type { Translation } from './en.js';
import { directionOf, format, formatNumber, prepareFormats, resolveLanguage, translationEvents, translationFor, type Values } from './translations.js';

type TermKey = Exclude<keyof Translation, '$code' | '$name' | '$dir' | 'errors'>;

/** The `dir` each element was given by its controller (not by the page), so the walk up skips it. */
const ownDir = new WeakMap<Element, string>();

/** One `lang`/`dir` watcher per document or shadow root, shared by every element that depends on it. */
interface LangWatch {
  observer: MutationObserver;
  hosts: Set<ReactiveControllerHost>;
}
const langWatches = new WeakMap<Node, LangWatch>();

/** Re-renders `host` when a `lang` or `dir` attribute changes anywhere under `root`. Returns the undo. */
function watchLang(root: Node, host: ReactiveControllerHost): () => void {
  let watch = langWatches.get(root);
  if (!watch) {
    const hosts = new Set<ReactiveControllerHost>();
    const observer = new MutationObserver((records) => {
      // The `dir` our controllers set follows from the rest: it needs no second pass.
      const fromPage = records.some(
        (record) => !(record.attributeName === 'dir' && ownDir.get(record.target as Element) === (record.target as Element).getAttribute('dir')),
      );
      if (fromPage) hosts.forEach((each) => each.requestUpdate());
    });
    observer.observe(root, { attributes: true, attributeFilter: ['lang', 'dir'], subtree: true });
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
 * ancestor's (across shadow roots), else the first of the browser's languages we have, else
 * English. Follows changes to any of them at run time, and languages that arrive later: a
 * language not loaded yet shows English until its strings arrive, then re-renders.
 *
 * Also gives the host its direction (`dir`): the nearest `dir` set by the page, unless a nearer
 * `lang` says otherwise (`ar` is right to left), so that `:dir(rtl)` and logical CSS properties
 * mirror the layout.
 */
export class LocalizeController implements ReactiveController {
  private unwatch: Unsubscribe[] = [];

  /**
   * Called when the file of the language in use could not be loaded (`chunk-load-failed`; English
   * shows instead). Set by `VisioElement`: the outermost visio element reports it to the page.
   */
  languageFailed?: (error: VisioError) => void;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostConnected(): void {
    this.observe();
    prepareFormats(this.lang);
  }

  hostDisconnected(): void {
    this.unwatch.splice(0).forEach((undo) => undo());
  }

  hostUpdate(): void {
    const dir = this.dir;
    const current = this.host.getAttribute('dir');
    if (current !== null && ownDir.get(this.host) !== current) return; // the page's choice
    if (current === dir) return;
    ownDir.set(this.host, dir);
    this.host.setAttribute('dir', dir);
  }

  /** The language in use: one we ship or the host registered (its strings may still be loading). */
  get lang(): string {
    return resolveLanguage(this.langSource()?.lang);
  }

  /** The direction of the text: the nearest of a `dir` set by the page and a `lang`. */
  get dir(): 'ltr' | 'rtl' {
    let node: Node | null = this.host;
    while (node) {
      if (node instanceof HTMLElement) {
        const dir = node.getAttribute('dir')?.toLowerCase();
        if ((dir === 'ltr' || dir === 'rtl') && ownDir.get(node) !== dir) return dir;
        if (node.lang) return directionOf(resolveLanguage(node.lang));
      }
      node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
    }
    return directionOf(this.lang);
  }

  term(key: TermKey, values?: Values): string {
    const strings = translationFor(this.lang);
    const fallback = translationFor('en');
    const term = strings[key] ?? fallback[key];
    return format(term, strings[key] === undefined ? 'en' : strings.$code, values);
  }

  error(code: VisioErrorCode): string {
    const strings = translationFor(this.lang);
    const term = strings.errors[code] ?? translationFor('en').errors[code];
    return format(term, strings.errors[code] === undefined ? 'en' : strings.$code);
  }

  /** A number written the language's way (`Intl.NumberFormat`). */
  number(value: number): string {
    return formatNumber(value, translationFor(this.lang).$code);
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
   * Watches `lang` and `dir` anywhere in the document and in each shadow root around the host:
   * any of them may gain, lose or change the one that applies. The watchers are shared per root,
   * so a call with many tiles keeps a handful of observers, not one per element. Also follows
   * languages arriving or registered, and the browser's languages changing.
   */
  private observe(): void {
    this.unwatch.splice(0).forEach((undo) => undo());
    const update = () => this.host.requestUpdate();
    this.unwatch.push(
      all(
        translationEvents.on('change', update),
        translationEvents.on('failed', ({ code, error }) => code === this.lang && this.languageFailed?.(error)),
        listen(window, 'languagechange', update),
      ),
    );
    let root: Node = this.host.getRootNode();
    for (;;) {
      this.unwatch.push(watchLang(root, this.host));
      if (!(root instanceof ShadowRoot)) break;
      root = root.host.getRootNode();
    }
  }
}
