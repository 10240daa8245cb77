import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { BackendCall, CallBackend, WaitingParticipant } from '../core/backends/backend.js';
import type { CallStatus } from '../core/call-session.js';
import { unknownError, VisioError } from '../core/errors.js';
import { isRoomHost } from '../core/participants.js';
import { sameData, type Unsubscribe } from '../core/subscribe.js';

type LobbyTerm = ['participantWaiting' | 'admittedName' | 'deniedName', { name: string }] | ['waitingToEnter'];

export interface LobbyOptions {
  /** The call now (undefined when not in it), and its backend. */
  call(): BackendCall | undefined;
  backend(): CallBackend | undefined;
  status(): CallStatus;
  /** Runs a backend action in the call (see `CallSessionController.backendAct`). */
  backendAct(action: (backend: CallBackend, call: BackendCall) => Promise<void> | undefined): Promise<boolean>;
  /** The waiting list changed (fires the host's `visio-lobby-changed`). */
  changed(waiting: WaitingParticipant[]): void;
  /** Announces a translated text politely. */
  announce(...term: LobbyTerm): void;
  /** A failure of the host's lobby (reported once until the lobby answers again). */
  error(error: VisioError): void;
  /** The waiting screen just rendered: gives it the keyboard focus (its Cancel button) if the page's focus was lost with the previous screen. */
  focusWaiting(): void;
}

/**
 * The lobby on a Lit host. As a guest: announces the wait. As a host (owner or administrator,
 * with a backend that has a lobby): follows who waits while in the call, announces each newcomer,
 * and lets them in or turns them away.
 */
export class LobbyController implements ReactiveController {
  /** Who waits now (for a host), oldest first. */
  waiting: WaitingParticipant[] = [];
  private watched?: BackendCall;
  private stop?: Unsubscribe;
  private failing = false;
  private lastStatus?: CallStatus;
  private startedWaiting = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: LobbyOptions,
  ) {
    host.addController(this);
  }

  /** Before each render: starts or stops following the lobby (joined, left, made host or member). */
  hostUpdate(): void {
    const status = this.options.status();
    if (status !== this.lastStatus && status === 'waiting') {
      this.options.announce('waitingToEnter');
      this.startedWaiting = true;
    }
    this.lastStatus = status;
    const call = this.options.call();
    const backend = this.options.backend();
    const target = call && backend?.watchLobby && backend.admit && isRoomHost(call.room.localParticipant) ? call : undefined;
    if (target === this.watched) return;
    this.unwatch();
    this.watched = target;
    if (!target || !backend?.watchLobby) return;
    this.stop = backend.watchLobby(
      target,
      (waiting) => this.update(waiting),
      (error) => {
        if (this.failing) return;
        this.failing = true;
        this.options.error(error instanceof VisioError ? error : unknownError(error));
      },
    );
  }

  hostUpdated(): void {
    if (!this.startedWaiting) return;
    this.startedWaiting = false;
    this.options.focusWaiting();
  }

  hostDisconnected(): void {
    this.unwatch();
    this.watched = undefined;
  }

  /** Lets the person waiting under `id` in (`allow`), or turns them away. Resolves to whether it was done. */
  async decide(id: string, allow: boolean): Promise<boolean> {
    const person = this.waiting.find((waiting) => waiting.id === id);
    if (!person) return false;
    const done = await this.options.backendAct((backend, call) => backend.admit?.(call, id, allow));
    if (!done) return false;
    this.set(this.waiting.filter((waiting) => waiting.id !== id));
    this.options.announce(allow ? 'admittedName' : 'deniedName', { name: person.name });
    return true;
  }

  private update(waiting: WaitingParticipant[]): void {
    this.failing = false;
    if (sameData(waiting, this.waiting)) return;
    const known = new Set(this.waiting.map((person) => person.id));
    const newcomers = waiting.filter((person) => !known.has(person.id));
    this.set(waiting);
    // The last newcomer is announced (a burst of knocks is one announcement, not a queue of them).
    const last = newcomers.at(-1);
    if (last) this.options.announce('participantWaiting', { name: last.name });
  }

  private set(waiting: WaitingParticipant[]): void {
    this.waiting = waiting;
    this.options.changed(waiting.map((person) => ({ ...person })));
    this.host.requestUpdate();
  }

  private unwatch(): void {
    this.stop?.();
    this.stop = undefined;
    this.failing = false;
    if (this.waiting.length) this.set([]);
  }
}
