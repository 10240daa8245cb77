import type { ReactiveController, ReactiveControllerHost } from 'lit';

const FOCUSABLE = 'button:not([disabled]), select:not([disabled]), input:not([disabled]), textarea:not([disabled]), [href], [tabindex]:not([tabindex="-1"])';

/** The element that has the keyboard focus, looking inside shadow roots. */
function deepActiveElement(): HTMLElement | undefined {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : undefined;
}

/** The focusable elements inside `root`, crossing into the open shadow roots of the elements in it, in order. */
function focusables(root: ParentNode): HTMLElement[] {
  const found: HTMLElement[] = [];
  for (const element of root.querySelectorAll<HTMLElement>('*')) {
    if (element.matches(FOCUSABLE) && element.getClientRects().length > 0) found.push(element);
    if (element.shadowRoot) found.push(...focusables(element.shadowRoot));
  }
  return found;
}

/**
 * A modal `<dialog>`: `show(dialog)` opens it (`showModal`: the rest of the page is inert) and
 * remembers what had the focus; Tab and Shift+Tab cycle inside it; Escape or `close()` closes it
 * and gives the focus back to what had it.
 */
export class DialogController implements ReactiveController {
  private opener?: HTMLElement;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly dialog: () => HTMLDialogElement | null | undefined,
  ) {
    host.addController(this);
  }

  get open(): boolean {
    return this.dialog()?.open ?? false;
  }

  async show(): Promise<void> {
    await this.host.updateComplete;
    const dialog = this.dialog();
    if (!dialog || dialog.open) return;
    this.opener = deepActiveElement();
    dialog.showModal();
    this.host.requestUpdate();
    await this.host.updateComplete;
    focusables(dialog)[0]?.focus();
  }

  close(): void {
    const dialog = this.dialog();
    if (dialog?.open) dialog.close();
  }

  /** On the dialog: `@close=${dialog.onClose}` (after Escape, `close()`, or a form's `method=dialog`). */
  readonly onClose = (): void => {
    const opener = this.opener;
    this.opener = undefined;
    this.host.requestUpdate();
    if (opener?.isConnected) opener.focus();
  };

  /** On the dialog: `@keydown=${dialog.onKeydown}`: Tab stays inside. */
  readonly onKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Tab') return;
    const dialog = this.dialog();
    if (!dialog) return;
    const inside = focusables(dialog);
    if (inside.length === 0) return;
    const active = deepActiveElement();
    const [first, last] = [inside[0], inside[inside.length - 1]];
    if (event.shiftKey ? active === first : active === last) {
      event.preventDefault();
      (event.shiftKey ? last : first).focus();
    }
  };

  hostDisconnected(): void {
    this.close();
  }
}
