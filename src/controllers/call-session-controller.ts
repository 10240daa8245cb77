import type { RemoteParticipant, Room } from 'livekit-client';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { CallSession, type CallState, type CallStatus, type JoinOptions } from '../core/call-session.js';
import type { DeviceKind } from '../core/devices.js';
import { e2eeSetup, type E2EEConfig } from '../core/e2ee.js';
import { unknownError, VisioError, type VisioErrorCode } from '../core/errors.js';
import { localSourceState, setSourceEnabled, type MediaSource, type MediaState } from '../core/media.js';
import { observeLocalMedia, observeParticipantInfos, renamed, type ParticipantInfo } from '../core/observe.js';
import { displayName, who, type ParticipantRef } from '../core/participants.js';
import { all, sameData, type Unsubscribe } from '../core/subscribe.js';
import type { BackendCall, CallBackend } from '../core/backends/backend.js';

type Host = ReactiveControllerHost & EventTarget & { readonly isConnected: boolean };

/** A join's choices, without the room (the host's `room` attribute, read at each join). */
export type JoinChoices = Omit<JoinOptions, 'roomName'>;

type EventClass<D> = new (detail: D) => Event;
type PresenceDetail = ParticipantRef & { participant: RemoteParticipant };

/**
 * The DOM events the controller fires on its host, one class each. The host passes the classes
 * from `src/events/` (controllers import only core).
 */
export interface CallSessionEvents {
  joinRequest: EventClass<{ room: string; name: string; audioEnabled: boolean; videoEnabled: boolean; devices: Partial<Record<DeviceKind, string>> }>;
  statusChanged: EventClass<{ status: CallStatus; error?: VisioErrorCode }>;
  participantsChanged: EventClass<{ participants: ParticipantInfo[] }>;
  mediaChanged: EventClass<MediaState>;
  connected: EventClass<{ room: Room }>;
  disconnected: EventClass<{ reason: 'left' | VisioErrorCode }>;
  participantJoined: EventClass<PresenceDetail>;
  participantLeft: EventClass<PresenceDetail>;
}

/** What the controller announces politely (translated by the host): a key and its values. */
export type CallAnnouncement = ['participantJoined' | 'participantLeft', { name: string }] | ['participantRenamed', { from: string; to: string }];

export interface CallSessionOptions {
  events: CallSessionEvents;
  /** The backend now (the host's own, else one for its token source or endpoint); `undefined` when none is set. */
  backend(): CallBackend | undefined;
  /** The room name now. */
  roomName(): string;
  /** The encryption setting now: a new value makes a new session at the next join. */
  e2ee(): E2EEConfig | undefined;
  /** Makes the default encryption worker (when `e2ee` has none). */
  e2eeWorker(): Worker;
  /** Someone joined, left, or (a remote participant) changed name. */
  announce(...announcement: CallAnnouncement): void;
  /** Every failure of the session, and of `join()` before there is one. */
  error(error: VisioError): void;
  /** The host accepted a join request. */
  joining(): void;
  /** Subscriptions to hold while a session lives (chat, captions, hands), made when it is created. */
  watch(room: Room): Unsubscribe[];
}

/**
 * The call's lifecycle on a Lit host: one `CallSession`, made when the host enters the page and
 * disposed when it leaves it (not when it only moves), rebuilt at a join when the encryption
 * setting changed. Keeps the status, everyone's media (one subscription) and the local media, and
 * fires the host's DOM events from the session's.
 */
export class CallSessionController implements ReactiveController {
  state: CallState = { status: 'idle' };
  participants: ParticipantInfo[] = [];
  media: MediaState = { microphone: false, camera: false, screenShare: false };
  private session?: CallSession;
  private sessionE2EE?: E2EEConfig;
  private sessionBackend?: CallBackend;
  private stop?: Unsubscribe;

  constructor(
    private readonly host: Host,
    private readonly options: CallSessionOptions,
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

  /** The backend of the current session (what the host set when it was made). */
  get backend(): CallBackend | undefined {
    return this.session?.backend;
  }

  /** The call the backend acts in, while in the call. */
  get call(): BackendCall | undefined {
    return this.inCall ? this.session?.call : undefined;
  }

  /** Connecting, or waiting in the lobby: a join is under way. */
  get joining(): boolean {
    return this.status === 'connecting' || this.status === 'waiting';
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
   * Joins with `choices` after a cancelable join request (`onRefused` runs when the host refuses;
   * without it, the choices' tracks are stopped). Resolves to whether the call is connected; a
   * join while one is in flight resolves with it. A host that is not in the page starts no call:
   * it resolves to false with `configuration-invalid`.
   */
  join(choices: JoinChoices, onRefused?: () => void): Promise<boolean> {
    const release = () => choices.tracks?.forEach((track) => track.stop());
    if (!this.host.isConnected || !this.session) {
      release();
      this.options.error(new VisioError('configuration-invalid', 'The element is not in the page: add it to the document before join().'));
      return Promise.resolve(false);
    }
    // Encryption is set when the Room is made: a new `e2ee` value needs a new session.
    if ((this.options.e2ee() !== this.sessionE2EE || this.options.backend() !== this.sessionBackend) && !this.inCall && !this.joining) {
      this.dispose();
      this.create();
    }
    if (!this.joining && !this.inCall) {
      const { participantName, audio = true, video = true, devices = {} } = choices;
      const detail = { room: this.options.roomName(), name: participantName ?? '', audioEnabled: audio, videoEnabled: video, devices };
      if (!this.host.dispatchEvent(new this.options.events.joinRequest(detail))) {
        if (onRefused) onRefused();
        else release();
        return Promise.resolve(false);
      }
      this.options.joining();
    }
    return this.session.join({ ...choices, roomName: this.options.roomName() });
  }

  /**
   * Runs a core action on the room while in the call: resolves to its result, or to false when
   * not in the call or when it failed (the failure goes to `error`).
   */
  async act(action: (room: Room) => Promise<boolean>): Promise<boolean> {
    const room = this.inCall ? this.room : undefined;
    if (!room) return false;
    try {
      return await action(room);
    } catch (error) {
      this.options.error(unknownError(error));
      return false;
    }
  }

  /**
   * Runs a backend action in the call: resolves to true once done, or to false when not in the
   * call, when the backend does not offer it (`undefined` from `pick`), or when it failed (the
   * failure goes to `error`).
   */
  async backendAct(action: (backend: CallBackend, call: BackendCall) => Promise<void> | undefined): Promise<boolean> {
    const call = this.inCall ? this.session?.call : undefined;
    const backend = this.session?.backend;
    if (!call || !backend) return false;
    try {
      const done = action(backend, call);
      if (!done) return false;
      await done;
      return true;
    } catch (error) {
      this.options.error(error instanceof VisioError ? error : unknownError(error));
      return false;
    }
  }

  /** Whether a local source is on in the call: published, or its track running and being published. */
  isOn(source: MediaSource): boolean {
    const room = this.inCall ? this.room : undefined;
    return room ? localSourceState(room, source) !== 'off' : false;
  }

  /** Turns a local source on or off in the call; resolves to whether it is on now. */
  async setSource(source: MediaSource, enabled: boolean): Promise<boolean> {
    const done = await this.act(async (room) => (await setSourceEnabled(room, source, enabled), true));
    return done ? enabled : this.media[source];
  }

  /** Leaves (or stops joining). Resolves when the call is left. */
  async leave(): Promise<void> {
    await this.session?.leave();
  }

  /** Stops a join in flight (connecting, or waiting in the lobby): back to `idle`. Resolves to whether there was one. */
  async cancelJoin(): Promise<boolean> {
    return (await this.session?.cancelJoin()) ?? false;
  }

  private create(): void {
    const { events, ...options } = this.options;
    const fire = <D>(type: EventClass<D>, detail: D) => this.host.dispatchEvent(new type(detail));
    const e2ee = options.e2ee();
    this.sessionE2EE = e2ee;
    const backend = options.backend();
    this.sessionBackend = backend;
    const session = new CallSession(
      backend ?? {
        credentials: () => {
          throw new VisioError('configuration-invalid', 'Set the token-endpoint attribute, the tokenSource property or the backend property.');
        },
      },
      {},
      e2ee && e2eeSetup(e2ee, () => options.e2eeWorker(), backend?.keyProvider),
    );
    this.session = session;
    this.stop = all(
      session.subscribe((state) => {
        const changed = state.status !== this.state.status;
        this.state = state;
        this.host.requestUpdate();
        if (changed) fire(events.statusChanged, { status: state.status, ...(state.error ? { error: state.error.code } : {}) });
      }),
      observeParticipantInfos(session.room, (participants) => {
        const previous = this.participants;
        this.participants = participants;
        this.host.requestUpdate();
        for (const { from, to } of renamed(previous, participants)) options.announce('participantRenamed', { from, to });
        if (previous.length || participants.length) fire(events.participantsChanged, { participants: participants.map((p) => ({ ...p })) });
      }),
      observeLocalMedia(session.room, (media) => {
        if (sameData(media, this.media)) return;
        this.media = media;
        fire(events.mediaChanged, { ...media });
      }),
      session.on('error', ({ error }) => options.error(error)),
      session.on('connected', ({ room }) => fire(events.connected, { room })),
      session.on('disconnected', ({ error }) => fire(events.disconnected, { reason: error?.code ?? 'left' })),
      session.on('participant-joined', ({ participant }) => {
        options.announce('participantJoined', { name: displayName(participant) });
        fire(events.participantJoined, { ...who(participant), participant });
      }),
      session.on('participant-left', ({ participant }) => {
        options.announce('participantLeft', { name: displayName(participant) });
        fire(events.participantLeft, { ...who(participant), participant });
      }),
      ...options.watch(session.room),
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
