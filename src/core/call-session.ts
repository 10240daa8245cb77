import { DisconnectReason, Room, RoomEvent, Track, type LocalTrack, type RemoteParticipant, type RoomOptions } from 'livekit-client';
import type { DeviceKind } from './devices.js';
import type { E2EESetup } from './e2ee.js';
import { connectError, disconnectError, unknownError, VisioError } from './errors.js';
import { publishTrack, setSourceEnabled } from './media.js';
import { MAX_DATA_STREAM_BYTES } from './room-hub.js';
import { Emitter, Observable, type Unsubscribe } from './subscribe.js';
import type { TokenRequest, TokenSource } from './token-source.js';

/** Where a call is. `left` and `error` can `join()` again. */
export type CallStatus = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'left' | 'error';

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
 * One call: fetch a token, connect, publish, follow reconnections, leave. Plain TypeScript, no
 * DOM rendering; `<visio-call>` renders its state. Adaptive stream and dynacast are on unless
 * `roomOptions` says otherwise. One `Room` per session, reused across joins.
 */
export class CallSession {
  readonly room: Room;
  private readonly state = new Observable<CallState>({ status: 'idle' });
  private readonly events = new Emitter<CallSessionEvents>();
  private attempt?: AbortController;
  private leaving = false;

  /** With `e2ee` (see `e2eeSetup`), every join encrypts end to end. */
  constructor(
    private readonly tokenSource: TokenSource,
    roomOptions: RoomOptions = {},
    private readonly e2ee?: E2EESetup,
  ) {
    // Incoming data streams are untrusted: one participant cannot make this page hold more than this.
    this.room = new Room({ adaptiveStream: true, dynacast: true, dataStream: { maxPayloadByteLength: MAX_DATA_STREAM_BYTES }, ...roomOptions, ...e2ee?.roomOptions });
    this.room
      .on(RoomEvent.Reconnecting, () => this.setState({ status: 'reconnecting' }))
      .on(RoomEvent.SignalReconnecting, () => this.setState({ status: 'reconnecting' }))
      .on(RoomEvent.Reconnected, () => this.setState({ status: 'connected' }))
      .on(RoomEvent.Disconnected, (reason) => this.onDisconnected(reason))
      .on(RoomEvent.ParticipantConnected, (participant) => this.emit('participant-joined', { participant }))
      .on(RoomEvent.ParticipantDisconnected, (participant) => this.emit('participant-left', { participant }));
  }

  get status(): CallStatus {
    return this.state.value.status;
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
   * emitted as an `error` event. Resolves to whether the call is now connected.
   */
  async join(options: JoinOptions): Promise<boolean> {
    if (this.state.value.status === 'connecting' || this.state.value.status === 'connected' || this.state.value.status === 'reconnecting') {
      options.tracks?.forEach((track) => track.stop());
      return this.state.value.status !== 'connecting';
    }
    const attempt = new AbortController();
    this.attempt = attempt;
    this.leaving = false;
    this.setState({ status: 'connecting' });
    // Within the user's click, so that a user who joined with a click is never asked to start audio.
    void this.room.startAudio().catch(() => undefined);
    const { audio = true, video = true, tracks = [], devices = {}, ...request } = options;
    /** Tracks handed over but never published (the join failed or was cancelled) are stopped. */
    const release = () => {
      tracks.forEach((track) => track.stop());
      return false;
    };
    try {
      this.useDevices(devices);
      if (!request.roomName) throw new VisioError('configuration-invalid', 'No room name was given.');
      const details = await this.tokenSource(request, { signal: attempt.signal });
      if (attempt.signal.aborted) return release();
      await this.e2ee?.enable(this.room);
      try {
        await this.room.connect(details.serverUrl, details.participantToken);
      } catch (error) {
        throw connectError(error);
      }
      if (attempt.signal.aborted) return release();
      this.setState({ status: 'connected' });
      this.emit('connected', { room: this.room });
      await this.publish(audio, video, tracks);
      return true;
    } catch (error) {
      release();
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
    this.leaving = true;
    this.attempt?.abort();
    try {
      await this.room.disconnect();
    } catch {
      // Leaving cannot fail from the user's point of view: the media is stopped either way.
    }
    // Disconnecting a connected room already moved to `left`; an interrupted join has not.
    if (this.status !== 'left') this.setState({ status: 'left' });
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

  private async publish(audio: boolean, video: boolean, tracks: LocalTrack[]): Promise<void> {
    const wanted: Array<[Track.Source.Microphone | Track.Source.Camera, boolean]> = [
      [Track.Source.Microphone, audio],
      [Track.Source.Camera, video],
    ];
    const given = (source: Track.Source) => tracks.find((track) => track.source === source);
    const results = await Promise.allSettled(
      wanted
        .filter(([, on]) => on)
        .map(([source]) => {
          const track = given(source);
          return track ? publishTrack(this.room, track) : setSourceEnabled(this.room, source, true);
        }),
    );
    // Prepared tracks nobody wanted any more (turned off while joining) are released.
    tracks.filter((track) => !wanted.some(([source, on]) => on && source === track.source)).forEach((track) => track.stop());
    for (const result of results) {
      if (result.status === 'rejected') this.emit('error', { error: result.reason as VisioError });
    }
  }

  private onDisconnected(reason?: DisconnectReason): void {
    if (this.state.value.status === 'idle' || this.state.value.status === 'connecting') return;
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
