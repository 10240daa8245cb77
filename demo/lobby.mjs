// The reference server's lobby: who knocks at which room, held in memory, bounded, forgetting on
// its own (no timer: every call sweeps what has expired). Like La Suite Meet's: a waiter who stops
// polling is forgotten after a few seconds, a denial is kept a few seconds so the waiter learns it,
// an acceptance is kept long enough for the waiter to fetch its token.
import { randomBytes } from 'node:crypto';

export const LOBBY_LIMITS = Object.freeze({
  /** A waiter not heard from for this long (ms) is forgotten (the tab closed, or cancelled). */
  forgetAfter: 5_000,
  /** How long (ms) a denial, then an acceptance, is kept for the waiter's next poll. */
  keepDenial: 5_000,
  keepAcceptance: 60_000,
  /** At most this many people waiting (or decided) at one room, and in all. */
  perRoom: 50,
  total: 2_000,
  /** At most this many knocks at one room per `knockWindow` ms. */
  knocksPerWindow: 20,
  knockWindow: 10_000,
});

/**
 * @typedef {{ id: string, room: string, name: string, identity: string, status: 'waiting'|'accepted'|'denied', seen: number, decided?: number }} Waiter
 */

export class Lobby {
  /** @type {Map<string, Waiter>} by id */
  #waiters = new Map();
  /** @type {Map<string, number[]>} knock times by room */
  #knocks = new Map();
  #now;
  #limits;

  /** @param {{ now?: () => number, limits?: Partial<typeof LOBBY_LIMITS> }} [options] */
  constructor({ now = Date.now, limits = {} } = {}) {
    this.#now = now;
    this.#limits = { ...LOBBY_LIMITS, ...limits };
  }

  get limits() {
    return this.#limits;
  }

  /** Drops the waiters gone silent, and the decisions kept long enough. */
  #sweep() {
    const t = this.#now();
    const { forgetAfter, keepDenial, keepAcceptance, knockWindow } = this.#limits;
    for (const [id, w] of this.#waiters) {
      const expired = w.status === 'waiting' ? t - w.seen > forgetAfter : t - (w.decided ?? 0) > (w.status === 'denied' ? keepDenial : keepAcceptance);
      if (expired) this.#waiters.delete(id);
    }
    for (const [room, times] of this.#knocks) {
      const recent = times.filter((time) => t - time < knockWindow);
      if (recent.length) this.#knocks.set(room, recent);
      else this.#knocks.delete(room);
    }
  }

  /**
   * A new waiter at `room`, or the reason it is refused: `busy` (too many knocks at this room
   * lately) or `full` (too many people waiting there, or in all).
   * @returns {{ waiter: Waiter } | { refused: 'busy' | 'full' }}
   */
  knock(room, name, identity) {
    this.#sweep();
    const { perRoom, total, knocksPerWindow } = this.#limits;
    const knocks = this.#knocks.get(room) ?? [];
    if (knocks.length >= knocksPerWindow) return { refused: 'busy' };
    if (this.#waiters.size >= total || this.#inRoom(room).length >= perRoom) return { refused: 'full' };
    knocks.push(this.#now());
    this.#knocks.set(room, knocks);
    const waiter = { id: randomBytes(16).toString('base64url'), room, name, identity, status: 'waiting', seen: this.#now() };
    this.#waiters.set(waiter.id, waiter);
    return { waiter };
  }

  /** The waiter `id` at `room` (its poll: it is still there), or undefined once forgotten. */
  poll(room, id) {
    this.#sweep();
    const waiter = typeof id === 'string' ? this.#waiters.get(id) : undefined;
    if (!waiter || waiter.room !== room) return undefined;
    waiter.seen = this.#now();
    return waiter;
  }

  /** The people waiting at `room`, oldest first. */
  waiting(room) {
    this.#sweep();
    return this.#inRoom(room).filter((w) => w.status === 'waiting');
  }

  /** Lets waiter `id` in, or turns them away; false when nobody waits under that id at `room`. */
  decide(room, id, allow) {
    this.#sweep();
    const waiter = this.#waiters.get(id);
    if (!waiter || waiter.room !== room || waiter.status !== 'waiting') return false;
    waiter.status = allow ? 'accepted' : 'denied';
    waiter.decided = this.#now();
    return true;
  }

  #inRoom(room) {
    return [...this.#waiters.values()].filter((w) => w.room === room);
  }
}
