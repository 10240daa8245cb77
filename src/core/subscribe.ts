/**
 * The one subscription primitive of core: every `observeX`, every event registry and every
 * state holder is built from what is here, so each `on` has its `off` in one place.
 */

/** Stops a subscription. Calling it twice is harmless. */
export type Unsubscribe = () => void;

/** Anything with `on`/`off` for a set of event names (a livekit-client `Room` or `Participant`). */
export interface EventSource<E extends string> {
  on(event: E, listener: () => void): unknown;
  off(event: E, listener: () => void): unknown;
}

/**
 * Calls `emit` now and again after each of `events` on `target`, until unsubscribed: current
 * value first, then changes, and `off` for every `on`.
 */
export function watch<E extends string>(target: EventSource<E>, events: readonly E[], emit: () => void): Unsubscribe {
  for (const event of events) target.on(event, emit);
  emit();
  return once(() => {
    for (const event of events) target.off(event, emit);
  });
}

/** Listens to a DOM `EventTarget` until unsubscribed. */
export function listen<T extends EventTarget>(target: T, type: string, listener: (event: Event) => void): Unsubscribe {
  target.addEventListener(type, listener);
  return once(() => target.removeEventListener(type, listener));
}

/** Runs `fn` on the first call only. */
export function once(fn: () => void): Unsubscribe {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    fn();
  };
}

/** Stops every subscription given, in order. */
export function all(...stops: Unsubscribe[]): Unsubscribe {
  return once(() => stops.forEach((stop) => stop()));
}

/** A small typed event emitter: `on(type, listener)` returns its `Unsubscribe`. */
export class Emitter<Events extends object> {
  private readonly listeners = new Map<keyof Events, Set<(value: never) => void>>();

  on<K extends keyof Events>(type: K, listener: (value: Events[K]) => void): Unsubscribe {
    let set = this.listeners.get(type);
    if (!set) this.listeners.set(type, (set = new Set()));
    const entry = listener as (value: never) => void;
    set.add(entry);
    return once(() => set.delete(entry));
  }

  emit<K extends keyof Events>(type: K, value: Events[K]): void {
    for (const listener of [...(this.listeners.get(type) ?? [])]) (listener as (value: Events[K]) => void)(value);
  }

  /** How many listeners are registered (all types); tests check that removed elements leave none. */
  get size(): number {
    let count = 0;
    for (const set of this.listeners.values()) count += set.size;
    return count;
  }

  clear(): void {
    this.listeners.clear();
  }
}

/** A value that changes: `subscribe` emits the current value first, then each new one. */
export class Observable<T> {
  private readonly emitter = new Emitter<{ change: T }>();

  constructor(private current: T) {}

  get value(): T {
    return this.current;
  }

  set(value: T): void {
    this.current = value;
    this.emitter.emit('change', value);
  }

  subscribe(next: (value: T) => void): Unsubscribe {
    const stop = this.emitter.on('change', next);
    next(this.current);
    return stop;
  }

  clear(): void {
    this.emitter.clear();
  }
}

/** Calls `next` with the first value, then only with values that differ from the last one (as plain data). */
export function distinct<T>(next: (value: T) => void, equal: (a: T, b: T) => boolean = sameData): (value: T) => void {
  let last: { value: T } | undefined;
  return (value) => {
    if (last && equal(last.value, value)) return;
    last = { value };
    next(value);
  };
}

/** Equal primitives, or arrays and plain objects whose items or keys are equal, recursively (plain data only). */
export function sameData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  return keysA.every((key) => sameData((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}
