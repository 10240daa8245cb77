import type { Room } from 'livekit-client';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { RecordingMode } from '../core/backends/backend.js';
import { observeRecording, onRecordingNotice, sendRecordingNotice, type RecordingNotice, type RecordingState } from '../core/recording.js';
import { untrustedRef } from '../core/room-hub.js';
import type { Unsubscribe } from '../core/subscribe.js';

/** The translated sentences the controller needs (keys of the host's translations). */
export type RecordingTerm =
  | 'recordingOn'
  | 'transcriptOn'
  | 'recordingStarting'
  | 'transcriptStarting'
  | 'recordingSaving'
  | 'transcriptSaving'
  | 'recordingOff'
  | 'recordingRequestedBy'
  | 'transcriptRequestedBy'
  | 'recordingLimitReached'
  | 'transcriptLimitReached';

export interface RecordingOptions {
  /** The DOM event fired on the host at each change (from `src/events/`). */
  changed: new (detail: RecordingState) => Event;
  term(key: RecordingTerm, values?: { name: string }): string;
  /** Reads a sentence to screen readers (once per change). */
  announce(text: string): void;
  /** Shows a brief notice over the call (a request to record, a limit reached). */
  notify(text: string): void;
  /**
   * Runs a backend action in the call (`CallSessionController.backendAct`): resolves to whether it
   * was done; failures are reported there.
   */
  act(action: 'startRecording' | 'stopRecording', mode?: RecordingMode): Promise<boolean>;
}

/**
 * Whether the call is recorded or transcribed: the persistent notice everyone must see (from the
 * server's room state, never from a participant's word), announced once per change, the host's
 * start and stop (through the backend, then told to everyone the way La Suite Meet's clients do),
 * and Meet's recording notices from others.
 */
export class RecordingController implements ReactiveController {
  state: RecordingState = { status: 'off' };
  private room?: Room;

  constructor(
    private readonly host: ReactiveControllerHost & EventTarget,
    private readonly options: RecordingOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** The sentence of the persistent notice, or `undefined` when nothing is recorded. */
  get notice(): string | undefined {
    const { status, mode } = this.state;
    if (status === 'off') return undefined;
    const kind = mode === 'transcript' ? 'transcript' : 'recording';
    const key = ({ starting: 'Starting', on: 'On', saving: 'Saving' } as const)[status];
    return this.options.term(`${kind}${key}`);
  }

  /** Follows a session's room. */
  watch(room: Room): Unsubscribe[] {
    this.room = room;
    return [
      observeRecording(room, (state) => {
        const before = this.state;
        this.state = state;
        this.host.requestUpdate();
        if (before.status === state.status && before.mode === state.mode) return;
        this.host.dispatchEvent(new this.options.changed({ ...state }));
        const text = this.notice ?? (before.status !== 'off' ? this.options.term('recordingOff') : undefined);
        if (text) this.options.announce(text);
      }),
      onRecordingNotice(room, (notice) => this.onNotice(notice)),
    ];
  }

  /** Starts recording (`screen_recording`) or transcribing (`transcript`) through the backend, and tells everyone. */
  async start(mode: RecordingMode): Promise<boolean> {
    const done = await this.options.act('startRecording', mode);
    if (done && this.room) await sendRecordingNotice(this.room, mode, 'started').catch(() => undefined);
    return done;
  }

  /** Stops the recording under way through the backend, and tells everyone. */
  async stop(): Promise<boolean> {
    const mode = this.state.mode ?? 'screen_recording';
    const done = await this.options.act('stopRecording');
    if (done && this.room) await sendRecordingNotice(this.room, mode, 'stopped').catch(() => undefined);
    return done;
  }

  private onNotice({ mode, event, from }: RecordingNotice): void {
    const kind = mode === 'transcript' ? 'transcript' : 'recording';
    // Started and stopped show in the persistent notice, from the room state.
    if (event === 'requested' && from) this.options.notify(this.options.term(`${kind}RequestedBy`, { name: untrustedRef(from).name }));
    if (event === 'limit-reached') this.options.notify(this.options.term(`${kind}LimitReached`));
  }
}
