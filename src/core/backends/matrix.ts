import { BaseKeyProvider, createKeyMaterialFromBuffer } from 'livekit-client';
import { loadChunk } from '../errors.js';
import type { CallBackend } from './backend.js';
import type { MatrixBackendOptions, MatrixToDevice, MatrixToDeviceMessage } from './matrix-rtc.js';

export type { MatrixBackendOptions, MatrixToDevice, MatrixToDeviceMessage };

/**
 * Per-participant media keys, as Element Call's key provider keeps them: one keyring per LiveKit
 * identity (not a shared key), a ratchet window of 10 and 256 keys kept.
 */
export class MatrixKeyProvider extends BaseKeyProvider {
  constructor() {
    super({ ratchetWindowSize: 10, keyringSize: 256 });
  }

  /** Sets the raw key (16 random bytes, as Element Call makes them) of `identity` at `index`. */
  async setRawKey(key: Uint8Array, identity: string, index: number): Promise<void> {
    this.onSetEncryptionKey(await createKeyMaterialFromBuffer(key.slice().buffer), identity, index);
  }
}

/**
 * The MatrixRTC backend, for Tchap and Element Call calls: given a signed-in Matrix session, it
 * finds the LiveKit credentials service, exchanges an OpenID token for LiveKit credentials
 * (`/get_token`, falling back to `/sfu/get`), and while in the call keeps an
 * `org.matrix.msc3401.call.member` membership in the room (cleared on leave and when the page
 * closes) so that Element Call users see this participant, names everyone by their Matrix display
 * name, and, when the element's `e2ee` is set (no passphrase needed), exchanges per-participant
 * media keys as `io.element.call.encryption_keys` room events.
 *
 * Everything beyond this small object is loaded on first use, in its own chunk.
 */
export function matrixBackend(options: MatrixBackendOptions): CallBackend {
  const keyProvider = new MatrixKeyProvider();
  const rtc = () => loadChunk('The Tchap (MatrixRTC) call client', () => import('./matrix-rtc.js'));
  return {
    room: options.roomId,
    keyProvider,
    credentials: async (_request, credentialsOptions) => (await rtc()).matrixCredentials(options, credentialsOptions),
    attend: (call, hooks) => {
      let stop: (() => void) | undefined;
      let stopped = false;
      rtc().then(
        (module) => {
          if (!stopped) stop = module.attendCall(options, keyProvider, call, hooks);
        },
        (error: unknown) => hooks.error(error),
      );
      return () => {
        stopped = true;
        stop?.();
      };
    },
  };
}
