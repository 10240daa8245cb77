import {
  ConnectionState,
  createLocalAudioTrack,
  createLocalVideoTrack,
  DisconnectReason,
  Room,
  RoomEvent,
  type LocalTrack,
  type RemoteParticipant,
  type RoomConnectOptions,
  type RoomOptions,
} from 'livekit-client';
import { tokenSourceBackend, type BackendCall, type CallBackend } from './backends/backend.js';
import type { DeviceKind } from './devices.js';
import type { E2EESetup } from './e2ee.js';
import { connectError, disconnectError, unknownError, VisioError } from './errors.js';
import { publishTrack, setSourceEnabled, TRACK_SOURCE } from './media.js';
import { guardSignalSocket } from './signal-socket.js';
import { isAudioOnly } from './quality.js';
import { MAX_DATA_STREAM_BYTES } from './room-hub.js';
import { everyone, giveName } from './participants.js';
import { Emitter, Observable, type Unsubscribe } from './subscribe.js';
import type { TokenRequest, TokenSource } from './token-source.js';

/**
 * Where a call is. `waiting`: in the lobby, until a host lets the user in (then `connecting`) or
 * the user cancels (then `idle` again).
 * `left` and `error` can `join()` again.
 */
export type CallStatus = 'idle' | 'connecting' | 'waiting' | 'connected' | 'reconnecting' | 'left' | 'error';

export interface CallState {
  status: CallStatus;
  /** Set when `status` is `error`. */
  error?: VisioError;
}

export interface JoinOptions extends TokenRequest {
  /** Publish the microphone on join. Default true. */
  audio?: boolean;
  /** Publish the camera on join. Default true. */
  video?: boolean;
  /**
   * Tracks already started (by the prejoin's preview): published as they are instead of opening
   * the devices again. The session owns them from then on, and stops them if the join fails.
   */
  tracks?: LocalTrack[];
  /** The devices to use for the microphone, the camera (now and when turned on later) and the speaker. */
  devices?: Partial<Record<DeviceKind, string>>;
}

/** What a session tells its owner besides its state. */
export interface CallSessionEvents {
  connected: { room: Room };
  disconnected: { reason?: DisconnectReason; error?: VisioError };
  'participant-joined': { participant: RemoteParticipant };
  'participant-left': { participant: RemoteParticipant };
  /** Every failure, fatal (also in the state) or not (a camera that would not start). */
  error: { error: VisioError };
}

/**
 * How every call connects. A pool of one set of ICE candidates makes the browser gather them as
 * soon as livekit-client creates the peer connection, before the join response; without it the
 * gathering starts only once the offer is set after that response, and ICE waits for it. Measured
 * (`npm run bench -- --prefab --breakdown`): the first local candidate 34 ms after the offer is
 * set instead of 101 ms, the first remote frame about 100 ms sooner. A browser that does not pool
 * candidates gathers them as before.
 */
const CONNECT_OPTIONS: RoomConnectOptions = { rtcConfig: { iceCandidatePoolSize: 1 } };

/**
 * One call: fetch a token, connect, publish, follow reconnections, leave. Plain TypeScript, no
 * DOM rendering; `<visio-call>` renders its state. Adaptive stream and dynacast are on unless
 * `roomOptions` says otherwise. One `Room` per session, reused across joins.
 */
export class CallSession {
  readonly room: Room;
  private readonly state = new Observable<CallState>({ status: 'idle' });
  private readonly events = new Emitter<CallSessionEvents>();
  private attempt?: AbortController;
  /** The join in flight: a second `join()` while connecting gets this one's result. */
  private joining?: Promise<boolean>;
  /** The tracks the join in flight was given (a second `join()` may hand over the same ones). */
  private joiningTracks: readonly LocalTrack[] = [];
  private leaving = false;
  /** The deployment: credentials, and what it does for the user beyond them. */
  readonly backend: CallBackend;
  private joined?: BackendCall;
  /** What the backend keeps beside the room while in the call (see `CallBackend.attend`): ended on leave. */
  private attendance?: Unsubscribe;
  /** The names the backend gives LiveKit identities (see `AttendHooks.names`). */
  private names: ReadonlyMap<string, string> = new Map();

  /**
   * `backend` is the deployment (a plain token source is a backend that only gives credentials).
   * With `e2ee` (see `e2eeSetup`), every join encrypts end to end.
   */
  constructor(
    backend: CallBackend | TokenSource,
    roomOptions: RoomOptions = {},
    private readonly e2ee?: E2EESetup,
  ) {
    this.backend = typeof backend === 'function' ? tokenSourceBackend(backend) : backend;
    // Incoming data streams are untrusted: one participant cannot make this page hold more than this.
    this.room = new Room({
      adaptiveStream: true,
      dynacast: true,
      dataStream: { maxPayloadByteLength: MAX_DATA_STREAM_BYTES },
      ...roomOptions,
      ...e2ee?.roomOptions,
    });
    guardSignalSocket(this.room);
    this.room
      .on(RoomEvent.Reconnecting, () => this.setState({ status: 'reconnecting' }))
      .on(RoomEvent.SignalReconnecting, () => this.setState({ status: 'reconnecting' }))
      .on(RoomEvent.Reconnected, () => this.setState({ status: 'connected' }))
      .on(RoomEvent.Disconnected, (reason) => this.onDisconnected(reason))
      .on(RoomEvent.ParticipantConnected, (participant) => {
        this.nameParticipants();
        this.emit('participant-joined', { participant });
      })
      .on(RoomEvent.ParticipantDisconnected, (participant) => this.emit('participant-left', { participant }));
  }

  get status(): CallStatus {
    return this.state.value.status;
  }

  /** The call the backend acts in, while connected (the room, and the credentials of this join). */
  get call(): BackendCall | undefined {
    const status = this.state.value.status;
    return status === 'connected' || status === 'reconnecting' ? this.joined : undefined;
  }

  /** Current state first, then every change. */
  subscribe(listener: (state: CallState) => void): Unsubscribe {
    return this.state.subscribe(listener);
  }

  on<K extends keyof CallSessionEvents>(type: K, listener: (detail: CallSessionEvents[K]) => void): Unsubscribe {
    return this.events.on(type, listener);
  }

  /**
   * Fetches a token and connects. Never rejects: a failure moves the state to `error` and is
   * emitted as an `error` event. Resolves to whether the call is now connected. While a join is in
   * flight, another `join()` resolves with it (tracks it alone was given are stopped).
   */
  join(options: JoinOptions): Promise<boolean> {
    const { status } = this.state.value;
    if (status === 'connecting' || status === 'waiting' || status === 'connected' || status === 'reconnecting') {
      options.tracks?.filter((track) => !this.joiningTracks.includes(track)).forEach((track) => track.stop());
      return this.joining ?? Promise.resolve(status !== 'connecting');
    }
    const joining = this.connect(options).finally(() => {
      if (this.joining !== joining) return;
      this.joining = undefined;
      this.joiningTracks = [];
    });
    this.joining = joining;
    this.joiningTracks = options.tracks ?? [];
    return joining;
  }

  private async connect(options: JoinOptions): Promise<boolean> {
    const attempt = new AbortController();
    this.attempt = attempt;
    this.leaving = false;
    this.setState({ status: 'connecting' });
    // Within the user's click, so that a user who joined with a click is never asked to start audio.
    const audioStarted = this.room.startAudio().catch(() => undefined);
    const { audio = true, video: wantsVideo = true, tracks = [], devices = {}, ...request } = options;
    // "Save data" on audio only: the camera stays off, whatever the join asked.
    const video = wantsVideo && !isAudioOnly(this.room);
    /** The devices opened while the token is on its way (see `openDevices`). */
    let opened: Promise<LocalTrack[]> = Promise.resolve([]);
    /**
     * A join that failed or was cancelled before connecting: the tracks handed over are stopped,
     * and the AudioContext `startAudio()` made is closed (LiveKit closes it only when a connected
     * room disconnects).
     */
    const release = async () => {
      tracks.forEach((track) => track.stop());
      (await opened).forEach((track) => track.stop());
      if (this.room.state === ConnectionState.Disconnected) {
        await audioStarted;
        await closeAudioContext(this.room);
      }
      return false;
    };
    try {
      this.useDevices(devices);
      request.roomName ||= this.backend.room ?? '';
      if (!request.roomName) throw new VisioError('configuration-invalid', 'No room name was given.');
      opened = this.openDevices(audio, video, tracks);
      const details = await this.backend.credentials(request, {
        signal: attempt.signal,
        waiting: () => {
          if (!attempt.signal.aborted) this.setState({ status: 'waiting' });
        },
      });
      if (attempt.signal.aborted) return await release();
      if (this.status === 'waiting') this.setState({ status: 'connecting' });
      this.joined = { room: this.room, roomName: request.roomName, token: details.participantToken, serverUrl: details.serverUrl };
      await this.e2ee?.enable(this.room);
      try {
        await this.room.connect(details.serverUrl, details.participantToken, CONNECT_OPTIONS);
      } catch (error) {
        throw connectError(error);
      }
      if (attempt.signal.aborted) return await release();
      this.attend(this.joined);
      this.setState({ status: 'connected' });
      this.emit('connected', { room: this.room });
      await this.publish(audio, video, [...tracks, ...(await opened)], attempt.signal);
      return !attempt.signal.aborted;
    } catch (error) {
      await release();
      if (attempt.signal.aborted) return false;
      const visioError = error instanceof VisioError ? error : unknownError(error);
      this.setState({ status: 'error', error: visioError });
      this.emit('error', { error: visioError });
      return false;
    } finally {
      if (this.attempt === attempt) this.attempt = undefined;
    }
  }

  /** Leaves the call (or stops joining). The state becomes `left`. Never rejects. */
  async leave(): Promise<void> {
    if (this.state.value.status === 'idle' || this.state.value.status === 'left') return;
    await this.stop();
    // Disconnecting a connected room already moved to `left`; an interrupted join has not.
    if (this.status !== 'left') this.setState({ status: 'left' });
  }

  /**
   * Stops a join still in flight (connecting, or waiting in the lobby) and goes back to `idle`, as
   * before the join: the lobby forgets the user, the devices the join opened are closed. Resolves
   * to whether there was such a join. Never rejects.
   */
  async cancelJoin(): Promise<boolean> {
    const { status } = this.state.value;
    if (status !== 'connecting' && status !== 'waiting') return false;
    await this.stop();
    this.setState({ status: 'idle' });
    return true;
  }

  private async stop(): Promise<void> {
    this.leaving = true;
    this.attempt?.abort();
    this.unattend();
    try {
      await this.room.disconnect();
    } catch {
      // Leaving cannot fail from the user's point of view: the media is stopped either way.
    }
  }

  /** Leaves and drops every listener. */
  async dispose(): Promise<void> {
    await this.leave();
    this.e2ee?.close();
    this.room.removeAllListeners();
    this.state.clear();
    this.events.clear();
  }

  /** Where the microphone and camera open from now on (a plain id: the default if it is gone), and the speaker. */
  private useDevices(devices: Partial<Record<DeviceKind, string>>): void {
    const { audioinput, videoinput, audiooutput } = devices;
    if (audioinput) this.room.options.audioCaptureDefaults = { ...this.room.options.audioCaptureDefaults, deviceId: audioinput };
    if (videoinput) this.room.options.videoCaptureDefaults = { ...this.room.options.videoCaptureDefaults, deviceId: videoinput };
    if (audiooutput) this.room.options.audioOutput = { ...this.room.options.audioOutput, deviceId: audiooutput };
  }

  /**
   * Opens the microphone and camera wanted and not handed over, so that they start while the
   * token is fetched and the connection made, instead of after. A device that fails here is not
   * reported: publishing tries it again and reports that failure.
   */
  private async openDevices(audio: boolean, video: boolean, given: readonly LocalTrack[]): Promise<LocalTrack[]> {
    const missing = (source: 'microphone' | 'camera') => !given.some((track) => track.source === TRACK_SOURCE[source]);
    const { audioCaptureDefaults, videoCaptureDefaults } = this.room.options;
    const opening = await Promise.all([
      audio && missing('microphone') ? createLocalAudioTrack(audioCaptureDefaults).catch(() => undefined) : undefined,
      video && missing('camera') ? createLocalVideoTrack(videoCaptureDefaults).catch(() => undefined) : undefined,
    ]);
    return opening.filter((track): track is NonNullable<typeof track> => track !== undefined);
  }

  /** Publishes the microphone and camera; a leave while they start stops what they started. */
  private async publish(audio: boolean, video: boolean, tracks: LocalTrack[], signal: AbortSignal): Promise<void> {
    const wanted: Array<['microphone' | 'camera', boolean]> = [
      ['microphone', audio],
      ['camera', video],
    ];
    const given = (source: 'microphone' | 'camera') => tracks.find((track) => track.source === TRACK_SOURCE[source]);
    const results = await Promise.allSettled(
      wanted
        .filter(([, on]) => on)
        .map(([source]) => {
          const track = given(source);
          return track ? publishTrack(this.room, track) : setSourceEnabled(this.room, source, true);
        }),
    );
    // Prepared tracks nobody wanted any more (turned off while joining) are released.
    tracks.filter((track) => !wanted.some(([source, on]) => on && TRACK_SOURCE[source] === track.source)).forEach((track) => track.stop());
    if (signal.aborted) {
      // Left while the devices were starting: whatever got published after the disconnect, or
      // was handed over, is stopped; failures caused by the leave are not reported.
      tracks.forEach((track) => track.stop());
      for (const publication of this.room.localParticipant.trackPublications.values()) publication.track?.stop();
      return;
    }
    for (const result of results) {
      if (result.status === 'rejected') this.emit('error', { error: result.reason as VisioError });
    }
  }

  /** Lets the backend keep what it keeps beside the room (a Matrix membership…) for this call. */
  private attend(call: BackendCall): void {
    this.unattend();
    this.attendance = this.backend.attend?.(call, {
      names: (names) => {
        this.names = names;
        this.nameParticipants();
      },
      error: (error) => this.emit('error', { error: unknownError(error) }),
    });
  }

  private unattend(): void {
    this.attendance?.();
    this.attendance = undefined;
    this.names = new Map();
  }

  /** Gives everyone present the name the backend has for them. */
  private nameParticipants(): void {
    for (const participant of everyone(this.room)) {
      const name = this.names.get(participant.identity);
      if (name) giveName(participant, name);
    }
  }

  private onDisconnected(reason?: DisconnectReason): void {
    this.unattend();
    const { status } = this.state.value;
    if (status === 'idle' || status === 'connecting' || status === 'waiting') return;
    const error = this.leaving ? undefined : disconnectError(reason);
    this.emit('disconnected', { reason, error });
    if (error) {
      this.setState({ status: 'error', error });
      this.emit('error', { error });
    } else {
      this.setState({ status: 'left' });
    }
  }

  private setState(state: CallState): void {
    this.state.set(state);
  }

  private emit<K extends keyof CallSessionEvents>(type: K, detail: CallSessionEvents[K]): void {
    this.events.emit(type, detail);
  }
}

/**
 * Closes the AudioContext `room.startAudio()` created for a room that never connected. LiveKit
 * keeps it private and closes it only when a connected room disconnects; a room that failed to
 * connect would keep it running. The next `startAudio()` makes a new one.
 */
async function closeAudioContext(room: Room): Promise<void> {
  // A context the host gave through `webAudioMix` is the host's to close.
  if (typeof room.options.webAudioMix === 'object') return;
  const context = (room as unknown as { audioContext?: unknown }).audioContext;
  if (typeof AudioContext === 'undefined' || !(context instanceof AudioContext) || context.state === 'closed') return;
  await context.close().catch(() => undefined);
}
