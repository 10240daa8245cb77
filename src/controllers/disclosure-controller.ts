import type { ReactiveController, ReactiveControllerHost } from 'lit';

type Host = ReactiveControllerHost & { renderRoot: HTMLElement | DocumentFragment };

/**
 * A button that shows or hides a popup (device lists, caption settings, the reaction picker, the
 * call's side panel): `open`, `toggle()`, `close()`, and a keydown handler for the area around
 * both, where Escape closes the popup. Closing that way gives the focus back to the button, found
 * by `buttonSelector` in the host's shadow root (a function when several buttons open the popup).
 */
export class DisclosureController implements ReactiveController {
  open = false;

  constructor(
    protected readonly host: Host,
    private readonly buttonSelector: string | (() => string),
  ) {
    host.addController(this);
  }

  toggle(open = !this.open): void {
    if (open === this.open) return;
    this.open = open;
    this.host.requestUpdate();
  }

  /** Closes the popup and puts the keyboard focus back on its button. */
  async close(): Promise<void> {
    if (!this.open) return;
    const selector = typeof this.buttonSelector === 'function' ? this.buttonSelector() : this.buttonSelector;
    this.toggle(false);
    await this.host.updateComplete;
    this.host.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  /** Put on the element that holds the button and the popup: `@keydown=${disclosure.onKeydown}`. */
  readonly onKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || !this.open) return;
    event.stopPropagation();
    void this.close();
  };

  hostConnected(): void {}
}
