/**
 * Shortening text for people and models. Lengths count UTF-16 code units, as `String.length` does
 * (an emoji counts 2), and no cut falls inside a character (./boundaries.ts), so a cut may keep a
 * few units less than the room allows.
 */
import { boundaryAtOrAfter, boundaryAtOrBefore } from './boundaries.js';

/** What a cut tells the reader, from the code units left out and kept. */
export type CutNote = (omitted: number, kept: number) => string;

/**
 * `text` whole when it has at most `max` code units; otherwise its start and `ellipsis`, at most
 * `max` code units together. When even the ellipsis does not fit, as much of the ellipsis as fits.
 */
export function truncate(text: string, max: number, ellipsis = '…'): string {
  if (text.length <= max) return text;
  if (max < ellipsis.length) return ellipsis.slice(0, boundaryAtOrBefore(ellipsis, max));
  return text.slice(0, boundaryAtOrBefore(text, max - ellipsis.length)) + ellipsis;
}

/**
 * `text` whole when it has at most `max` code units; otherwise at most its first `max`, followed by
 * `note(omitted, kept)`. The note is not counted in `max`: it says what was cut and how to see it.
 */
export function keepStart(text: string, max: number, note: CutNote): string {
  if (text.length <= max) return text;
  const end = boundaryAtOrBefore(text, max);
  return text.slice(0, end) + note(text.length - end, end);
}

/**
 * `text` whole when it has at most `max` code units; otherwise `note(omitted, kept)` and at most its
 * last `max`: for output whose conclusion (an error, an exit status) comes last.
 */
export function keepEnd(text: string, max: number, note: CutNote): string {
  if (text.length <= max) return text;
  const start = boundaryAtOrAfter(text, text.length - max);
  return note(start, text.length - start) + text.slice(start);
}
