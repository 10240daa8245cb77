import type { ReactiveController, ReactiveControllerHost } from 'lit';

type Host = ReactiveControllerHost & { renderRoot: HTMLElement | DocumentFragment };

/**
 * A button that shows or hides a popup (device lists, caption settings, the reaction picker):
 * `open`, `toggle()`, and a keydown handler for the area around both, where Escape closes the
 * popup and gives the focus back to the button (found by `buttonSelector` in the host's shadow
 * root).
 */
export class DisclosureController implements ReactiveController {
  open = false;

  constructor(
    private readonly host: Host,
    private readonly buttonSelector: string,
  ) {
    host.addController(this);
  }

  toggle(open = !this.open): void {
    if (open === this.open) return;
    this.open = open;
    this.host.requestUpdate();
  }

  /** Put on the element that holds the button and the popup: `@keydown=${disclosure.onKeydown}`. */
  readonly onKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || !this.open) return;
    event.stopPropagation();
    this.toggle(false);
    void this.host.updateComplete.then(() => this.host.renderRoot.querySelector<HTMLElement>(this.buttonSelector)?.focus());
  };

  hostConnected(): void {}
}
