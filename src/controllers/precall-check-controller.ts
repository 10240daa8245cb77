import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { PrecallCheck, type CheckCredentials, type PrecallCheckResult } from '../core/precall-check.js';
import type { Unsubscribe } from '../core/subscribe.js';

export interface PrecallCheckOptions {
  /** Where the check gets a hidden token now (the backend's `checkCredentials`), or none. */
  credentials(): CheckCredentials;
  /** A check finished (nothing under way any more): fires the host's `visio-precall-check`. */
  settled(result: PrecallCheckResult): void;
}

/**
 * The pre-call check of a call element: one `PrecallCheck` the prejoin shows and runs (the
 * connection when it appears, the microphone on each device), and `run()` for the host's
 * `checkConnection()`. Reports each finished check once; stops what is under way when the host
 * leaves the page.
 */
export class PrecallCheckController implements ReactiveController {
  readonly check: PrecallCheck;
  private unsubscribe?: Unsubscribe;
  private wasRunning = false;

  constructor(
    host: ReactiveControllerHost,
    private readonly options: PrecallCheckOptions,
  ) {
    this.check = new PrecallCheck(() => options.credentials());
    host.addController(this);
  }

  hostConnected(): void {
    this.unsubscribe ??= this.check.subscribe((result) => {
      const running = this.check.running;
      if (this.wasRunning && !running) this.options.settled(result);
      this.wasRunning = running;
    });
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.wasRunning = false;
    this.check.stop();
  }

  /** Runs the check (the connection, and the prejoin's microphone when it shows); the results once done. */
  run(): Promise<PrecallCheckResult> {
    return this.check.run();
  }
}
