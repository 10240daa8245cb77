import { loadChunk } from '../errors.js';
import { once, type Unsubscribe } from '../subscribe.js';
import type { BackendAbility, CallBackend } from './backend.js';
import type { MeetBackendOptions } from './meet.js';

/**
 * A backend whose code loads on demand: `load()` starts at once (in parallel with the rest of a
 * join) and every call waits for it. It offers exactly `abilities`, which must be what the loaded
 * backend offers, so that `capabilities` and the UI are the same before and after it loaded. A
 * load that fails makes each call fail with that error (a later call tries again).
 */
export function deferredBackend(load: () => Promise<CallBackend>, abilities: readonly BackendAbility[]): CallBackend {
  let loading: Promise<CallBackend> | undefined;
  const backend = () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
  void backend().catch(() => undefined);
  const deferred: CallBackend = { credentials: async (request, options) => (await backend()).credentials(request, options) };
  const methods = deferred as unknown as Record<BackendAbility, (...args: unknown[]) => unknown>;
  for (const ability of abilities) {
    methods[ability] =
      ability === 'watchLobby'
        ? (...args: unknown[]): Unsubscribe => {
            let stop: Unsubscribe | undefined;
            let stopped = false;
            const onError = args[2] as (error: unknown) => void;
            backend().then((loaded) => {
              if (!stopped) stop = (loaded.watchLobby as (...all: unknown[]) => Unsubscribe).apply(loaded, args);
            }, onError);
            return once(() => {
              stopped = true;
              stop?.();
            });
          }
        : async (...args: unknown[]) => {
            const loaded = await backend();
            return (loaded[ability] as (...all: unknown[]) => Promise<unknown>).apply(loaded, args);
          };
  }
  return deferred;
}

/**
 * `meetBackend` for the self-contained bundle and `<visio-call meet-api>`: La Suite Meet's client
 * (src/core/backends/meet.ts) loads only when a call uses Meet.
 */
export function meetBackend(options: MeetBackendOptions): CallBackend {
  return deferredBackend(
    () => loadChunk('La Suite Meet’s client', () => import('./meet.js')).then((meet) => meet.meetBackend(options)),
    ['setHandRaised', 'rename', 'watchLobby', 'admit', 'muteTrack', 'removeParticipant', 'lowerHand', 'setRole', 'startRecording', 'stopRecording'],
  );
}
