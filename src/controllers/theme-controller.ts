import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Unsubscribe } from '../core/subscribe.js';
import { isDesignSystem, observeDesignSystemDark, type DesignSystem } from '../core/theme.js';

type Host = ReactiveControllerHost & HTMLElement & { theme?: string };

/**
 * For `theme="dsfr"` or `theme="lasuite"`: follows the page's light/dark switch of that design
 * system and shows it as the custom state `dark` (`:host(:state(dark))` in the shared tokens), so
 * that our fallback colours change along with the design system's own variables. Other themes are
 * plain CSS and need nothing here.
 */
export class ThemeController implements ReactiveController {
  private system?: DesignSystem;
  private stop?: Unsubscribe;
  private internals?: ElementInternals;

  constructor(private readonly host: Host) {
    host.addController(this);
  }

  hostConnected(): void {
    this.follow();
  }

  hostUpdated(): void {
    this.follow();
  }

  hostDisconnected(): void {
    this.stop?.();
    this.stop = undefined;
    this.system = undefined;
  }

  private follow(): void {
    const system = isDesignSystem(this.host.theme) ? this.host.theme : undefined;
    if (system === this.system && (this.stop || !system)) return;
    this.stop?.();
    this.system = system;
    this.stop = system ? observeDesignSystemDark(system, (dark) => this.setDark(dark)) : undefined;
    if (!system) this.setDark(false);
  }

  private setDark(dark: boolean): void {
    if (!dark && !this.internals) return;
    this.internals ??= this.host.attachInternals();
    if (dark) this.internals.states.add('dark');
    else this.internals.states.delete('dark');
  }
}
