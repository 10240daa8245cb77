import { ExternalE2EEKeyProvider, isE2EESupported, type Room, type RoomOptions } from 'livekit-client';
import { VisioError } from './errors.js';

/**
 * End-to-end encryption, off unless asked for. Everyone in the room must use the same passphrase;
 * the LiveKit server then relays media it cannot read.
 */
export interface E2EEConfig {
  /** The shared key, given to participants out of band (never through the token endpoint's logs). */
  passphrase: string;
  /**
   * Makes livekit-client's encryption worker. Default: `dist/e2ee-worker.js` next to the library
   * (see `defaultE2EEWorker`), loaded only now. Pass your own to serve it from elsewhere.
   */
  worker?: () => Worker;
}

/** What a session needs to encrypt: the Room options (with the worker, created now) and the key to set. */
export interface E2EESetup {
  roomOptions: Pick<RoomOptions, 'e2ee'>;
  enable(room: Room): Promise<void>;
  /** Stops the worker. */
  close(): void;
}

/** Creates the worker and key provider for `config`. Call it only when encryption is wanted. */
export function e2eeSetup(config: E2EEConfig, defaultWorker: () => Worker): E2EESetup {
  const keyProvider = new ExternalE2EEKeyProvider();
  // A worker the page refuses (a Content Security Policy without the worker's origin in
  // worker-src, or Trusted Types without the `visio-elements` policy) fails the join, before it
  // connects: never an unencrypted call instead.
  let worker: Worker | undefined;
  let refused: unknown;
  try {
    worker = (config.worker ?? defaultWorker)();
  } catch (cause) {
    refused = cause;
  }
  return {
    roomOptions: worker ? { e2ee: { keyProvider, worker } } : {},
    async enable(room) {
      if (!worker) throw new VisioError('e2ee-unsupported', `The encryption worker could not start: ${String(refused)}`, { cause: refused });
      if (!isE2EESupported()) throw new VisioError('e2ee-unsupported', 'This browser cannot encrypt calls end to end.');
      try {
        await keyProvider.setKey(config.passphrase);
        await room.setE2EEEnabled(true);
      } catch (cause) {
        throw new VisioError('e2ee-unsupported', `End-to-end encryption could not start: ${String(cause)}`, { cause });
      }
    },
    close: () => worker?.terminate(),
  };
}
