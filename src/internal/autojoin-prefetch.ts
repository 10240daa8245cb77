import { jsonPost, requestBody, startEarly } from '../core/token-request.js';

/**
 * Starts the token request of each `<visio-call autojoin>` already in `root`, before the elements
 * are defined: the self-contained bundle calls this first, so the request is on its way while the
 * rest of the bundle (livekit-client, Lit, the elements) is evaluated, and the element's join then
 * takes its answer (`takeStarted` in `postJson`). Only the request the element would make itself
 * the moment it is defined: from its `token-endpoint`, `room`, `name` and `credentials` attributes,
 * with no `meet-api`, and no `tokenSource` or `backend` property set on it before the bundle ran.
 * Anything else (a later element, another backend) asks when it joins, as before.
 */
export function prefetchAutojoinTokens(root: ParentNode = document): void {
  for (const call of root.querySelectorAll('visio-call[autojoin][token-endpoint][room]:not([meet-api])')) {
    if (Object.hasOwn(call, 'tokenSource') || Object.hasOwn(call, 'backend')) continue;
    const endpoint = call.getAttribute('token-endpoint')!;
    const roomName = call.getAttribute('room')!;
    const credentials = (call.getAttribute('credentials') ?? 'include') as RequestCredentials;
    if (!endpoint || !roomName || !['include', 'same-origin', 'omit'].includes(credentials)) continue;
    startEarly(endpoint, jsonPost(requestBody({ roomName, participantName: call.getAttribute('name') || undefined }), credentials, {}));
  }
}
