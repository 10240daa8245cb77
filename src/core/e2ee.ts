import { ExternalE2EEKeyProvider, isE2EESupported, type BaseKeyProvider, RoomEvent, type Participant, type Room, type RoomOptions } from 'livekit-client';
import { VisioError } from './errors.js';

/**
 * End-to-end encryption, off unless asked for. Everyone in the room must use the same passphrase;
 * the LiveKit server then relays media and data (chat, captions, reactions) it cannot read.
 */
export interface E2EEConfig {
  /**
   * The shared key, given to participants out of band (never through the token endpoint's logs).
   * Not needed with a backend that exchanges per-participant keys itself (`matrixBackend`).
   */
  passphrase?: string;
  /**
   * Makes livekit-client's encryption worker. Default: `dist/e2ee-worker.js` next to the library
   * (see `defaultE2EEWorker`), loaded only now. Pass your own to serve it from elsewhere.
   */
  worker?: () => Worker;
}

/** What a session needs to encrypt: the Room options (with the worker, created now) and the key to set. */
export interface E2EESetup {
  roomOptions: Pick<RoomOptions, 'encryption'>;
  /**
   * Sets the key and turns encryption on. Rejects with `e2ee-unsupported` (this browser cannot)
   * or `e2ee-unavailable` (the worker could not be made or did not start): the call must not go on.
   */
  enable(room: Room): Promise<void>;
  /** Stops the worker. */
  close(): void;
}

/** How long a new worker has to answer before encryption counts as unavailable. */
const WORKER_START_TIMEOUT = 10_000;

/**
 * Creates the worker and key provider for `config`. Call it only when encryption is wanted. Never
 * throws: a worker that cannot be made (Trusted Types refusing its URL, a script on another
 * origin, a missing file) makes `enable` reject with `e2ee-unavailable`.
 *
 * Uses livekit-client's `encryption` Room option, which encrypts data packets and text streams
 * (chat, captions, reactions) as well as media.
 *
 * With `backendKeys` (a backend's per-participant key provider, see `CallBackend.keyProvider`),
 * the backend sets the keys and the passphrase is not used.
 */
export function e2eeSetup(config: E2EEConfig, defaultWorker: () => Worker, backendKeys?: BaseKeyProvider): E2EESetup {
  const keyProvider = backendKeys ?? new ExternalE2EEKeyProvider();
  let worker: Worker | undefined;
  let failure: unknown;
  try {
    worker = (config.worker ?? defaultWorker)();
  } catch (cause) {
    failure = cause;
  }
  // The worker answers livekit-client's `init` (posted when the Room is made), or fails to load.
  const started = worker
    ? new Promise<boolean>((resolve) => {
        worker.addEventListener('message', () => resolve(true), { once: true });
        worker.addEventListener(
          'error',
          (event) => {
            failure = event.message || 'the encryption worker failed to load';
            resolve(false);
          },
          { once: true },
        );
        setTimeout(() => resolve(false), WORKER_START_TIMEOUT);
      })
    : Promise.resolve(false);
  const unavailable = (cause: unknown) =>
    new VisioError(
      'e2ee-unavailable',
      `The end-to-end encryption worker could not start: ${cause instanceof Error ? cause.message : typeof cause === 'string' ? cause : 'no answer'}`,
      { cause },
    );
  return {
    roomOptions: worker ? { encryption: { keyProvider, worker } } : {},
    async enable(room) {
      if (!isE2EESupported()) throw new VisioError('e2ee-unsupported', 'This browser cannot encrypt calls end to end.');
      if (!worker || !(await started)) throw unavailable(failure);
      if (!backendKeys && !config.passphrase) throw new VisioError('configuration-invalid', 'End-to-end encryption needs a passphrase with this backend.');
      try {
        if (!backendKeys) await (keyProvider as ExternalE2EEKeyProvider).setKey(config.passphrase ?? '');
        await room.setE2EEEnabled(true);
      } catch (cause) {
        throw new VisioError('e2ee-unsupported', `End-to-end encryption could not start: ${String(cause)}`, { cause });
      }
    },
    close: () => worker?.terminate(),
  };
}

/** How long sending waits for encryption to be on before it gives up. */
const ENCRYPTION_WAIT = 5_000;

/**
 * Resolves when what this room sends on data channels is encrypted, or when it does not encrypt
 * at all. In a room set up for end-to-end encryption, rejects with `e2ee-unavailable` rather than
 * let data go out in the clear: when the worker has not turned encryption on within a few
 * seconds, or when the Room encrypts media only (livekit-client's older `e2ee` option).
 */
export async function ensureDataEncrypted(room: Room): Promise<void> {
  if (!room.hasE2EESetup) return;
  if (!room.options.encryption) {
    throw new VisioError('e2ee-unavailable', 'This Room encrypts media only (the `e2ee` option); nothing is sent in the clear. Use the `encryption` option.');
  }
  if (room.isE2EEEnabled) return;
  const on = await new Promise<boolean>((resolve) => {
    const changed = (enabled: boolean, participant?: Participant) => {
      if (!enabled || participant !== room.localParticipant) return;
      clearTimeout(timer);
      room.off(RoomEvent.ParticipantEncryptionStatusChanged, changed);
      resolve(true);
    };
    const timer = setTimeout(() => {
      room.off(RoomEvent.ParticipantEncryptionStatusChanged, changed);
      resolve(room.isE2EEEnabled);
    }, ENCRYPTION_WAIT);
    room.on(RoomEvent.ParticipantEncryptionStatusChanged, changed);
  });
  if (!on) throw new VisioError('e2ee-unavailable', 'End-to-end encryption is not on; nothing was sent in the clear.');
}
