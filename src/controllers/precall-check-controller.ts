import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CheckCredentials, PrecallCheck, PrecallCheckResult } from '../core/precall-check.js';
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
 * `checkConnection()`. Its code is loaded on first use (a dynamic `import()`: with `autojoin` or
 * `skip-prejoin` and no `checkConnection()`, never). Reports each finished check once; stops what
 * is under way when the host leaves the page.
 */
export class PrecallCheckController implements ReactiveController {
  /** The check, once its code is loaded (see `load()`). */
  check?: PrecallCheck;
  private loading?: Promise<PrecallCheck>;
  private unsubscribe?: Unsubscribe;
  private wasRunning = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: PrecallCheckOptions,
  ) {
    host.addController(this);
  }

  /** Loads the check's code and makes the check (once); the host renders again with it. */
  load(): Promise<PrecallCheck> {
    this.loading ??= import('../core/precall-check.js').then(({ PrecallCheck }) => {
      this.check = new PrecallCheck(() => this.options.credentials());
      this.watch();
      this.host.requestUpdate();
      return this.check;
    });
    return this.loading;
  }

  /** The check for the prejoin: undefined while its code loads (the prejoin shows it once there). */
  forPrejoin(): PrecallCheck | undefined {
    if (!this.check) void this.load().catch(() => undefined);
    return this.check;
  }

  hostConnected(): void {
    if (this.check) this.watch();
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.wasRunning = false;
    this.check?.stop();
  }

  /**
   * Runs the check (the connection, and the prejoin's microphone when it shows); the results once
   * done. Never rejects: when the check's code cannot be loaded, nothing was tested.
   */
  async run(): Promise<PrecallCheckResult> {
    try {
      return copy(await (await this.load()).run());
    } catch {
      this.loading = undefined;
      return { connection: { status: 'untested' }, microphone: { status: 'idle' } };
    }
  }

  private watch(): void {
    const check = this.check;
    this.unsubscribe ??= check?.subscribe((result) => {
      const running = check.running;
      if (this.wasRunning && !running) this.options.settled(copy(result));
      this.wasRunning = running;
    });
  }
}

/** The results as the host's own plain data (changing them changes nothing in the check). */
const copy = (result: PrecallCheckResult): PrecallCheckResult => ({ connection: { ...result.connection }, microphone: { ...result.microphone } });
