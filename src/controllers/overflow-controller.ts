import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { fitRow } from '../core/overflow.js';

/**
 * One item of the control bar's "more" menu, for a control that no longer fits in the bar. A
 * slotted control with a `menuEntries(): MenuEntry[]` method gives its own items (as
 * `<visio-reactions>` does, one per emoji); others become one item made from their button.
 */
export interface MenuEntry {
  /** The accessible name. */
  label: string;
  /** Shown before the name (an emoji). */
  symbol?: string;
  /** A toggle's state: the item is a `menuitemcheckbox` when set. */
  checked?: boolean;
  /** Shown but not operable now (`aria-disabled`). */
  disabled?: boolean;
  /** The items that share this label are grouped under it (`role=group`). */
  group?: string;
  run(): void;
}

/** A control that says itself what it becomes in a "more" menu (`<visio-reactions>`: one item per emoji). */
export interface HasMenuEntries {
  menuEntries(): MenuEntry[];
}

/** An item of the row and how long it stays in it (`Infinity`: always). */
export interface RowControl {
  element: HTMLElement;
  priority: number;
}

/** Set on a control that moved into the "more" menu; the row's styles hide it. */
export const MOVED = 'data-visio-moved';

/** A control moved to the menu, as a menu item: what it says of itself, else its button (name, `aria-pressed`, click). */
export function menuEntriesOf(element: HTMLElement): MenuEntry[] {
  if ('menuEntries' in element && typeof element.menuEntries === 'function') return (element as unknown as HasMenuEntries).menuEntries();
  const button = element instanceof HTMLButtonElement ? element : element.shadowRoot?.querySelector('button');
  if (!button) return [];
  const label = button.getAttribute('aria-label') ?? button.textContent?.trim() ?? '';
  const pressed = button.getAttribute('aria-pressed');
  return [{ label, ...(pressed ? { checked: pressed === 'true' } : {}), disabled: button.disabled, run: () => button.click() }];
}

/**
 * Keeps a row of controls on one line: measures the row and each control (a `ResizeObserver`),
 * and when they do not all fit, marks the least important ones with `data-visio-moved` so that the
 * host hides them and lists them in its "more" menu (`moved`). Widths of hidden controls are the
 * last ones measured. While some are moved, changes to their names and states re-render the host.
 */
export class OverflowController implements ReactiveController {
  /** The controls now in the menu, in row order. */
  moved: HTMLElement[] = [];
  private readonly widths = new WeakMap<Element, number>();
  private readonly resize = new ResizeObserver(() => this.schedule());
  private readonly mutations = new MutationObserver(() => this.host.requestUpdate());
  private frame = 0;
  private observed = new Set<HTMLElement>();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly parts: { row: () => HTMLElement | null; more: () => HTMLElement | null; controls: () => RowControl[] },
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.schedule();
  }

  hostUpdated(): void {
    this.observe();
  }

  hostDisconnected(): void {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.resize.disconnect();
    this.mutations.disconnect();
    this.observed.clear();
  }

  /** Measures again on the next frame (the row's slot changed, a control appeared). */
  schedule(): void {
    if (this.frame) return;
    // Not inside the ResizeObserver callback: hiding controls there would resize what it watches.
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.observe();
      this.fit();
    });
  }

  private observe(): void {
    const elements = [this.parts.row(), this.parts.more(), ...this.parts.controls().map(({ element }) => element)].filter(
      (each): each is HTMLElement => !!each,
    );
    for (const element of this.observed) {
      if (elements.includes(element)) continue;
      this.observed.delete(element);
      this.resize.unobserve(element);
    }
    for (const element of elements) {
      if (this.observed.has(element)) continue;
      this.observed.add(element);
      this.resize.observe(element);
    }
  }

  private fit(): void {
    const row = this.parts.row();
    if (!row || !row.isConnected) return;
    const controls = this.parts.controls();
    for (const { element } of controls) {
      const width = element.getBoundingClientRect().width;
      if (width > 0 && !element.hasAttribute(MOVED)) this.widths.set(element, width);
    }
    const more = this.parts.more();
    const moreWidth = more?.getBoundingClientRect().width || this.widths.get(row) || 44;
    if (more && moreWidth > 0) this.widths.set(row, moreWidth);
    const style = getComputedStyle(row);
    const available = row.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const gap = parseFloat(style.columnGap) || 0;
    const kept = fitRow(
      controls.map(({ element, priority }) => ({ width: this.widths.get(element) ?? 0, priority })),
      available,
      moreWidth,
      gap,
    );
    const moved = controls.filter((_, index) => !kept[index]).map(({ element }) => element);
    for (const { element } of controls) element.toggleAttribute(MOVED, moved.includes(element));
    if (moved.length === this.moved.length && moved.every((element, index) => element === this.moved[index])) return;
    this.moved = moved;
    this.watchMoved();
    this.host.requestUpdate();
  }

  /** A moved toggle pressed from elsewhere (a shortcut, the host) shows its new state in the menu. */
  private watchMoved(): void {
    this.mutations.disconnect();
    const options = { attributes: true, subtree: true, attributeFilter: ['aria-pressed', 'aria-label', 'aria-expanded', 'disabled'] };
    for (const element of this.moved) {
      this.mutations.observe(element, options);
      if (element.shadowRoot) this.mutations.observe(element.shadowRoot, options);
    }
  }
}
