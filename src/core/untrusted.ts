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

/** A day, in milliseconds: how far a sender's clock may be from ours before its time is not believed. */
export const CLOCK_TOLERANCE = 24 * 60 * 60 * 1000;

/**
 * A time a participant sent (epoch milliseconds), or `arrival` when it cannot be right: not a
 * finite number, negative, or more than a day after `arrival` (`1e16` would make `new Date()`
 * invalid). Only shown: what was said is ordered by arrival, whatever its time.
 */
export function believableTime(sent: unknown, arrival: number): number {
  return typeof sent === 'number' && Number.isFinite(sent) && sent >= 0 && sent - arrival <= CLOCK_TOLERANCE ? sent : arrival;
}

const encoder = new TextEncoder();

/** The UTF-8 size of `text`, in bytes. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      // A surrogate pair: one code point, four bytes.
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** `text` cut to at most `maxBytes` of UTF-8, never inside a character; `truncated` when cut. */
export function capText(text: string, maxBytes: number): { text: string; truncated: boolean } {
  if (text.length <= maxBytes / 3 || utf8Length(text) <= maxBytes) return { text, truncated: false };
  // `encodeInto` writes whole characters only; `read` says how much of `text` fitted.
  const { read } = encoder.encodeInto(text, new Uint8Array(Math.max(0, maxBytes)));
  return { text: text.slice(0, read), truncated: true };
}

/** What `readCapped` read: the text up to the cap, and whether there was more. */
export interface CappedText {
  text: string;
  truncated: boolean;
}

/**
 * Reads a text stream (anything that yields strings) keeping at most `maxBytes` of UTF-8. The rest
 * is read and thrown away rather than left unread: livekit-client keeps queueing the chunks of a
 * stream nobody reads until it ends, so stopping would keep them all in memory. `onText` (when
 * given) sees the text kept so far after each chunk that added to it.
 */
export async function readCapped(reader: AsyncIterable<string>, maxBytes: number, onText?: (text: string) => void): Promise<CappedText> {
  let text = '';
  let bytes = 0;
  let truncated = false;
  for await (const chunk of reader) {
    if (truncated) continue;
    const size = utf8Length(chunk);
    if (bytes + size <= maxBytes) {
      text += chunk;
      bytes += size;
    } else {
      text += capText(chunk, maxBytes - bytes).text;
      truncated = true;
    }
    onText?.(text);
  }
  return { text, truncated };
}

// C0 and C1 controls (newlines and tabs among them), and the line and paragraph separators.
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;
// Bidirectional embeddings, overrides and isolates, and the direction marks: they can make text
// read in another order than it is stored (a name that shows as someone else's line).
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Untrusted text made safe for one line of a plain-text file: controls and line breaks become
 * spaces, bidirectional controls go, runs of spaces collapse, ends are trimmed.
 */
export function oneLine(text: string): string {
  return text.replace(BIDI, '').replace(CONTROLS, ' ').replace(/\s+/g, ' ').trim();
}
