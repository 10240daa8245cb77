import { nothing, type ElementPart } from 'lit';
import { Directive, directive, PartType, type PartInfo } from 'lit/directive.js';
import { loadChunk, type VisioError } from '../core/errors.js';

/**
 * Elements a build defines only when first needed. The self-contained bundle registers a loader
 * per tag (a dynamic `import()` of a chunk beside it, see src/bundle.ts) for what a call's first
 * frame does not need; the ESM build defines every element up front and registers none, so there
 * `lazy()` and `ensureDefined()` do nothing.
 */
const loaders = new Map<string, () => Promise<unknown>>();
const loading = new Map<string, Promise<void>>();

/** Registers the loaders (each imports the element's module and defines its tag). */
export function registerLazyElements(entries: Record<string, () => Promise<unknown>>): void {
  for (const [tag, load] of Object.entries(entries)) loaders.set(tag, load);
}

/**
 * Defines `tag` if a loader was registered for it and it is not defined yet. Resolves once it is
 * defined; rejects with `chunk-load-failed` if its chunk could not be loaded. A later call imports
 * again, but browsers keep a module that failed as failed until the page is reloaded.
 */
export function ensureDefined(tag: string): Promise<void> {
  const load = loaders.get(tag);
  if (!load || customElements.get(tag)) return Promise.resolve();
  let pending = loading.get(tag);
  if (!pending) {
    pending = loadChunk(`<${tag}>`, load).then(
      () => undefined,
      (error: unknown) => {
        loading.delete(tag);
        throw error;
      },
    );
    loading.set(tag, pending);
  }
  return pending;
}

/**
 * Defines, when the page shows them, the lazy elements a host writes in its own markup (outside
 * our shadow roots): those present now and those added later.
 */
export function defineWhenFound(root: Document = document): void {
  const scan = (node: ParentNode) => {
    for (const tag of loaders.keys()) {
      if (customElements.get(tag)) continue;
      if ((node instanceof Element && node.localName === tag) || node.querySelector(tag)) void ensureDefined(tag).catch(reportLoadFailure);
    }
  };
  scan(root);
  const observer = new MutationObserver((records) => {
    for (const record of records) record.addedNodes.forEach((node) => node instanceof Element && scan(node));
    // Once every lazy element is defined, there is nothing left to look for.
    if ([...loaders.keys()].every((tag) => customElements.get(tag))) observer.disconnect();
  });
  observer.observe(root, { childList: true, subtree: true });
}

function reportLoadFailure(error: unknown): void {
  console.error('visio-elements: could not load an element', error);
}

/** What a template is told when an element's chunk could not be loaded. */
export type LazyFailure = (tag: string, error: VisioError) => void;

/**
 * `<visio-chat ${lazy(onFailed)}>`: defines the element (loads its chunk) the first time a template
 * renders it. Until then it is an empty unknown element, upgraded in place once defined. A chunk
 * that cannot be loaded is a `chunk-load-failed` error given to `onFailed`: the host reports
 * it, shows its message and does without the element.
 */
class LazyDirective extends Directive {
  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('lazy() goes on an element.');
  }

  render(_onFailed: LazyFailure) {
    return nothing;
  }

  /** Asked once per element rendered: a template rendered again while its chunk loads reports a failure once. */
  private asked = false;

  override update(part: ElementPart, [onFailed]: [LazyFailure]) {
    if (this.asked) return nothing;
    this.asked = true;
    const tag = part.element.localName;
    ensureDefined(tag).catch((error: VisioError) => {
      reportLoadFailure(error);
      onFailed(tag, error);
    });
    return nothing;
  }
}

export const lazy = directive(LazyDirective);
