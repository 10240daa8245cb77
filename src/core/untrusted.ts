/** Helpers for what other participants send: every byte of it is untrusted input. */

/** Decodes a JSON data packet; `undefined` when it is not JSON. */
export function decodeJson(payload: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(payload));
  } catch {
    return undefined;
  }
}

/** Allows at most `max` calls per `windowMs` (sliding window), per key. */
export function rateLimiter(max: number, windowMs: number, now: () => number = Date.now): (key?: string) => boolean {
  const times = new Map<string, number[]>();
  return (key = '') => {
    const t = now();
    const recent = (times.get(key) ?? []).filter((time) => t - time < windowMs);
    const allowed = recent.length < max;
    if (allowed) recent.push(t);
    if (recent.length) times.set(key, recent);
    else times.delete(key);
    return allowed;
  };
}
