import type { Room } from 'livekit-client';
import { roomHub, type CaptionSegment } from './room-hub.js';
import { all, type Unsubscribe } from './subscribe.js';
import { oneLine } from './untrusted.js';

export type { CaptionSegment } from './room-hub.js';

/** Every segment of the session so far (interim ones too), then again after each change. */
export function observeCaptions(room: Room, next: (segments: CaptionSegment[]) => void): Unsubscribe {
  const hub = roomHub(room);
  const emit = () => next([...hub.transcript]);
  emit();
  return all(hub.on('caption', emit), hub.on('transcript', emit), hub.on('reset', emit));
}

/** Each segment as it changes (interim text, then final). */
export function onCaption(room: Room, listener: (segment: CaptionSegment) => void): Unsubscribe {
  return roomHub(room).on('caption', listener);
}

export type TranscriptFormat = 'vtt' | 'txt';

/** The session's transcript so far (final segments only), as WebVTT or plain text. */
export function transcript(room: Room, format: TranscriptFormat): string {
  const segments = roomHub(room).transcript;
  return format === 'vtt' ? toWebVTT(segments) : toPlainText(segments);
}

/** Saves the transcript as a file, `transcript.vtt` or `transcript.txt`, through a temporary link. */
export function downloadTranscript(room: Room, format: TranscriptFormat): void {
  const type = format === 'vtt' ? 'text/vtt' : 'text/plain';
  const url = URL.createObjectURL(new Blob([transcript(room, format)], { type: `${type};charset=utf-8` }));
  const link = Object.assign(document.createElement('a'), { href: url, download: `transcript.${format}` });
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** `3723004` → `01:02:03.004`. */
export function vttTimestamp(ms: number): string {
  const total = Math.max(0, Math.round(ms));
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  const hours = Math.floor(total / 3_600_000);
  const minutes = Math.floor(total / 60_000) % 60;
  const seconds = Math.floor(total / 1000) % 60;
  return `${pad(hours)}:${pad(minutes)}:${pad(seconds)}.${pad(total % 1000, 3)}`;
}

/**
 * Text safe in a WebVTT cue: `&`, `<`, `>` escaped, on one line (no line that would end the cue),
 * without control or bidirectional-override characters.
 */
export function escapeVtt(text: string): string {
  return oneLine(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A cue lasts at least this long, so that an instant segment is still a valid (and readable) cue. */
const MIN_CUE = 1000;

/** One cue per final segment, timed from the session start, the speaker as a voice span. */
export function toWebVTT(segments: readonly CaptionSegment[]): string {
  const cues = segments
    .filter((segment) => segment.final && oneLine(segment.text))
    .map((segment, index) => {
      const end = Math.max(segment.end, segment.start + MIN_CUE);
      // In `<v Name>`, the name ends at `>`; escaping keeps it inside.
      return `${index + 1}\n${vttTimestamp(segment.start)} --> ${vttTimestamp(end)}\n<v ${escapeVtt(segment.speaker.name)}>${escapeVtt(segment.text)}`;
    });
  return ['WEBVTT', ...cues].join('\n\n') + '\n';
}

/**
 * `[00:01:02] Name: text`, one line per final segment. Names and text are kept to one line each,
 * without control or bidirectional-override characters, so that neither can make a line that
 * looks like someone else's.
 */
export function toPlainText(segments: readonly CaptionSegment[]): string {
  return segments
    .filter((segment) => segment.final && oneLine(segment.text))
    .map((segment) => `[${vttTimestamp(segment.start).slice(0, 8)}] ${oneLine(segment.speaker.name)}: ${oneLine(segment.text)}\n`)
    .join('');
}
