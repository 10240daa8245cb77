import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { listen, type Unsubscribe } from '../core/subscribe.js';

const ITEMS = '[role="menuitem"], [role="menuitemcheckbox"], [role="menuitemradio"]';

/**
 * A menu button (WAI-ARIA's menu button pattern): `open`, and keydown handlers for the button and
 * the menu. Enter, Space or Down on the button open the menu on its first item, Up on its last;
 * Up, Down, Home and End move between items; Escape closes and gives the focus back to the
 * button; Tab closes and lets the focus move on; a click outside closes.
 */
export class MenuButtonController implements ReactiveController {
  open = false;
  private stopOutside?: Unsubscribe;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly parts: { button: () => HTMLElement | null | undefined; menu: () => HTMLElement | null | undefined },
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.stopOutside?.();
    this.stopOutside = undefined;
    this.open = false;
  }

  /** Opens the menu and focuses its first (or last) item. */
  async show(focus: 'first' | 'last' = 'first'): Promise<void> {
    if (!this.open) {
      this.open = true;
      this.host.requestUpdate();
      await this.host.updateComplete;
      // A click elsewhere on the page (outside this menu and its button) closes it.
      this.stopOutside = listen(this.host.ownerDocument, 'pointerdown', (event) => {
        const path = event.composedPath();
        const [button, menu] = [this.parts.button(), this.parts.menu()];
        if ((button && path.includes(button)) || (menu && path.includes(menu))) return;
        void this.close(false);
      });
    }
    this.fitHeight();
    const items = this.items();
    items[focus === 'first' ? 0 : items.length - 1]?.focus();
  }

  /** The menu opens upwards: no taller than the room above its button, up to what clips it (the call's box, else the window). */
  private fitHeight(): void {
    const [button, menu] = [this.parts.button(), this.parts.menu()];
    if (!button || !menu) return;
    let top = 0;
    for (let node: Element | null = this.host.parentElement ?? (this.host.getRootNode() as ShadowRoot).host ?? null; node;) {
      if (node === document.documentElement) break;
      if (getComputedStyle(node).overflowY !== 'visible') {
        top = Math.max(0, node.getBoundingClientRect().top);
        break;
      }
      node = node.parentElement ?? ((node.getRootNode() as ShadowRoot).host || null);
    }
    // A custom property the menu's styles cap their height with; CSSOM, allowed under a strict CSP.
    menu.style.setProperty('--_menu-room', `${Math.max(96, button.getBoundingClientRect().top - top - 16)}px`);
  }

  /** Closes the menu; the focus goes back to the button unless `returnFocus` is false. */
  async close(returnFocus = true): Promise<void> {
    if (!this.open) return;
    this.open = false;
    this.stopOutside?.();
    this.stopOutside = undefined;
    this.host.requestUpdate();
    await this.host.updateComplete;
    if (returnFocus) this.parts.button()?.focus();
  }

  toggle(): Promise<void> {
    return this.open ? this.close() : this.show();
  }

  /** On the menu button: `@keydown=${menu.onButtonKeydown}` (Enter and Space click it). */
  readonly onButtonKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    void this.show(event.key === 'ArrowDown' ? 'first' : 'last');
  };

  /** On the menu: `@keydown=${menu.onMenuKeydown}`. */
  readonly onMenuKeydown = (event: KeyboardEvent): void => {
    const items = this.items();
    const current = items.findIndex((item) => item.matches(':focus'));
    const move = (index: number) => {
      event.preventDefault();
      event.stopPropagation();
      items[(index + items.length) % items.length]?.focus();
    };
    switch (event.key) {
      case 'ArrowDown':
        return move(current + 1);
      case 'ArrowUp':
        return move(current < 0 ? -1 : current - 1);
      case 'Home':
        return move(0);
      case 'End':
        return move(items.length - 1);
      case 'Escape':
        event.preventDefault();
        event.stopPropagation();
        void this.close();
        return;
      case 'Tab':
        void this.close(false);
        return;
    }
  };

  private items(): HTMLElement[] {
    return [...(this.parts.menu()?.querySelectorAll<HTMLElement>(ITEMS) ?? [])];
  }
}
