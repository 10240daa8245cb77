import { DisclosureController } from './disclosure-controller.js';

const ITEMS = '[role="menuitem"], [role="menuitemcheckbox"]';

/**
 * A menu button and its menu (`aria-haspopup`): what `DisclosureController` does (Escape closes
 * and gives the focus back to the button), plus the arrow keys: Down or Up on the button opens
 * the menu on its first or last item; in the menu, Down, Up, Home and End move between items.
 */
export class MenuController extends DisclosureController {
  /** The menu shows a question (a removal to confirm) in place of its items. */
  confirming = false;

  override toggle(open = !this.open): void {
    this.confirming = false;
    super.toggle(open);
  }

  /** Closes the menu (and any question) and gives the focus back to its button. */
  override async close(): Promise<void> {
    this.confirming = false;
    this.host.requestUpdate();
    await super.close();
  }

  /** Shows the question (`true`) or the items again, and focuses the first button of the (open) menu. */
  async confirm(confirming: boolean): Promise<void> {
    this.confirming = confirming;
    this.host.requestUpdate();
    await this.host.updateComplete;
    this.host.renderRoot.querySelector<HTMLElement>('[role="menu"] button')?.focus();
  }

  /** Put on the element around the button and the menu: `@focusout=${menu.onFocusout}`; the focus leaving it closes the menu. */
  readonly onFocusout = (event: FocusEvent): void => {
    const next = event.relatedTarget as Node | null;
    if (this.open && next && !(event.currentTarget as HTMLElement).contains(next)) this.toggle(false);
  };

  /** Put on the element that holds the button and the menu: `@keydown=${menu.onMenuKeydown}`. */
  readonly onMenuKeydown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape') return this.onKeydown(event);
    if (!['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(event.key)) return;
    const area = event.currentTarget as HTMLElement;
    const items = () => [...area.querySelectorAll<HTMLElement>(ITEMS)].filter((item) => !item.hasAttribute('disabled'));
    const inMenu = items().find((item) => item === (area.getRootNode() as ShadowRoot | Document).activeElement);
    if (!this.open || !inMenu) {
      if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
      event.preventDefault();
      this.toggle(true);
      void this.host.updateComplete.then(() =>
        items()
          .at(event.key === 'ArrowUp' ? -1 : 0)
          ?.focus(),
      );
      return;
    }
    event.preventDefault();
    const list = items();
    const index = list.indexOf(inMenu);
    const next = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: list.length - 1 }[event.key] ?? index;
    list.at((next + list.length) % list.length)?.focus();
  };
}
