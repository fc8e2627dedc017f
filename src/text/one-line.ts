import { truncate } from './truncate.js';

/**
 * `text` on one line, for a list entry, a label or a value quoted in a message: every run of white
 * space (line breaks and tabs included) becomes one space, the ends are trimmed, and a line longer
 * than `max` code units is cut to `max`, ending in `…` (see `truncate`). Other control characters
 * are left to the sanitizer of wherever the line goes, which removes an escape sequence with its
 * payload only while the sequence is whole.
 */
export function oneLine(text: string, max = Number.POSITIVE_INFINITY): string {
  return truncate(text.replace(/\s+/g, ' ').trim(), max);
}
