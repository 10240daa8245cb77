import { scriptURL } from './internal/trusted-types.js';

/**
 * The default end-to-end encryption worker: `e2ee-worker.js`, a copy of livekit-client's worker
 * that the build puts in dist/, next to this module and to the self-contained bundle, so the
 * same relative URL works from both (and bundlers that follow `new URL(…, import.meta.url)` copy
 * it). Nothing loads it until a call asks for encryption. On a page that enforces Trusted Types,
 * its URL goes through the `visio-elements` policy.
 */
export function defaultE2EEWorker(): Worker {
  return new Worker(scriptURL(new URL('./e2ee-worker.js', import.meta.url)), { type: 'module' });
}
