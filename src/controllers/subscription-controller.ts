import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Unsubscribe } from '../core/subscribe.js';

/**
 * Keeps a value from a core subscription (`observeX(source, next)`) on a Lit host. Subscribes
 * when the host connects or when `source()` returns a different object, unsubscribes when it
 * disconnects, and requests an update on each value. `value` is `undefined` without a source.
 */
export class SubscriptionController<S extends object, T> implements ReactiveController {
  value?: T;
  private current?: S;
  private unsubscribe?: Unsubscribe;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly source: () => S | undefined,
    private readonly subscribe: (source: S, next: (value: T) => void) => Unsubscribe,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.sync();
  }

  hostUpdate(): void {
    this.sync();
  }

  hostDisconnected(): void {
    this.stop();
  }

  private sync(): void {
    const source = this.source();
    if (source === this.current && (this.unsubscribe || !source)) return;
    this.stop();
    this.current = source;
    if (!source) return;
    this.unsubscribe = this.subscribe(source, (value) => {
      this.value = value;
      this.host.requestUpdate();
    });
  }

  private stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.current = undefined;
    this.value = undefined;
  }
}
