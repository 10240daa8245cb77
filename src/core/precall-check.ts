import { ConnectionState, Room, RoomEvent } from 'livekit-client';
import { Observable, type Unsubscribe } from './subscribe.js';
import { guardCurrentSocket, guardSignalSocket } from './signal-socket.js';
import { decodeJwtPayload, type ConnectionDetails } from './token-source.js';

/**
 * The connection part of the pre-call check:
 * - `idle`: not run yet; `checking`: under way;
 * - `reachable`: a hidden test participant connected to the LiveKit server, media included, over
 *   `transport` (`udp`; `tcp` when UDP is blocked; `relay` through a TURN server);
 * - `media-blocked`: the server answered (signalling), but no media path could be set up;
 * - `unreachable`: the server could not be reached at all;
 * - `untested`: the deployment gives no check credentials (see `CallBackend.checkCredentials`), or
 *   could not give them now: nothing was tested, the user can still join.
 */
export type ConnectionCheckStatus = 'idle' | 'checking' | 'reachable' | 'media-blocked' | 'unreachable' | 'untested';

/** How the media reached the server: straight over UDP, over TCP, or through a TURN relay. */
export type ConnectionTransport = 'udp' | 'tcp' | 'relay';

export interface ConnectionCheckResult {
  status: ConnectionCheckStatus;
  /** When `reachable`: the selected ICE candidate pair's transport. */
  transport?: ConnectionTransport;
  /** When `reachable`: the round-trip time to the server in milliseconds (the selected pair's `currentRoundTripTime`), when the browser measured it. */
  roundTripTime?: number;
  /** When `reachable`: whether the server offers a TURN relay (its ICE servers hold a `turn:` or `turns:` URL). */
  relayOffered?: boolean;
}

/**
 * The microphone part: `checking` (listening), `sound` (it picks up sound), `silent` (only
 * silence over the listening window: muted, broken, or the wrong device), `unknown` (the page
 * could not listen: audio analysis suspended by the browser, or the track ended), `off` (no
 * microphone track to check: turned off or failed to start).
 */
export type MicrophoneCheckStatus = 'idle' | 'checking' | 'sound' | 'silent' | 'unknown' | 'off';

/** The results of the pre-call check (`visio-precall-check`, `checkConnection()`). */
export interface PrecallCheckResult {
  connection: ConnectionCheckResult;
  microphone: { status: MicrophoneCheckStatus };
}

/** Where the check gets its credentials: a hidden, short-lived token (see `CallBackend.checkCredentials`), or none. */
export type CheckCredentials = ((signal: AbortSignal) => Promise<ConnectionDetails>) | undefined;

/** How long the microphone is listened to before it is called silent (milliseconds of running audio). */
export const SILENCE_WINDOW_MS = 3_000;
/**
 * The peak amplitude (of 1) under which the microphone is silent: −80 dBFS, about three steps of a
 * 16-bit sample. A muted or broken device sends zeros; a real microphone in a quiet room, even
 * behind noise suppression, sends more than that, and Chromium's fake microphone beeps at full scale.
 */
export const SILENCE_PEAK = 1e-4;

/** How long the connection check waits for the server (each of signalling and media), in milliseconds. */
const CONNECT_TIMEOUT_MS = 10_000;
/** How long the round-trip time is waited for once connected (the first STUN answers give it). */
const RTT_WAIT_MS = 3_000;

/**
 * Whether a token is one for a check: LiveKit's `hidden` grant (nobody in the room sees the
 * participant) and no right to publish. Any other token would show the user as joined, then gone.
 */
export function isCheckToken(token: string): boolean {
  const video = decodeJwtPayload(token)?.video as Record<string, unknown> | undefined;
  return video?.hidden === true && video.canPublish === false && video.canPublishData !== true;
}

/**
 * Connects a hidden participant to the LiveKit server with a check token, reads which transport
 * the selected ICE candidate pair uses and its round-trip time, and leaves. Never rejects.
 */
export async function checkServerConnection(details: ConnectionDetails, signal?: AbortSignal): Promise<ConnectionCheckResult> {
  if (!isCheckToken(details.participantToken)) return { status: 'untested' };
  const room = new Room();
  guardSignalSocket(room);
  let signalled = false;
  room.once(RoomEvent.SignalConnected, () => (signalled = true));
  const abort = () => {
    guardCurrentSocket(room);
    void room.disconnect();
  };
  signal?.addEventListener('abort', abort, { once: true });
  try {
    await room.connect(details.serverUrl, details.participantToken, {
      autoSubscribe: false,
      maxRetries: 0,
      websocketTimeout: CONNECT_TIMEOUT_MS,
      peerConnectionTimeout: CONNECT_TIMEOUT_MS,
    });
    const relayOffered = (room.engine.latestJoinResponse?.iceServers ?? []).some((server) => server.urls.some((url) => /^turns?:/.test(url)));
    const path = await selectedPath(room, signal);
    if (!path) return { status: 'media-blocked' };
    return { status: 'reachable', transport: path.transport, ...(path.roundTripTime !== undefined ? { roundTripTime: path.roundTripTime } : {}), relayOffered };
  } catch {
    return { status: signalled ? 'media-blocked' : 'unreachable' };
  } finally {
    signal?.removeEventListener('abort', abort);
    guardCurrentSocket(room);
    if (room.state !== ConnectionState.Disconnected) await room.disconnect().catch(() => undefined);
  }
}

/** The transport and round-trip time of the selected candidate pair of the room's peer connections, waiting a little for the time. */
async function selectedPath(room: Room, signal?: AbortSignal): Promise<{ transport: ConnectionTransport; roundTripTime?: number } | undefined> {
  const manager = room.engine.pcManager;
  const transports = [manager?.subscriber, manager?.publisher].filter((transport) => !!transport);
  const deadline = Date.now() + RTT_WAIT_MS;
  let found: { transport: ConnectionTransport; roundTripTime?: number } | undefined;
  for (;;) {
    for (const transport of transports) {
      const stats = await transport.getStats();
      const path = stats && pathFromStats(stats);
      if (path && (!found || path.roundTripTime !== undefined)) found = path;
    }
    if ((found && found.roundTripTime !== undefined) || Date.now() > deadline || signal?.aborted) return found;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

type Stat = Record<string, unknown> & { id: string; type: string };

/** The selected candidate pair of a stats report: its transport, and its round-trip time in ms. */
export function pathFromStats(report: RTCStatsReport): { transport: ConnectionTransport; roundTripTime?: number } | undefined {
  const stats = [...(report as unknown as Map<string, Stat>).values()];
  const byId = new Map(stats.map((stat) => [stat.id, stat]));
  const selectedId = stats.find((stat) => stat.type === 'transport' && typeof stat.selectedCandidatePairId === 'string')?.selectedCandidatePairId;
  const pairs = stats.filter((stat) => stat.type === 'candidate-pair');
  const pair =
    pairs.find((stat) => stat.id === selectedId) ??
    // Firefox marks the pair itself.
    pairs.find((stat) => stat.selected === true) ??
    pairs.find((stat) => stat.nominated === true && stat.state === 'succeeded');
  if (!pair) return undefined;
  const local = byId.get(pair.localCandidateId as string);
  const remote = byId.get(pair.remoteCandidateId as string);
  const relayed = local?.candidateType === 'relay' || remote?.candidateType === 'relay';
  const protocol = [local?.protocol, remote?.protocol].find((value): value is string => typeof value === 'string')?.toLowerCase();
  const transport: ConnectionTransport = relayed ? 'relay' : protocol === 'tcp' ? 'tcp' : 'udp';
  const seconds =
    typeof pair.currentRoundTripTime === 'number'
      ? pair.currentRoundTripTime
      : typeof pair.totalRoundTripTime === 'number' && typeof pair.responsesReceived === 'number' && pair.responsesReceived > 0
        ? pair.totalRoundTripTime / pair.responsesReceived
        : undefined;
  return { transport, ...(seconds !== undefined ? { roundTripTime: Math.round(seconds * 1000) } : {}) };
}

/**
 * Listens to a microphone track for `windowMs` of running audio: `sound` as soon as a sample
 * reaches `SILENCE_PEAK`, `silent` when none did, `unknown` when the browser kept the audio
 * analysis suspended (no user gesture yet) or the track ended. The track is not stopped. Never rejects.
 */
export async function checkMicrophoneSound(
  track: MediaStreamTrack,
  options: { windowMs?: number; signal?: AbortSignal } = {},
): Promise<'sound' | 'silent' | 'unknown'> {
  const { windowMs = SILENCE_WINDOW_MS, signal } = options;
  let context: AudioContext;
  try {
    context = new AudioContext();
  } catch {
    return 'unknown';
  }
  try {
    const analyser = context.createAnalyser();
    // The longest window an analyser keeps (~0.7 s at 48 kHz): read every 100 ms, no beep falls between two reads.
    analyser.fftSize = 32_768;
    context.createMediaStreamSource(new MediaStream([track])).connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    const started = Date.now();
    let listened = 0;
    let last = started;
    for (;;) {
      if (signal?.aborted || track.readyState === 'ended') return 'unknown';
      const now = Date.now();
      if (context.state === 'running') {
        listened += now - last;
        analyser.getFloatTimeDomainData(samples);
        if (samples.some((sample) => Math.abs(sample) >= SILENCE_PEAK)) return 'sound';
        if (listened >= windowMs) return 'silent';
      } else {
        void context.resume().catch(() => undefined);
        // Suspended for longer than the window: the browser waits for a gesture; say nothing rather than "silent".
        if (now - started > windowMs * 2) return 'unknown';
      }
      last = now;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } catch {
    return 'unknown';
  } finally {
    void context.close().catch(() => undefined);
  }
}

/**
 * The pre-call check of one call: the connection (with credentials from `credentials`) and the
 * selected microphone, each re-run on demand; the results as an observable (current value first).
 */
export class PrecallCheck {
  private readonly observable = new Observable<PrecallCheckResult>({ connection: { status: 'idle' }, microphone: { status: 'idle' } });
  private connectionRun?: { abort: AbortController; done: Promise<void> };
  private microphoneRun?: { abort: AbortController; done: Promise<void> };
  private microphoneTrack?: MediaStreamTrack;

  constructor(private readonly credentials: () => CheckCredentials) {}

  get current(): PrecallCheckResult {
    return this.observable.value;
  }

  /** Current results first, then every change. */
  subscribe(next: (result: PrecallCheckResult) => void): Unsubscribe {
    return this.observable.subscribe(next);
  }

  /** Whether any part is under way. */
  get running(): boolean {
    return this.current.connection.status === 'checking' || this.current.microphone.status === 'checking';
  }

  /** Checks the connection again (and the microphone, when one is known); resolves with the results once both are done. */
  async run(): Promise<PrecallCheckResult> {
    const microphone = this.microphoneTrack;
    await Promise.all([this.checkConnection(), microphone ? this.checkMicrophone(microphone) : this.microphoneRun?.done]);
    return this.current;
  }

  /** Checks the connection, stopping a check under way. */
  checkConnection(): Promise<void> {
    this.connectionRun?.abort.abort();
    const abort = new AbortController();
    this.update({ connection: { status: 'checking' } });
    const done = (async () => {
      const get = this.credentials();
      let result: ConnectionCheckResult;
      if (!get) result = { status: 'untested' };
      else {
        let details: ConnectionDetails | undefined;
        try {
          details = await get(abort.signal);
        } catch {
          details = undefined;
        }
        result = details && !abort.signal.aborted ? await checkServerConnection(details, abort.signal) : { status: 'untested' };
      }
      if (!abort.signal.aborted) this.update({ connection: result });
    })();
    this.connectionRun = { abort, done };
    return done;
  }

  /** Listens to the selected microphone (none: `off`), stopping a check under way. */
  checkMicrophone(track: MediaStreamTrack | undefined): Promise<void> {
    this.microphoneRun?.abort.abort();
    this.microphoneTrack = track;
    if (!track) {
      this.microphoneRun = undefined;
      this.update({ microphone: { status: 'off' } });
      return Promise.resolve();
    }
    const abort = new AbortController();
    this.update({ microphone: { status: 'checking' } });
    const done = checkMicrophoneSound(track, { signal: abort.signal }).then((status) => {
      if (!abort.signal.aborted) this.update({ microphone: { status } });
    });
    this.microphoneRun = { abort, done };
    return done;
  }

  /** Stops what is under way (the element left the page). */
  stop(): void {
    this.connectionRun?.abort.abort();
    this.microphoneRun?.abort.abort();
    this.microphoneTrack = undefined;
    const { connection, microphone } = this.current;
    this.update({
      connection: connection.status === 'checking' ? { status: 'idle' } : connection,
      microphone: microphone.status === 'checking' ? { status: 'idle' } : microphone,
    });
  }

  private update(changes: Partial<PrecallCheckResult>): void {
    this.observable.set({ ...this.current, ...changes });
  }
}
