import { BaseKeyProvider, createKeyMaterialFromBuffer } from 'livekit-client';
import type { CallBackend } from './backend.js';

/**
 * A signed-in Matrix session and the room whose call to join. The host supplies it (its own
 * Matrix client's session): the user never types it into the element, and the access token is
 * never logged, shown or put in the DOM.
 */
export interface MatrixBackendOptions {
  /** The homeserver's client API base, `https://matrix.example.fr`. */
  homeserver: string;
  /** The Matrix room whose call to join, `!abc:example.fr`. */
  roomId: string;
  /** `@camille:example.fr` */
  userId: string;
  accessToken: string;
  deviceId: string;
  /**
   * The LiveKit credentials service (`https://…/livekit/jwt`), when the host knows it. Otherwise
   * it is discovered: the homeserver's MSC4143 `rtc/transports` endpoint, then the
   * `org.matrix.msc4143.rtc_foci` key of the `.well-known/matrix/client` of `wellKnownBase`.
   */
  livekitServiceUrl?: string;
  /**
   * Where `/.well-known/matrix/client` is served. Default: `https://<server name>`, the server
   * name being the part of `userId` after its first `:`, as the Matrix specification says.
   */
  wellKnownBase?: string;
  /** For tests and exotic environments. Default: the global `fetch`. */
  fetch?: typeof fetch;
}

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
  const rtc = () => import('./matrix-rtc.js');
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
