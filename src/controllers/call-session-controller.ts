import type { RemoteParticipant, Room } from 'livekit-client';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { CallSession, type CallState, type CallStatus, type JoinOptions } from '../core/call-session.js';
import { e2eeSetup, type E2EEConfig } from '../core/e2ee.js';
import { VisioError } from '../core/errors.js';
import type { MediaState } from '../core/media.js';
import { observeLocalMedia, observeParticipantInfos, type ParticipantInfo } from '../core/observe.js';
import { all, sameData, type Unsubscribe } from '../core/subscribe.js';
import type { TokenSource } from '../core/token-source.js';

type Host = ReactiveControllerHost & { readonly isConnected: boolean };

/** A join's choices, without the room (the host's `room` attribute, read at each join). */
export type JoinChoices = Omit<JoinOptions, 'roomName'>;

/** What the session controller reads from its host, and what it tells it. */
export interface CallSessionHandlers {
  /** The token source now (the host's own, else one for its endpoint); `undefined` when neither is set. */
  tokenSource(): TokenSource | undefined;
  /** The room name now. */
  roomName(): string;
  /** The encryption setting now: a new value makes a new session at the next join. */
  e2ee(): E2EEConfig | undefined;
  /** Makes the default encryption worker (when `e2ee` has none). */
  e2eeWorker(): Worker;
  /** Asks before joining (not while a join is in flight): false cancels. */
  joinRequest(choices: JoinChoices): boolean;
  /** The status changed. */
  status(state: CallState): void;
  /** Someone joined or left, or changed name, media or hand (not the first, empty list). */
  participants(participants: ParticipantInfo[], previous: ParticipantInfo[]): void;
  /** The local microphone, camera or screen share changed. */
  media(media: MediaState): void;
  connected(room: Room): void;
  /** `error` is undefined when the user left. */
  disconnected(error?: VisioError): void;
  participantJoined(participant: RemoteParticipant): void;
  participantLeft(participant: RemoteParticipant): void;
  /** Every failure of the session, and failures of `join()` before there is one. */
  error(error: VisioError): void;
  /** Subscriptions to hold while a session lives (chat, captions, hands), made when it is created. */
  watch(room: Room): Unsubscribe[];
}

/**
 * The call's lifecycle on a Lit host: one `CallSession` made when the host enters the page and
 * disposed when it leaves it (not when it only moves), rebuilt at a join when the encryption
 * setting changed. Keeps the status, everyone's media (one subscription) and the local media, and
 * tells the host through its handlers, from which the host fires its DOM events.
 */
export class CallSessionController implements ReactiveController {
  state: CallState = { status: 'idle' };
  participants: ParticipantInfo[] = [];
  media: MediaState = { microphone: false, camera: false, screenShare: false };
  private session?: CallSession;
  private sessionE2EE?: E2EEConfig;
  private stop?: Unsubscribe;

  constructor(
    private readonly host: Host,
    private readonly handlers: CallSessionHandlers,
  ) {
    host.addController(this);
  }

  /** The session's `Room` (undefined while the host is not in the page). */
  get room(): Room | undefined {
    return this.session?.room;
  }

  get status(): CallStatus {
    return this.state.status;
  }

  /** Connected or reconnecting. */
  get inCall(): boolean {
    return this.status === 'connected' || this.status === 'reconnecting';
  }

  hostConnected(): void {
    if (!this.session) this.create();
  }

  hostDisconnected(): void {
    // Removing the host ends the call, but moving it in the page does not.
    queueMicrotask(() => {
      if (!this.host.isConnected) this.dispose();
    });
  }

  /**
   * Joins with `choices`, after `joinRequest` (`onRefused` runs when it is refused; without it, the
   * choices' tracks are stopped). Resolves to whether the call is connected; a join while one is in
   * flight resolves with it. A host that is not in the page starts no call: `configuration-invalid`.
   */
  join(choices: JoinChoices, onRefused?: () => void): Promise<boolean> {
    const release = () => choices.tracks?.forEach((track) => track.stop());
    if (!this.host.isConnected || !this.session) {
      release();
      this.handlers.error(new VisioError('configuration-invalid', 'The element is not in the page: add it to the document before join().'));
      return Promise.resolve(false);
    }
    // Encryption is set when the Room is made: a new `e2ee` value needs a new session.
    if (this.handlers.e2ee() !== this.sessionE2EE && !this.inCall && this.status !== 'connecting') {
      this.dispose();
      this.create();
    }
    if (this.status !== 'connecting' && !this.inCall && !this.handlers.joinRequest(choices)) {
      if (onRefused) onRefused();
      else release();
      return Promise.resolve(false);
    }
    return this.session!.join({ ...choices, roomName: this.handlers.roomName() });
  }

  /** Leaves (or stops joining). Resolves when the call is left. */
  async leave(): Promise<void> {
    await this.session?.leave();
  }

  private create(): void {
    const e2ee = this.handlers.e2ee();
    this.sessionE2EE = e2ee;
    const tokenSource: TokenSource = (request, options) => {
      const source = this.handlers.tokenSource();
      if (!source) throw new VisioError('configuration-invalid', 'Set the token-endpoint attribute or the tokenSource property.');
      return source(request, options);
    };
    const session = new CallSession(tokenSource, {}, e2ee && e2eeSetup(e2ee, () => this.handlers.e2eeWorker()));
    this.session = session;
    const { handlers } = this;
    this.stop = all(
      session.subscribe((state) => {
        const changed = state.status !== this.state.status;
        this.state = state;
        this.host.requestUpdate();
        if (changed) handlers.status(state);
      }),
      observeParticipantInfos(session.room, (participants) => {
        const previous = this.participants;
        this.participants = participants;
        this.host.requestUpdate();
        if (previous.length || participants.length) handlers.participants(participants, previous);
      }),
      observeLocalMedia(session.room, (media) => {
        if (sameData(media, this.media)) return;
        this.media = media;
        handlers.media(media);
      }),
      session.on('error', ({ error }) => handlers.error(error)),
      session.on('connected', ({ room }) => handlers.connected(room)),
      session.on('disconnected', ({ error }) => handlers.disconnected(error)),
      session.on('participant-joined', ({ participant }) => handlers.participantJoined(participant)),
      session.on('participant-left', ({ participant }) => handlers.participantLeft(participant)),
      ...handlers.watch(session.room),
    );
  }

  private dispose(): void {
    const session = this.session;
    if (!session) return;
    this.session = undefined;
    this.stop?.();
    void session.dispose();
    this.state = { status: 'idle' };
    this.host.requestUpdate();
  }
}
